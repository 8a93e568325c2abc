from django.apps import AppConfig


class AllegationsConfig(AppConfig):
    name = "frontdoor.allegations"
    label = "allegations"
