from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "frontdoor.administration"
    label = "administration"
