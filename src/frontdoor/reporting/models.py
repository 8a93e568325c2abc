"""Stored results of the returns checks (the returns health page reads these, never re-runs the
checks): one row per problem found, and a daily count per rule, team and worker for the trend."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from frontdoor.accounts.models import Team
from frontdoor.cases.models import Referral
from frontdoor.people.models import Person


class CheckRun(models.Model):
    """One run of the checks for a collection year: nightly (`frontdoor run_return_checks`)."""

    year = models.PositiveIntegerField()  # the year of the 31 March reference date
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    children = models.PositiveIntegerField()
    problems = models.PositiveIntegerField()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["year", "-started_at"])]


class CheckResult(models.Model):
    """A problem as of the last check of its child: the nightly run replaces a year's rows; a
    change to a child's records replaces that child's. A rule about the whole return has no
    child."""

    year = models.PositiveIntegerField()
    rule = models.CharField(max_length=16)  # a DfE rule number, or an Annex A check
    is_query = models.BooleanField()
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    found_at = models.DateTimeField()

    class Meta:
        ordering = ["rule", "id"]
        indexes = [
            models.Index(fields=["year", "rule"]),
            models.Index(fields=["year", "team"]),
            models.Index(fields=["year", "worker"]),
            models.Index(fields=["year", "person"]),
        ]


class CheckSnapshot(models.Model):
    """How many problems a rule had on a day, for one team and worker (the 12-week trend)."""

    day = models.DateField()
    year = models.PositiveIntegerField()
    rule = models.CharField(max_length=16)  # a DfE rule number, or an Annex A check
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["day", "rule"]
        indexes = [models.Index(fields=["year", "day"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__gt=0), name="check_snapshot_count_positive"
            ),
        ]
