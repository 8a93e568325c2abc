from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "frontdoor.protection"
    label = "protection"
