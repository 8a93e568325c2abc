"""Pre-proceedings (the Public Law Outline's pre-proceedings stage) and family group
decision-making (FGDM), as the 2026-27 CIN census's `PreProceedingsandFGDM` block counts them.

One `PreProceedings` row per child per time the local authority decides, at a legal planning
meeting, to start pre-proceedings. Field names are the census item names (N00826 …); the
Children's Wellbeing and Schools Act 2026 s1 (new s31ZA Children Act 1989) requires the FGDM offer in
the letter before proceedings. The dates follow in order, which the database holds as well as the
services (DfE rules 9006, 9009, 9012, 9013):

    pp_start_date <= lbp_sent_date
    pp_start_date <= step_decision_date <= court_app_date <= letter_init_cp_date

Pre-proceedings meetings (the first effective one and the reviews after it) are
`PreProceedingsMeeting` rows: `InitialPPMeetingDate` is the first's date and `ReviewMeetingsCount`
counts the rest (`selectors.census_block`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person

USER = settings.AUTH_USER_MODEL


class StepDecision(models.TextChoices):
    """The decision that ends pre-proceedings (StepDecisionDate is its date)."""

    STEP_UP = "step_up", "Step up: apply to court for care proceedings"
    STEP_DOWN_CP = "step_down_cp", "Step down: continue under the child protection plan"
    STEP_DOWN_CIN = "step_down_cin", "Step down: continue under a child in need plan"
    CLOSE = "close", "Step down: pre-proceedings end with no further plan"


class PreProceedings(Versioned):
    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.PROTECT, related_name="pre_proceedings"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="pre_proceedings")
    # PPStartDate (N00826): the legal planning meeting's decision to start pre-proceedings.
    pp_start_date = models.DateField()
    legal_planning_notes = models.TextField()
    # LBPSentDate (N00827) and FGDMMeetingOffer (N00828): the letter before proceedings.
    lbp_sent_date = models.DateField(null=True, blank=True)
    fgdm_meeting_offer = models.BooleanField(null=True, blank=True)
    # FGDMMeetingFac (N00829): an FGDM meeting was facilitated after the offer (and when).
    fgdm_meeting_fac = models.BooleanField(null=True, blank=True)
    fgdm_meeting_date = models.DateField(null=True, blank=True)
    fgdm_not_held_reason = models.TextField(blank=True)
    # StepDecisionDate (N00832, inferred) and the decision; PPOutcome (N00833) is derived from the
    # decision by a setting (`PRE_PROCEEDINGS_OUTCOME_CODES`), as CS131's meanings are unpublished.
    step_decision_date = models.DateField(null=True, blank=True)
    step_decision = models.CharField(max_length=20, choices=StepDecision.choices, blank=True)
    # CourtAppDate (N00834) and LetterInitCPDate (N00835, inferred).
    court_app_date = models.DateField(null=True, blank=True)
    letter_init_cp_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-pp_start_date", "-id"]
        verbose_name_plural = "pre-proceedings"
        constraints = [
            # A child is in at most one open pre-proceedings at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(step_decision_date__isnull=True),
                name="pp_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=Q(lbp_sent_date__isnull=True) | Q(lbp_sent_date__gte=F("pp_start_date")),
                name="pp_letter_on_or_after_start",
            ),
            # DfE 9007: a letter sent says whether an FGDM meeting was offered in it.
            models.CheckConstraint(
                condition=Q(lbp_sent_date__isnull=True) | Q(fgdm_meeting_offer__isnull=False),
                name="pp_letter_says_fgdm_offer",
            ),
            models.CheckConstraint(
                condition=Q(fgdm_meeting_fac__isnull=True) | Q(lbp_sent_date__isnull=False),
                name="pp_fgdm_held_after_letter",
            ),
            models.CheckConstraint(
                condition=Q(fgdm_meeting_date__isnull=True)
                | (Q(fgdm_meeting_fac=True) & Q(fgdm_meeting_date__gte=F("lbp_sent_date"))),
                name="pp_fgdm_date_when_held",
            ),
            models.CheckConstraint(
                condition=(Q(step_decision_date__isnull=True) & Q(step_decision=""))
                | (Q(step_decision_date__gte=F("pp_start_date")) & ~Q(step_decision="")),
                name="pp_step_decision_dated_after_start",
            ),
            models.CheckConstraint(
                condition=Q(court_app_date__isnull=True)
                | (Q(step_decision="step_up") & Q(court_app_date__gte=F("step_decision_date"))),
                name="pp_court_after_step_up",
            ),
            models.CheckConstraint(
                condition=Q(letter_init_cp_date__isnull=True)
                | Q(letter_init_cp_date__gte=F("court_app_date")),
                name="pp_letter_to_initiate_after_court",
            ),
        ]

    def __str__(self) -> str:
        return f"Pre-proceedings from {self.pp_start_date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.step_decision_date is None


class MeetingKind(models.TextChoices):
    INITIAL = "initial", "Initial pre-proceedings meeting"
    REVIEW = "review", "Pre-proceedings review meeting"


class PreProceedingsMeeting(models.Model):
    """A pre-proceedings meeting with the parents (and their lawyers): the first effective one,
    then reviews."""

    pre_proceedings = models.ForeignKey(
        PreProceedings, on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(max_length=10, choices=MeetingKind.choices)
    held_date = models.DateField()
    parents_attended = models.BooleanField(default=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["held_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pre_proceedings"],
                condition=Q(kind="initial"),
                name="pp_one_initial_meeting",
            ),
        ]
