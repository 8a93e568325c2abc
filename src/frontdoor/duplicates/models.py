"""Likely duplicate records in the people index, what a practitioner decided about each, and
merges (with every record they moved, so a merge can be undone)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from frontdoor.core.concurrency import Versioned
from frontdoor.people.models import Person


class PairStatus(models.TextChoices):
    OPEN = "open", "To review"
    NOT_SAME = "not_same", "Not the same person"
    MERGE_PROPOSED = "merge_proposed", "Merge proposed"
    MERGED = "merged", "Merged"


class DuplicatePair(Versioned):
    """Two records that may be the same person (`person_a` has the lower id). Once marked "not the
    same person" the pair stays, so it is never proposed again."""

    person_a = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    score = models.FloatField()
    reasons_for = models.JSONField(default=list)
    reasons_against = models.JSONField(default=list)
    found_at = models.DateTimeField()
    found_by = models.CharField(max_length=40)  # "find_duplicates" or "import <id>"
    status = models.CharField(max_length=20, choices=PairStatus.choices, default=PairStatus.OPEN)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person_a", "person_b"], name="one_pair_per_two_people"
            ),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="pair_lower_id_first"
            ),
        ]
        indexes = [models.Index(fields=["status", "-score"])]


class Merge(Versioned):
    """`merged` was merged into `survivor`: the details chosen from `merged`, and (in `moves`) every
    record that moved. Undone by moving each back and restoring the survivor's details."""

    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    pair = models.ForeignKey(
        DuplicatePair, null=True, blank=True, on_delete=models.PROTECT, related_name="merges"
    )
    merged_at = models.DateTimeField()
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    # {field: [survivor's value before, value taken from the merged record]} (as stored, in JSON)
    taken = models.JSONField(default=dict)
    # The merged person's current names, kept on the survivor as other names (set back on undo).
    renamed_names = models.JSONField(default=list)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["merged"],
                condition=Q(undone_at__isnull=True),
                name="one_live_merge_per_person",
            ),
            models.CheckConstraint(condition=~Q(survivor=F("merged")), name="merge_two_people"),
            models.CheckConstraint(condition=~Q(reason=""), name="merge_has_reason"),
        ]

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class MergeMove(models.Model):
    """One record a merge moved: which model, which of its fields pointed at the merged person."""

    merge = models.ForeignKey(Merge, on_delete=models.PROTECT, related_name="moves")
    model = models.CharField(max_length=100)  # app_label.ModelName
    field = models.CharField(max_length=100)
    object_id = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["merge", "model", "field"])]
