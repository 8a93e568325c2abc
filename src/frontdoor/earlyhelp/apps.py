from django.apps import AppConfig


class EarlyhelpConfig(AppConfig):
    name = "frontdoor.earlyhelp"
    label = "earlyhelp"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .selectors import person_early_help_panel

        register_panel(30, person_early_help_panel)
