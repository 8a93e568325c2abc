"""Referrals (CIN episodes) and their allocation: what the CIN census counts as an episode.

A referral opens when an authorised MASH decision sends a child for assessment or a strategy
discussion. Its dates and codes are the census's: CINreferralDate, ReferralSource, PrimaryNeedCode,
CINclosureDate, ReasonForClosure, ReferralNFA.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from frontdoor.core.codes import PrimaryNeed, ReasonForClosure, ReferralSource
from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person


class Referral(Versioned):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    referral_date = models.DateField()
    source = models.CharField(max_length=3, choices=ReferralSource.choices)
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    # ReferralNFA: the referral led to no further action (no assessment, s47 or ICPC).
    nfa = models.BooleanField(default=False)
    closure_date = models.DateField(null=True, blank=True)
    reason_for_closure = models.CharField(
        max_length=3, choices=ReasonForClosure.choices, blank=True
    )
    # The contact it came from; the MASH decision that opened it points here (`Decision.referral`).
    contact = models.ForeignKey(
        "intake.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Opened by a "strategy discussion (immediate risk)" decision: a named worker is needed at
    # once. `allocation_due` is stored when the clock starts (docs/allocation.md).
    urgent = models.BooleanField(default=False)
    allocation_due = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-referral_date", "-id"]
        indexes = [
            models.Index(fields=["person", "referral_date"]),
            models.Index(fields=["referral_date"]),
        ]
        constraints = [
            # CIN census: at most one open episode per child. The guard gives the readable message;
            # this is the last word when two authorisations race.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(closure_date__isnull=True),
                name="one_open_referral_per_child",
            ),
            models.CheckConstraint(
                condition=Q(closure_date__isnull=True) | Q(closure_date__gte=F("referral_date")),
                name="referral_closed_on_or_after_referral_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk} ({self.referral_date:%d/%m/%Y})"

    @property
    def is_open(self) -> bool:
        return self.closure_date is None


class Allocation(models.Model):
    """Who holds a piece of work, and from when: a referral (CIN episode), an early help episode or
    an allegation's follow-up work (the designated officer's). History is kept (Annex A,
    caseloads); a reallocation ends the previous row and says why."""

    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.CASCADE, related_name="allocations"
    )
    episode = models.ForeignKey(
        "earlyhelp.EarlyHelpEpisode",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="allocations",
    )
    allegation = models.ForeignKey(
        "allegations.Allegation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="allocations",
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Why the work moved from the previous worker (required for a reallocation).
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-start"]
        indexes = [models.Index(fields=["worker", "end"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(referral__isnull=False, episode__isnull=True, allegation__isnull=True)
                | Q(referral__isnull=True, episode__isnull=False, allegation__isnull=True)
                | Q(referral__isnull=True, episode__isnull=True, allegation__isnull=False),
                name="allocation_of_exactly_one_piece_of_work",
            ),
        ]


class LeadKind(models.TextChoices):
    CHILD_PROTECTION = "child_protection", "Lead child protection practitioner"
    FAMILY_HELP = "family_help", "Family Help lead practitioner"


class LeadPractitioner(Versioned):
    """A child's lead practitioner (Working Together 2023; Families First). The lead child
    protection practitioner is a qualified social worker (a user); the Family Help lead
    practitioner may be from a partner agency (a user, or a named person with their agency)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="lead_practitioners")
    kind = models.CharField(max_length=20, choices=LeadKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200, blank=True)
    agency = models.CharField(max_length=200, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(end_date__isnull=True),
                name="one_current_lead_practitioner_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""),
                name="lead_practitioner_is_a_user_or_named",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="lead_practitioner_ends_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.shown}"

    @property
    def shown(self) -> str:
        if self.user_id is not None and self.user is not None:
            return self.user.display_name
        return f"{self.name} ({self.agency})" if self.agency else self.name
