from django.apps import AppConfig


class PoliceConfig(AppConfig):
    name = "frontdoor.police"
    label = "police"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .panels import person_police_panel

        register_panel(40, person_police_panel)
