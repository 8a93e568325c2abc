"""Child protection: what hangs off a referral (CIN episode) once harm is suspected.

Strategy discussions with their participants and actions, section 47 enquiries with their ICPC,
child protection plans and their review conferences. Every record links to the referral (the
episode) and the child. Census names in comments: S47ActualStartDate, InitialCPCtarget,
DateOfInitialCPC, ICPCnotRequired, CPPstartDate, CPPendDate.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from frontdoor.core.codes import Agency, CategoryOfAbuse
from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person

USER = settings.AUTH_USER_MODEL


class StrategyDecision(models.TextChoices):
    S47_SINGLE = "s47_single", "Section 47 enquiry: single agency (social care)"
    S47_JOINT = "s47_joint", "Section 47 enquiry: joint with police"
    ASSESSMENT = "assessment", "No section 47: child and family assessment"
    OTHER = "other", "No section 47: other action"


class StrategyDiscussion(Versioned):
    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    lead = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField()
    information_shared = models.TextField()
    decision = models.CharField(max_length=20, choices=StrategyDecision.choices)
    rationale = models.TextField()
    # The discussion that started the s47: its date is the s47's start date (S47ActualStartDate).
    initiates_s47 = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_at", "-id"]

    @property
    def is_s47(self) -> bool:
        return self.decision in (StrategyDecision.S47_SINGLE, StrategyDecision.S47_JOINT)


class Participant(models.Model):
    """Someone at a strategy discussion, by agency and role."""

    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(max_length=200)
    agency = models.CharField(max_length=30, choices=Agency.choices)
    role = models.CharField(max_length=200)


class S47Outcome(models.TextChoices):
    ICPC = "substantiated_icpc", "Concerns substantiated: an ICPC is needed"
    NO_ICPC = "substantiated_no_icpc", "Concerns substantiated: no ICPC needed"
    NOT_SUBSTANTIATED = "not_substantiated", "Concerns not substantiated"


class Section47Enquiry(Versioned):
    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.PROTECT, related_name="s47_enquiries"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="s47_enquiries")
    strategy_discussion = models.OneToOneField(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="s47"
    )
    joint = models.BooleanField(default=False)
    start_date = (
        models.DateField()
    )  # S47ActualStartDate = date of the initiating strategy discussion
    icpc_target = models.DateField()  # InitialCPCtarget = start + 15 working days, stored at start
    child_seen_date = models.DateField(null=True, blank=True)
    seen_alone = models.BooleanField(null=True, blank=True)
    not_seen_alone_reason = models.TextField(blank=True)
    child_words = models.TextField(blank=True)
    outcome = models.CharField(max_length=30, choices=S47Outcome.choices, blank=True)
    outcome_date = models.DateField(null=True, blank=True)
    icpc_not_required = models.BooleanField(default=False)  # ICPCnotRequired
    icpc_date = models.DateField(null=True, blank=True)  # DateOfInitialCPC
    cp_plan = models.BooleanField(null=True, blank=True)  # did the ICPC result in a CP plan
    initial_category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices, blank=True)
    worker = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            # CIN census: at most one open s47 per episode (open = no outcome yet, or an ICPC is
            # needed and not yet held; the same rule as `is_open`).
            models.UniqueConstraint(
                fields=["referral"],
                condition=models.Q(outcome="")
                | models.Q(outcome="substantiated_icpc", icpc_date__isnull=True),
                name="one_open_s47_per_referral",
            ),
            # One ICPC per s47: the ICPC is held only when the outcome said one is needed.
            models.CheckConstraint(
                condition=models.Q(icpc_date__isnull=True) | models.Q(outcome="substantiated_icpc"),
                name="s47_icpc_only_when_needed",
            ),
        ]

    @property
    def is_open(self) -> bool:
        """Open until its outcome is recorded, and (when an ICPC is needed) until the ICPC is held."""
        if not self.outcome:
            return True
        return self.outcome == S47Outcome.ICPC and self.icpc_date is None


class ChildProtectionPlan(Versioned):
    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.PROTECT, related_name="cp_plans"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cp_plans")
    s47 = models.OneToOneField(
        Section47Enquiry, on_delete=models.PROTECT, related_name="cp_plan_record"
    )
    start_date = models.DateField()  # CPPstartDate = the ICPC date
    end_date = models.DateField(null=True, blank=True)  # CPPendDate
    end_reason = models.CharField(max_length=300, blank=True)
    initial_category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices)
    latest_category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices)
    first_review_due = models.DateField()  # within 3 months of the ICPC (Working Together)
    next_review_due = models.DateField(null=True, blank=True)  # then at most every 6 months
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            # A child is on at most one child protection plan at a time (a second plan while one is
            # open would be counted twice in the census).
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(end_date__isnull=True),
                name="one_open_cp_plan_per_child",
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class ReviewConference(models.Model):
    """A CP review conference (CPPreviewDate), with the due date it answered."""

    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.CASCADE, related_name="reviews")
    due_date = models.DateField()
    held_date = models.DateField()
    plan_continues = models.BooleanField(default=True)
    category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["held_date", "id"]

    @property
    def on_time(self) -> bool:
        return self.held_date <= self.due_date


CPReview = ReviewConference


class ActionItem(models.Model):
    """An action with an owner and a due date, from a strategy discussion or a group supervision."""

    discussion = models.ForeignKey(
        StrategyDiscussion, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    supervision = models.ForeignKey(
        "assessments.GroupSupervision",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="actions",
    )
    owner = models.CharField(max_length=200)
    action = models.TextField()
    due_date = models.DateField()
    done_date = models.DateField(null=True, blank=True)
    # Closed because its referral closed (done_date is then the referral's closure date), not
    # because anyone did it: shown as "closed with the referral", never as overdue.
    closed_with_referral = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_date", "id"]
