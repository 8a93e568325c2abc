from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "frontdoor.letters"
    label = "letters"

    def ready(self) -> None:
        from frontdoor.people.panels import register_panel

        from .selectors import person_letters_panel

        register_panel(75, person_letters_panel)
