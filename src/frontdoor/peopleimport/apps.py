from django.apps import AppConfig


class PeopleImportConfig(AppConfig):
    name = "frontdoor.peopleimport"
    label = "peopleimport"
