from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "frontdoor.visits"
    label = "visits"
    verbose_name = "Child in need plans and statutory visits"
