"""API tokens for partner systems, the service account each organisation's tokens act through, and
the concerns submitted through the API (with the partner's idempotency key).

A token is shown once when it is made; only its SHA-256 digest is kept (a token is 256 random bits,
so a fast digest is as safe as a slow password hash and costs nothing on every call).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.core.concurrency import Versioned


class Scope(models.TextChoices):
    CONCERNS = "concerns", "Submit concerns and read their status and outcome"
    POLICE_NOTIFICATIONS = "police_notifications", "Submit police notifications"
    ENCOMPASS = "encompass", "Read and acknowledge Operation Encompass notices"
    INFORMATION_REQUESTS = "information_requests", "Read and answer information requests"


class ServiceAccount(models.Model):
    """The partner user an organisation's tokens act through: what the API submits is theirs, so the
    partner rules (a partner sees only what they submitted, never a child's record) apply as is."""

    organisation = models.OneToOneField(
        "administration.PartnerOrganisation",
        on_delete=models.PROTECT,
        related_name="api_service_account",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_service_account"
    )

    def __str__(self) -> str:
        return f"API service account of {self.organisation}"


class ApiToken(Versioned):
    organisation = models.ForeignKey(
        "administration.PartnerOrganisation", on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'Case system'")
    scopes = models.JSONField(default=list)
    # The first characters of the token, shown on the pages so a partner can say which token.
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["organisation__name", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                condition=Q(revoked_at__isnull=True),
                name="api_token_one_live_name_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_by__isnull=True)
                | Q(revoked_at__isnull=False, revoked_by__isnull=False),
                name="api_token_revoked_by_whom",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None


class ApiSubmission(models.Model):
    """A concern that came through the API: which token sent it, the children as the partner
    described them, and the partner's idempotency key (the same key never makes a second contact)."""

    contact = models.OneToOneField(
        "intake.Contact", on_delete=models.PROTECT, related_name="api_submission"
    )
    organisation = models.ForeignKey(
        "administration.PartnerOrganisation", on_delete=models.PROTECT, related_name="+"
    )
    token = models.ForeignKey(ApiToken, on_delete=models.PROTECT, related_name="submissions")
    idempotency_key = models.CharField(max_length=64, blank=True)
    children = models.JSONField(default=list)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="api_submission_one_per_idempotency_key",
            )
        ]

    def __str__(self) -> str:
        return f"API submission FD-{self.contact_id}"
