"""Documents attached to a child's record: the file is kept outside the web root under a random
name (`storage.py`); this row says what it is, what it is attached to and who added it. A document
is never edited: a corrected file is attached again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Document(models.Model):
    # Exactly one of these four says what the document is attached to (a database check).
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    contact = models.ForeignKey(
        "intake.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    assessment = models.ForeignKey(
        "assessments.Assessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    allegation = models.ForeignKey(
        "allegations.Allegation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_name = models.CharField(max_length=64, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="document_attached_to_exactly_one_record",
                condition=(
                    Q(
                        person__isnull=False,
                        contact__isnull=True,
                        assessment__isnull=True,
                        allegation__isnull=True,
                    )
                    | Q(
                        person__isnull=True,
                        contact__isnull=False,
                        assessment__isnull=True,
                        allegation__isnull=True,
                    )
                    | Q(
                        person__isnull=True,
                        contact__isnull=True,
                        assessment__isnull=False,
                        allegation__isnull=True,
                    )
                    | Q(
                        person__isnull=True,
                        contact__isnull=True,
                        assessment__isnull=True,
                        allegation__isnull=False,
                    )
                ),
            ),
            models.CheckConstraint(name="document_size_positive", condition=Q(size__gt=0)),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind(self) -> str:
        """What the document is attached to: person, contact, assessment or allegation."""
        for field in ("person", "contact", "assessment", "allegation"):
            if getattr(self, f"{field}_id") is not None:
                return field
        raise ValueError("A document is attached to one record")
