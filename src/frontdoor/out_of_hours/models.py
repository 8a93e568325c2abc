"""Emergency duty team (out of hours) records and their handover to the day service."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from frontdoor.core.codes import Agency
from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person


class EdtAction(models.TextChoices):
    ADVICE = "advice", "Advice given"
    VISIT = "visit", "Visit"
    POLICE_PROTECTION = "police_protection", "Police protection"
    EMERGENCY_ACCOMMODATION = "emergency_accommodation", "Emergency accommodation"
    STRATEGY = "strategy_discussion", "Strategy discussion"
    OTHER = "other", "Other"


class EdtRecord(Versioned):
    received_at = models.DateTimeField()
    caller_name = models.CharField(max_length=200)
    caller_agency = models.CharField(max_length=20, choices=Agency.choices)
    caller_phone = models.CharField(max_length=40, blank=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="edt_records")
    address = models.CharField(max_length=300, blank=True)
    request = models.TextField()
    # "Can it safely wait until the next working day?" (DOMAIN.md §8: EDT does only what cannot.)
    can_wait = models.BooleanField()
    risk_judgement = models.TextField()
    actions = models.JSONField(default=list)
    actions_other = models.CharField(max_length=200, blank=True)
    rationale = models.TextField()
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Local practice: handed to the day service by 09:00 the next working day. Stored at recording.
    handover_due_at = models.DateTimeField(db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledgement_note = models.TextField(blank=True)
    # The contact made when the MASH acknowledged the handover (the spine).
    contact = models.ForeignKey(
        "intake.Contact",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="edt_records",
    )

    class Meta:
        ordering = ["handover_due_at", "id"]

    def __str__(self) -> str:
        return f"Out-of-hours record {self.pk}"

    @property
    def action_labels(self) -> list[str]:
        labels = dict(EdtAction.choices)
        return [labels.get(a, a) for a in self.actions]

    @property
    def acknowledged_late(self) -> bool:
        return self.acknowledged_at is not None and self.acknowledged_at > self.handover_due_at
