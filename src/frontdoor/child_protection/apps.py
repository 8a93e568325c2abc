from django.apps import AppConfig


class ChildProtectionConfig(AppConfig):
    name = "frontdoor.child_protection"
    label = "child_protection"
    verbose_name = "Child protection"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .selectors import person_protection_panel

        register_panel(20, person_protection_panel)
