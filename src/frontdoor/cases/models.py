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
    """Who holds a referral's case, and from when (history kept for Annex A and caseloads)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="allocations")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-start"]
