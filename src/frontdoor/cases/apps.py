from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "frontdoor.cases"
    label = "cases"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .selectors import person_case_panel, person_lead_panel

        register_panel(10, person_case_panel)
        register_panel(11, person_lead_panel)
