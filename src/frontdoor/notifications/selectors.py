"""Reads of a user's own notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from frontdoor.accounts.models import User

from .models import Notification, Preference


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user: User) -> QuerySet[Notification]:
    """The user's notifications, unread first, newest first."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def email_kinds(user: User) -> set[str]:
    return set(Preference.objects.filter(user=user, email=True).values_list("kind", flat=True))
