"""Data protection records: legal holds that stop destruction, and the log of subject access exports.

Destruction itself leaves no row here: its stub is an audit event (`action="destroyed"`), which the
append-only audit trail keeps for good and which holds ids and counts, never a name.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person


class LegalHold(Versioned):
    """A hold on a person's records (litigation, an inquiry such as IICSA, a complaint to the
    ombudsman, a police investigation): nothing about the person is destroyed while it is active."""

    # PROTECT: a person under any hold record cannot be deleted by accident; destruction removes
    # released holds first, in its own transaction, and refuses while a hold is active.
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.TextField()
    placed_at = models.DateTimeField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    release_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(released_at__isnull=True),
                name="one_active_legal_hold_per_person",
            ),
            models.CheckConstraint(
                condition=Q(released_at__isnull=True, released_by__isnull=True)
                | Q(released_at__isnull=False, released_by__isnull=False),
                name="legal_hold_released_by_whom_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"Legal hold {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.released_at is None


class SubjectAccessExport(models.Model):
    """One subject access export: what was released to whom and a hash of the zip (the zip itself
    is not kept: it is a second copy of the records). Destroyed with the person; the audit row of
    the export stays."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="subject_access")
    person_ref = models.CharField(max_length=20)
    requester = models.CharField(max_length=200)
    received_on = models.DateField()
    exported_at = models.DateTimeField()
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Keys of the third parties released unredacted after the review (empty: all redacted).
    released = models.JSONField(default=list, blank=True)
    third_parties = models.PositiveIntegerField(default=0)
    record_types = models.JSONField(default=list, blank=True)
    sha256 = models.CharField(max_length=64)
    # The review form's one-time token: a second post of the same form makes no second export.
    form_token = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-exported_at", "-id"]

    def __str__(self) -> str:
        return f"Subject access export {self.pk}"
