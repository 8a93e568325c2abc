from django.apps import AppConfig


class SearchIndexConfig(AppConfig):
    name = "frontdoor.search_index"
    label = "search_index"
    verbose_name = "People search index"
