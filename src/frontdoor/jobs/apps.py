from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "frontdoor.jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        from . import kinds  # noqa: F401 - registers the job kinds
