"""Case notes on a child's record: what happened (a visit, a phone call, a meeting, supervision or
a manager's oversight), when it happened (not when it was typed), who was seen, and what was
learnt. A note is on the child's chronology at the time of the event. Its author may change it for
a short while after writing it (versioned); after that it is added to, never rewritten
(`CaseNoteAmendment`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person


class NoteKind(models.TextChoices):
    VISIT = "visit", "Visit"
    PHONE_CALL = "phone_call", "Phone call"
    MEETING = "meeting", "Meeting"
    MANAGEMENT_OVERSIGHT = "management_oversight", "Management oversight"
    SUPERVISION = "supervision", "Supervision"


class OversightPoint(models.TextChoices):
    """The points at which a manager must record management oversight on the child's record
    (the chronology kinds of the events that start it)."""

    DECISION = "decision_authorised", "Screening decision"
    ALLOCATION = "allocation", "Allocation"
    ASSESSMENT = "assessment_complete", "Assessment sign-off"


class CaseNote(Versioned):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_notes")
    kind = models.CharField(max_length=30, choices=NoteKind.choices)
    # When the visit, call or meeting happened: the chronology is ordered by this.
    occurred_at = models.DateTimeField()
    text = models.TextField()
    # The people seen or spoken to: the child and members of the child's household.
    seen = models.ManyToManyField(Person, blank=True, related_name="+")
    others_seen = models.CharField(max_length=300, blank=True)
    # A management oversight note says which point it covers (blank: oversight at another time).
    oversight_point = models.CharField(max_length=30, choices=OversightPoint.choices, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["person", "kind", "occurred_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="case_note_has_text"),
            models.CheckConstraint(
                condition=Q(occurred_at__lte=F("created_at")),
                name="case_note_event_not_after_writing",
            ),
            models.CheckConstraint(
                condition=Q(kind="management_oversight") | Q(oversight_point=""),
                name="case_note_oversight_point_only_on_oversight",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%d/%m/%Y}"


class CaseNoteAmendment(models.Model):
    """Added to a note after its author's editing window: the note as written is kept."""

    note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="amendments")
    text = models.TextField()
    amended_at = models.DateTimeField()
    amended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["amended_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="case_note_amendment_has_text")
        ]
