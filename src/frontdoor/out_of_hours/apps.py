from django.apps import AppConfig


class OutOfHoursConfig(AppConfig):
    name = "frontdoor.out_of_hours"
    label = "out_of_hours"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .panels import person_out_of_hours_panel

        register_panel(41, person_out_of_hours_panel)
