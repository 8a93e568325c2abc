from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "frontdoor.intake"
    label = "intake"
