from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "frontdoor.audit"
    label = "audit"

    def ready(self) -> None:
        from .appendonly import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="frontdoor_audit_sqlite")
