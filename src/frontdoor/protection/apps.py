from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "frontdoor.protection"
    label = "protection"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .selectors import person_protection_panel

        register_panel(20, person_protection_panel)
