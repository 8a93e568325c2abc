from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "frontdoor.pathways"
    label = "pathways"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .panels import person_pathways_panel

        register_panel(40, person_pathways_panel)
