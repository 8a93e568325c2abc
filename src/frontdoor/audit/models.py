"""The append-only audit trail: every view of a person's record and every change or decision."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models


class AuditIsAppendOnly(Exception):
    """Raised on an attempt to change or delete an audit event through the model's own methods.

    These Python guards give a clear error early; the guarantee itself is in the database: triggers
    (migration 0002) refuse every UPDATE and DELETE on the table, whatever route the SQL takes.
    """


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditIsAppendOnly("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise AuditIsAppendOnly("Audit events cannot be deleted.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditIsAppendOnly("Audit events cannot be changed.")


class AuditEvent(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_username = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=40, blank=True)
    action = models.CharField(max_length=60)
    record_type = models.CharField(max_length=60)
    record_id = models.CharField(max_length=100)
    # For views and changes of anything that belongs to a child: the person, for "who has viewed".
    person_id = models.BigIntegerField(null=True, blank=True)
    at = models.DateTimeField()
    client_address = models.GenericIPAddressField(null=True, blank=True)
    # The server's own id for the request (a uuid4 made by RequestContextMiddleware, never taken
    # from the client), so rows of one request can be grouped with certainty.
    request_id = models.CharField(max_length=36, blank=True)
    # Whatever the client (or a proxy in front of us) sent as X-Request-Id, kept for correlating with
    # its logs only: it is not trusted and never used as the id.
    client_request_id = models.CharField(max_length=100, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["person_id", "-at"]),
            models.Index(fields=["record_type", "record_id"]),
            models.Index(fields=["actor", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.record_type}:{self.record_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditIsAppendOnly("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditIsAppendOnly("Audit events cannot be deleted.")
