"""The people index: children, unborn children and adults, their names, addresses and relationships."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import models

from frontdoor.core.codes import Ethnicity, Sex, UPNUnknown
from frontdoor.core.concurrency import Versioned

from .identifiers import NhsMissingReason, NhsStatus, NhsVerifiedHow


class PersonKind(models.TextChoices):
    CHILD = "child", "Child"
    UNBORN = "unborn", "Unborn child"
    ADULT = "adult", "Adult"


class Household(models.Model):
    """People who live together; siblings are screened together through it."""

    label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.label or f"Household {self.pk}"


class Person(Versioned):
    """A child, unborn child or adult. Versioned, so two people correcting the same details at once
    cannot lose an update (the second is told who changed it)."""

    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.CHILD)
    first_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=200, blank=True)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender_identity = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    nhs_number = models.CharField(max_length=10, blank=True, db_index=True)
    # The consistent identifier's status, how it was verified and, when missing on a child's
    # record, why (people/identifiers.py; docs/people.md).
    nhs_status = models.CharField(
        max_length=16, choices=NhsStatus.choices, default=NhsStatus.NOT_KNOWN
    )
    nhs_verified_how = models.CharField(max_length=10, choices=NhsVerifiedHow.choices, blank=True)
    nhs_missing_reason = models.CharField(
        max_length=16,
        choices=NhsMissingReason.choices,
        blank=True,
        default=NhsMissingReason.NOT_YET_CHECKED,
    )
    upn = models.CharField(max_length=13, blank=True, db_index=True)
    upn_unknown = models.CharField(max_length=3, choices=UPNUnknown.choices, blank=True)
    disabilities = models.JSONField(default=list, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    school = models.CharField(max_length=200, blank=True)
    educated_at_home = models.BooleanField(default=False)
    household = models.ForeignKey(
        Household, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    # Sealed records are visible only to users on the person's access list. Why, when and by whom
    # are on the person's `Seal` rows (history kept, reviewed periodically).
    sealed = models.BooleanField(default=False)
    flags = models.JSONField(default=list, blank=True)
    # Set when this record was merged into another (frontdoor.duplicates): every record of it moved
    # to that person and it no longer shows in search or lists; undoing the merge clears it.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["date_of_birth"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(nhs_status=NhsStatus.VERIFIED)
                | (~models.Q(nhs_number="") & ~models.Q(nhs_verified_how="")),
                name="person_nhs_verified_has_number_and_how",
            ),
            models.CheckConstraint(
                condition=~models.Q(nhs_status__in=[NhsStatus.VERIFIED, NhsStatus.UNVERIFIED])
                | ~models.Q(nhs_number=""),
                name="person_nhs_status_recorded_has_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=["child", "unborn"], nhs_number="")
                | ~models.Q(nhs_missing_reason=""),
                name="person_child_without_nhs_number_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def la_child_id(self) -> str:
        """The LAchildID used in returns: stable, alphanumeric, at most 20 characters."""
        return f"FD{self.pk:08d}"

    @property
    def birth_or_expected(self) -> date | None:
        return self.date_of_birth or self.expected_date_of_birth

    def age_on(self, day: date) -> int | None:
        born = self.date_of_birth
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def is_child(self) -> bool:
        return self.kind in (PersonKind.CHILD, PersonKind.UNBORN)


class NameKind(models.TextChoices):
    CURRENT = "current", "Current name"
    PREVIOUS = "previous", "Previous name"
    OTHER = "other", "Other name (alias or also known as)"


class PersonName(models.Model):
    """Every name a person is or was known by, with the keys the search uses."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(max_length=10, choices=NameKind.choices, default=NameKind.CURRENT)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    first_norm = models.CharField(max_length=100, db_index=True)
    last_norm = models.CharField(max_length=100, db_index=True)
    first_key = models.CharField(max_length=20, db_index=True)
    last_key = models.CharField(max_length=20, db_index=True)
    last_soundex = models.CharField(max_length=4, db_index=True)
    first_soundex = models.CharField(max_length=4, db_index=True)
    last_anagram = models.CharField(max_length=100, db_index=True, default="")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Address(models.Model):
    """An address the person lives or lived at; history is kept (end date set, never deleted)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line1 = models.CharField(max_length=200)
    line2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    # A UK postcode (validated), or the postcode as given for an address abroad, or none at all
    # (records from other systems often lack one); the page says "no postcode" or the country.
    postcode = models.CharField(max_length=8, blank=True)
    postcode_key = models.CharField(max_length=8, db_index=True, blank=True)
    country = models.CharField(max_length=60, blank=True)  # blank: in the United Kingdom
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["end_date", "-start_date", "-id"]

    def __str__(self) -> str:
        parts = (self.line1, self.line2, self.town, self.postcode, self.country)
        return ", ".join(p for p in parts if p)

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class RelationshipKind(models.TextChoices):
    PARENT = "parent", "Parent or carer"
    SIBLING = "sibling", "Sibling"
    HOUSEHOLD = "household", "Household member"
    OTHER = "other", "Other"


class Relationship(Versioned):
    """`person` is the `kind` of `other` (e.g. person is the parent of other). Ended, never
    deleted: `end_date` set with a reason, so the history of a family stays on the record.
    Versioned, so two people ending the same relationship at once cannot both write."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_from")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    kind = models.CharField(max_length=12, choices=RelationshipKind.choices)
    parental_responsibility = models.BooleanField(default=False)
    lives_with = models.BooleanField(default=True)
    note = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            # One current relationship of a kind between two people; ended ones are history.
            models.UniqueConstraint(
                fields=["person", "other", "kind"],
                condition=models.Q(end_date__isnull=True),
                name="unique_relationship",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="relationship_ends_on_or_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | ~models.Q(end_reason=""),
                name="relationship_ended_with_reason",
            ),
        ]

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class PersonAccess(models.Model):
    """A user on a sealed person's access list."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_list")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField()
    review_due = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="unique_person_access")
        ]


class ChronologyEntry(models.Model):
    """One event on a child's chronology, written by the service that made the event."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="chronology")
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=60)
    summary = models.TextField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    record_type = models.CharField(max_length=60, blank=True)
    record_id = models.CharField(max_length=40, blank=True)
    url = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["person", "-occurred_at"])]


