from django.apps import AppConfig


class CaseNotesConfig(AppConfig):
    name = "frontdoor.casenotes"
    label = "casenotes"
    verbose_name = "Case notes"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .selectors import person_notes_panel

        register_panel(30, person_notes_panel)
