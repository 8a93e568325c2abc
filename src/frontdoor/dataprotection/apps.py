from django.apps import AppConfig


class DataprotectionConfig(AppConfig):
    name = "frontdoor.dataprotection"
    label = "dataprotection"
    verbose_name = "Data protection: retention, legal holds and subject access"