class PersonCorrection(models.Model):
    """One corrected detail of a person: what it was, what it is now, why, who and when. Kept for
    ever and shown on the person page (a correction never silently rewrites history)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(max_length=40)
    label = models.CharField(max_length=100)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    reason = models.TextField()
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    corrected_at = models.DateTimeField()

    class Meta:
        ordering = ["-corrected_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="person_correction_has_reason"
            )
        ]


class Seal(Versioned):
    """A period during which a person's record is sealed: why, who sealed it and when, when it was
    last reviewed, and (once ended) who unsealed it, when and why. At most one is open per person."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="seals")
    reason = models.TextField()
    sealed_at = models.DateTimeField()
    sealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The last "reviewed: keep sealed" (None until the first review); the next review falls due
    # 12 calendar months after this, or after sealing.
    reviewed_at = models.DateTimeField(null=True, blank=True)
    unsealed_at = models.DateTimeField(null=True, blank=True)
    unsealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unseal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-sealed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(unsealed_at__isnull=True),
                name="one_open_seal_per_person",
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="seal_has_reason"),
            models.CheckConstraint(
                condition=models.Q(unsealed_at__isnull=True, unseal_reason="")
                | (models.Q(unsealed_at__isnull=False) & ~models.Q(unseal_reason="")),
                name="seal_unsealed_with_reason",
            ),
        ]

    @property
    def last_checked_at(self) -> datetime:
        """When the seal was last confirmed: its last review, or its sealing."""
        return self.reviewed_at or self.sealed_at


class SealReview(models.Model):
    """A restricted-records manager's periodic review of a seal ("reviewed: keep sealed")."""

    seal = models.ForeignKey(Seal, on_delete=models.CASCADE, related_name="reviews")
    reviewed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-reviewed_at", "-id"]
