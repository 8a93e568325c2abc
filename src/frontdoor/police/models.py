"""Police notifications (PPNs), the daily multi-agency screening meeting and Operation Encompass."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from frontdoor.core.codes import Agency
from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person


class IncidentType(models.TextChoices):
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    OTHER = "other", "Other"


class DashLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class ImportStatus(models.TextChoices):
    RUNNING = "running", "Importing"
    FINISHED = "finished", "Finished"
    STOPPED = "stopped", "Stopped before the end"


class PoliceImport(models.Model):
    """One upload (or command-line run) of a police notifications file and what became of each row.

    Written as the import goes: the counts always match what is in the database (they are saved
    in the same transaction as each batch of notifications), so a page can show progress."""

    filename = models.CharField(max_length=200)
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.RUNNING
    )
    # Why an import stopped before the end (the notifications counted were saved whole).
    stopped_reason = models.TextField(blank=True)
    # Last progress saved: a running import not updated for a while has died with its process.
    updated_at = models.DateTimeField(null=True, blank=True)
    rows_read = models.PositiveIntegerField(default=0)  # rows in the file (blank rows not counted)
    rows_done = models.PositiveIntegerField(default=0)  # rows dealt with so far
    notifications_added = models.PositiveIntegerField(default=0)
    children_added = models.PositiveIntegerField(default=0)  # = rows imported
    rows_already_imported = models.PositiveIntegerField(default=0)
    rows_refused = models.PositiveIntegerField(default=0)
    # [{"row": 4, "reference": "...", "reason": "..."}], row numbers as in the file (header = row 1)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"Police import {self.pk} ({self.filename})"


class PoliceNotification(Versioned):
    # Stored trimmed; unique whatever its case (the police send "ppn-1" and "PPN-1" alike).
    police_reference = models.CharField(max_length=40)
    incident_at = models.DateTimeField()
    incident_type = models.CharField(max_length=20, choices=IncidentType.choices)
    dash_level = models.CharField(max_length=10, choices=DashLevel.choices, blank=True)
    victim_name = models.CharField(max_length=200, blank=True)
    perpetrator_name = models.CharField(max_length=200, blank=True)
    # Normalised victim name + postcode: the "same victim or household" key for MARAC counting.
    victim_key = models.CharField(max_length=120, blank=True, db_index=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    summary = models.TextField()
    received_at = models.DateTimeField()
    # The working day whose multi-agency screening meeting considers it.
    screening_day = models.DateField(db_index=True)
    police_import = models.ForeignKey(
        PoliceImport, null=True, blank=True, on_delete=models.PROTECT, related_name="notifications"
    )
    # MARAC: flagged at import (DASH high, or 3+ incidents in 12 months), recorded when referred.
    marac_reason = models.CharField(max_length=200, blank=True)
    marac_referred_at = models.DateTimeField(null=True, blank=True)
    marac_referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    marac_note = models.TextField(blank=True)

    class Meta:
        ordering = ["incident_at", "id"]
        indexes = [models.Index(fields=["incident_at"])]
        constraints = [
            models.UniqueConstraint(
                Lower("police_reference"), name="unique_police_reference_any_case"
            ),
            models.CheckConstraint(
                condition=~models.Q(police_reference=""), name="police_reference_not_blank"
            ),
        ]

    def __str__(self) -> str:
        return f"Police notification {self.police_reference}"


class MatchStatus(models.TextChoices):
    LINKED = "linked", "Matched to the people index"
    AWAITING_REVIEW = "awaiting_review", "Awaiting review"
    CONFIRMED = "confirmed", "Match confirmed by the MASH"
    CREATED = "created", "Added to the people index by the MASH"


class Decision(models.TextChoices):
    NFA = "nfa", "No further action"
    INFORMATION = "information", "Information to school or health visitor only"
    EARLY_HELP = "early_help", "Early help"
    MASH_CONTACT = "mash_contact", "MASH contact for screening"
    STRATEGY = "strategy_discussion", "Strategy discussion"


class NotificationChild(Versioned):
    """A child present at or living where the incident happened, as the police gave them."""

    notification = models.ForeignKey(
        PoliceNotification, on_delete=models.CASCADE, related_name="children"
    )
    row_number = models.PositiveIntegerField()
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    school = models.CharField(max_length=200, blank=True)
    present = models.BooleanField()
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="police_notification_links",
    )
    match_status = models.CharField(max_length=20, choices=MatchStatus.choices)
    match_note = models.CharField(max_length=300, blank=True)
    candidate_ids = models.JSONField(default=list, blank=True)
    # Open case: the allocated worker of the child's open referral at import or match.
    routed_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="routed_notifications",
    )
    routed_referral = models.ForeignKey(
        "cases.Referral",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="routed_police_notifications",
    )
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_rationale = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The contact this child's decision made (MASH contact or strategy discussion): the spine.
    contact = models.ForeignKey(
        "intake.Contact",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="police_notification_children",
    )
    # An early help decision's step-down links back here (StepDown.police_child, one-to-one:
    # `child.requested_stepdown`), so no id of it is kept on this side.

    class Meta:
        ordering = ["notification_id", "row_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "first_name", "last_name", "date_of_birth"],
                name="unique_child_per_notification",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def needs_review(self) -> bool:
        return self.match_status == MatchStatus.AWAITING_REVIEW


class ScreeningMeeting(models.Model):
    """The daily multi-agency screening of one working day's notifications."""

    day = models.DateField(unique=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Screening meeting {self.day:%d/%m/%Y}"


class ScreeningAttendee(models.Model):
    meeting = models.ForeignKey(
        ScreeningMeeting, on_delete=models.CASCADE, related_name="attendees"
    )
    name = models.CharField(max_length=200)
    agency = models.CharField(max_length=20, choices=Agency.choices)
    role = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_agency_display()})"


class EncompassRecipient(models.TextChoices):
    SCHOOL_DSL = "school_dsl", "School designated safeguarding lead"
    HEALTH_VISITOR = "health_visitor", "Health visitor"
    SCHOOL_NURSE = "school_nurse", "School nurse"
    EDUCATION_TEAM = "education_team", "Council education team"


class EncompassMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    SECURE_EMAIL = "secure_email", "Secure email"
    IN_PERSON = "in_person", "In person"
    PORTAL = "portal", "Secure portal"


class EncompassNotice(Versioned):
    """Operation Encompass: telling a child's school (or health visitor) before the next school day."""

    child = models.ForeignKey(NotificationChild, on_delete=models.CASCADE, related_name="notices")
    recipient = models.CharField(max_length=20, choices=EncompassRecipient.choices)
    organisation = models.CharField(max_length=200, blank=True)
    routing_reason = models.CharField(max_length=200, blank=True)
    due_at = models.DateTimeField(db_index=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    told_name = models.CharField(max_length=200, blank=True)
    method = models.CharField(max_length=20, choices=EncompassMethod.choices, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "recipient"], name="unique_encompass_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"Operation Encompass notice {self.pk}"

    @property
    def is_done(self) -> bool:
        return self.notified_at is not None

    @property
    def was_late(self) -> bool:
        return self.notified_at is not None and self.notified_at > self.due_at
