from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "frontdoor.screening"
    label = "screening"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .selectors import person_screening_panel

        register_panel(5, person_screening_panel)
