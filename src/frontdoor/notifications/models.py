"""In-app notifications, and each user's choice of which kinds also come by email."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Kind(models.TextChoices):
    ALLOCATION = "allocation", "Work allocated to you"
    CHALLENGE = "challenge", "Your decision was returned with a challenge"
    AUTHORISATION = "authorisation", "A decision needs authorisation"
    INFORMATION = "information", "An information request was answered"
    HANDOVER = "handover", "An out-of-hours handover is due"
    DEADLINE = "deadline", "A deadline is within 2 working hours"


class Notification(models.Model):
    """One message to one user. `key` makes a notification idempotent: the deadline command and
    the event scans can run every few minutes and never tell anyone the same thing twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Built for this user: a sealed child's name only if the user is on the access list.
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="one_notification_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"Notification {self.pk} ({self.kind})"


class Preference(models.Model):
    """Whether a user also gets one kind of notification by email (off unless they choose it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    email = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]
