"""User administration: partner organisations, versions of accounts and teams, break-glass grants.

`accounts.User` and `accounts.Team` belong to the accounts app; the administration area keeps what
it adds beside them (a version per account and per team, a partner user's organisation) in its own
tables joined by real foreign keys, so the accounts tables stay as they are.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from frontdoor.core.codes import Agency
from frontdoor.core.concurrency import Versioned


class PartnerOrganisation(Versioned):
    """An organisation whose staff submit concerns (a school, a GP practice, a police force).

    Partner users belong to one through `PartnerMembership`; `User.organisation` and `User.agency`
    are kept in step by the services so existing pages that print them stay right.
    """

    name = models.CharField(max_length=200, unique=True)
    agency = models.CharField(max_length=40, choices=Agency.choices)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerMembership(models.Model):
    """The partner organisation a partner user submits for (one each)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_membership"
    )
    organisation = models.ForeignKey(
        PartnerOrganisation, on_delete=models.PROTECT, related_name="memberships"
    )

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class AccountVersion(Versioned):
    """The version of a user account's details, so two administrators editing one account at once
    cannot overwrite each other (the primary key is the user's)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="account_version",
    )


class TeamVersion(Versioned):
    """The version of a team's details (the primary key is the team's)."""

    team = models.OneToOneField(
        "accounts.Team", primary_key=True, on_delete=models.CASCADE, related_name="team_version"
    )


class BreakGlassGrant(models.Model):
    """Emergency, time-limited access for one user to ONE person's record, with a reason.

    Only the person page (`frontdoor.people.access.access_person`) honours it, only while it lasts
    and never for a sealed person (their access list decides). Every use is audited against the
    person, so it shows on their "who has viewed" page.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    reason = models.TextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "person"],
                condition=Q(ended_at__isnull=True),
                name="one_open_break_glass_per_user_person",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("granted_at")), name="break_glass_expires_after_grant"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="break_glass_has_reason"),
        ]

    def __str__(self) -> str:
        return f"Break-glass {self.pk}"
