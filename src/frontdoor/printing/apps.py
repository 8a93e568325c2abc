from django.apps import AppConfig


class PrintingConfig(AppConfig):
    name = "frontdoor.printing"
    label = "printing"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .selectors import person_print_panel

        register_panel(95, person_print_panel)
