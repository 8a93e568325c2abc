"""Users and teams."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from frontdoor.core.codes import Agency

from .roles import RESTRICTED_RECORDS, Role, capabilities_for


class Team(models.Model):
    name = models.CharField(max_length=120, unique=True)
    # The practice area the team works in, used to route work (e.g. "mash", "assessment").
    kind = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(max_length=40, choices=Role.choices)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    job_title = models.CharField(max_length=120, blank=True)
    # For partner agency users: which agency and organisation they submit for.
    agency = models.CharField(max_length=40, choices=Agency.choices, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    # A named MASH manager who holds restricted records: contacts and notifications about sealed
    # people whose access list is empty land with them (capability "restricted_records").
    restricted_records_manager = models.BooleanField(default=False)
    # Must set up two-factor sign-in before reaching any page, also where the environment does not
    # require it of everyone (the demo's new starter shows the enrolment journey this way).
    two_factor_required = models.BooleanField(default=False)
    # A qualified social worker registered with Social Work England: only they may be a child's
    # lead child protection practitioner (Working Together 2023).
    qualified_social_worker = models.BooleanField(default=False)
    swe_registration = models.CharField(
        "Social Work England registration number", max_length=20, blank=True
    )

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def can(self, capability: str) -> bool:
        if not self.is_active:
            return False
        if capability == RESTRICTED_RECORDS:
            # Given to named people, not to a role: the flag, and only on a role that screens.
            return self.restricted_records_manager and "screen" in capabilities_for(self.role)
        return capability in capabilities_for(self.role)

    @property
    def is_partner(self) -> bool:
        return self.role == Role.PARTNER
