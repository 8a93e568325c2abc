from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "frontdoor.sharing"
    label = "sharing"
    verbose_name = "Information sharing"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .selectors import person_sharing_panel

        register_panel(90, person_sharing_panel)
