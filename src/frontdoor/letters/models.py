"""Letters and emails to referrers and families, from templates the administrator keeps.

A template's text uses `$placeholders` (Python's `string.Template`: no attribute access, no code),
filled from a fixed list of facts about the child and the case (`placeholders.py`). The worker
previews and edits the filled-in letter, then sends it by email or files it for printing; the
letter as sent is kept, with its PDF, and put on the child's chronology.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from frontdoor.core.concurrency import Versioned


class LetterKind(models.TextChoices):
    REFERRER_ACKNOWLEDGEMENT = "referrer_acknowledgement", "Acknowledgement to the referrer"
    REFERRER_OUTCOME = "referrer_outcome", "Outcome to the referrer"
    FAMILY_CONSENT = "family_consent", "Asking the family's consent to share information"
    FAMILY_OUTCOME = "family_outcome", "Outcome to the family"
    ICPC_INVITATION = "icpc_invitation", "Invitation to an initial child protection conference"


REFERRER_KINDS = {LetterKind.REFERRER_ACKNOWLEDGEMENT, LetterKind.REFERRER_OUTCOME}


class Method(models.TextChoices):
    EMAIL = "email", "Send by email"
    PRINT = "print", "Print and post"


class LetterTemplate(Versioned):
    kind = models.CharField(max_length=40, choices=LetterKind.choices, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def to_referrer(self) -> bool:
        return self.kind in REFERRER_KINDS


class Letter(models.Model):
    """One letter or email as sent (or filed for printing): never changed afterwards."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="letters")
    contact = models.ForeignKey(
        "intake.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(max_length=40, choices=LetterKind.choices)
    method = models.CharField(max_length=10, choices=Method.choices)
    recipient_name = models.CharField(max_length=200)
    recipient_email = models.EmailField(blank=True)
    recipient_address = models.TextField(blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    pdf_name = models.CharField(max_length=64, unique=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="letter_email_has_address",
                condition=~models.Q(method="email") | ~models.Q(recipient_email=""),
            ),
            models.CheckConstraint(
                name="letter_print_has_postal_address",
                condition=~models.Q(method="print") | ~models.Q(recipient_address=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient_name}"
