from django.apps import AppConfig


class AllegationsConfig(AppConfig):
    name = "frontdoor.allegations"
    label = "allegations"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .selectors import person_allegation_panel

        register_panel(60, person_allegation_panel)
