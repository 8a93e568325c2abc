"""Child in need plans and statutory visits to children on a plan.

A `CINPlan` hangs off the referral (the CIN episode), like a child protection plan: its start and
end are the census's `CINPlanDates` (CINPlanStartDate, CINPlanEndDate); its reviews are
`CINPlanReview` rows. A `StatutoryVisit` is a visit to a child on a child protection plan or a child
in need plan (exactly one of the two): the date, whether the child was seen, seen alone, and by whom.
Annex A list 7 reads the last visit to a child on a CP plan and whether the child was seen alone.
Each visit stores when the next is due (`next_due`, working days from the calendar by the plan's
kind, `settings.STATUTORY_VISIT_WORKING_DAYS`), so reports never recompute it differently.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person

USER = settings.AUTH_USER_MODEL


class CINPlan(Versioned):
    referral = models.ForeignKey(
        "cases.Referral", on_delete=models.PROTECT, related_name="cin_plans"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cin_plans")
    start_date = models.DateField()  # CINPlanStartDate
    end_date = models.DateField(null=True, blank=True)  # CINPlanEndDate
    end_reason = models.CharField(max_length=300, blank=True)
    outcomes = models.TextField()  # what the plan is to achieve, agreed with the family
    first_visit_due = models.DateField()  # stored when the plan starts
    next_review_due = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(end_date__isnull=True),
                name="one_open_cin_plan_per_child",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="cin_plan_ends_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Child in need plan from {self.start_date:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None


class CINPlanReview(models.Model):
    plan = models.ForeignKey(CINPlan, on_delete=models.CASCADE, related_name="reviews")
    held_date = models.DateField()
    due_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["held_date", "id"]


class StatutoryVisit(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="statutory_visits")
    cp_plan = models.ForeignKey(
        "child_protection.ChildProtectionPlan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statutory_visits",
    )
    cin_plan = models.ForeignKey(
        CINPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="statutory_visits"
    )
    visit_date = models.DateField()
    child_seen = models.BooleanField()
    seen_alone = models.BooleanField(null=True, blank=True)  # asked only when the child was seen
    not_seen_reason = models.TextField(blank=True)
    visited_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    visitor_name = models.CharField(max_length=200)  # as shown in returns, kept if the user leaves
    next_due = models.DateField()
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-visit_date", "-id"]
        indexes = [models.Index(fields=["person", "visit_date"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(cp_plan__isnull=True) & Q(cin_plan__isnull=False))
                | (Q(cp_plan__isnull=False) & Q(cin_plan__isnull=True)),
                name="visit_under_exactly_one_plan",
            ),
            models.CheckConstraint(
                condition=Q(child_seen=True) | Q(seen_alone__isnull=True),
                name="visit_seen_alone_only_if_seen",
            ),
            models.CheckConstraint(
                condition=Q(child_seen=False) | Q(seen_alone__isnull=False),
                name="visit_seen_says_if_alone",
            ),
            models.CheckConstraint(
                condition=Q(next_due__gt=F("visit_date")), name="visit_next_due_after_visit"
            ),
        ]
