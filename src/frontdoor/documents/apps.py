from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "frontdoor.documents"
    label = "documents"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .selectors import person_documents_panel

        register_panel(70, person_documents_panel)
