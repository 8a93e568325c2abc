from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "frontdoor.pathways"
    label = "pathways"
