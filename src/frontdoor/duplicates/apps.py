from django.apps import AppConfig


class DuplicatesConfig(AppConfig):
    name = "frontdoor.duplicates"
    label = "duplicates"
