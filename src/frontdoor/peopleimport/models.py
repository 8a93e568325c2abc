"""People loaded from a council's previous system: the old system's id of each person, and each
import run with its report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.people.models import Person


class ExternalReference(models.Model):
    """A person's id in another system (the old case management system). One value per system
    names one person, which makes importing the same file twice safe."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="external_refs")
    system = models.CharField(max_length=60)
    value = models.CharField(max_length=60)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["system", "value"], name="one_person_per_external_id"),
            models.CheckConstraint(
                condition=~Q(system="") & ~Q(value=""), name="external_reference_not_blank"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system} {self.value}"


class ImportStatus(models.TextChoices):
    IMPORTED = "imported", "Imported"
    REFUSED = "refused", "Refused: nothing imported"


class PeopleImport(models.Model):
    """One run of the import (page or command) and its report."""

    filename = models.CharField(max_length=200)
    system = models.CharField(max_length=60)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=ImportStatus.choices)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)
    needs_review = models.PositiveIntegerField(default=0)
    already_imported = models.PositiveIntegerField(default=0)
    # [{"row": 3, "field": "date_of_birth", "message": "..."}], the first MAX_REPORTED
    problems = models.JSONField(default=list)
    problem_count = models.PositiveIntegerField(default=0)
    # [{"row", "legacy_id", "outcome", "person", "reasons"}] for matched and needs-review rows
    outcomes = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at", "-id"]
