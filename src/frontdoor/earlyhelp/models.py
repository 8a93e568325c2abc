"""Early help: step-downs from social care, early help episodes and early help assessments.

A step-down carries the social care summary and the analysis of risks and protective factors to
the early help manager, so the family need not tell its story again. Accepting it opens an early
help episode with a named lead professional and organisation. An episode records the early help
assessment (start and completion, Annex A list 2) and ends with outcomes met, step-up or no further
action. A step-up creates a contact (source 5D) that goes through the normal MASH queue.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person


class StepDownSource(models.TextChoices):
    SCREENING = "screening", "MASH screening decision"
    ASSESSMENT = "assessment", "Social work assessment outcome"
    POLICE_NOTIFICATION = "police_notification", "Daily police notification screening"


class StepDownStatus(models.TextChoices):
    PENDING = "pending", "Awaiting decision"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class StepDown(Versioned):
    """A request from social care for early help to work with a child and family. It comes from
    exactly one record: a MASH screening decision, a daily police notification screening (one child
    in it) or a social work assessment; each of those steps a child down once."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="early_help_stepdowns"
    )
    decision = models.OneToOneField(
        "screening.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stepdown",
    )
    police_child = models.OneToOneField(
        "police.NotificationChild",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requested_stepdown",
    )
    assessment = models.OneToOneField(
        "assessments.Assessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stepdown",
    )
    summary = models.TextField()
    risks_and_protective_factors = models.TextField()
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=StepDownStatus.choices, default=StepDownStatus.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        indexes = [models.Index(fields=["status", "requested_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(decision__isnull=False, police_child__isnull=True, assessment__isnull=True)
                    | Q(decision__isnull=True, police_child__isnull=False, assessment__isnull=True)
                    | Q(decision__isnull=True, police_child__isnull=True, assessment__isnull=False)
                ),
                name="early_help_stepdown_exactly_one_source",
            )
        ]

    def __str__(self) -> str:
        return f"Step-down {self.pk} ({self.get_status_display().lower()})"

    @property
    def source_type(self) -> str:
        if self.decision_id is not None:
            return StepDownSource.SCREENING
        if self.police_child_id is not None:
            return StepDownSource.POLICE_NOTIFICATION
        return StepDownSource.ASSESSMENT

    @property
    def source_label(self) -> str:
        return StepDownSource(self.source_type).label

    @property
    def source_phrase(self) -> str:
        """For sentences: "from a MASH screening decision"."""
        phrases = {
            "screening": "a MASH screening decision",
            "assessment": "a social work assessment outcome",
            "police_notification": "the daily police notification screening",
        }
        return phrases[self.source_type]


class EndReason(models.TextChoices):
    OUTCOMES_MET = "outcomes_met", "Outcomes met"
    STEP_UP = "step_up", "Stepped up to children's social care"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


class EarlyHelpEpisode(Versioned):
    """A period of early help for a child, led by a named lead professional. A child has at most
    one open episode (the database refuses a second: it would split the family's plan in two)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="early_help_episodes")
    stepdown = models.OneToOneField(
        StepDown, null=True, blank=True, on_delete=models.PROTECT, related_name="episode"
    )
    start_date = models.DateField()
    lead_professional = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    # Annex A list 2: early help assessment start, completion and the organisation completing it.
    assessment_start_date = models.DateField(null=True, blank=True)
    assessment_completion_date = models.DateField(null=True, blank=True)
    assessment_organisation = models.CharField(max_length=200, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    step_up_reason = models.TextField(blank=True)
    step_up_contact = models.ForeignKey(
        "intake.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["start_date"]),
            models.Index(fields=["assessment_start_date"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(end_date__isnull=True),
                name="early_help_one_open_episode_per_child",
            )
        ]

    def __str__(self) -> str:
        return f"Early help episode {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None
