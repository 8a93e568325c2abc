"""Notifying users: `notify` is the one function other areas call.

A notification is written for each recipient: "{name}" in the text becomes the child's name as that
user may see it (`shown_name`: "Restricted record" for a sealed child the user is not on the access
list of). Email, for the kinds a user chose, goes after the transaction commits and carries only
the kind and the link, never a child's name (it leaves the system).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.people.access import restricted_ids, shown_name
from frontdoor.people.models import Person

from .models import Kind, Notification, Preference


def email_enabled() -> bool:
    """Email goes when an SMTP server is configured, or a non-SMTP backend is set (the demo's
    console backend, the tests' in-memory one)."""
    return bool(getattr(settings, "FRONTDOOR_EMAIL_CONFIGURED", False)) or (
        "smtp" not in settings.EMAIL_BACKEND
    )


def _recipients(users: User | Iterable[User]) -> list[User]:
    found = [users] if isinstance(users, User) else list(users)
    unique: dict[int, User] = {u.pk: u for u in found if u.pk is not None and u.is_active}
    return list(unique.values())


@transaction.atomic
def notify(
    *,
    users: User | Iterable[User],
    kind: str,
    subject_text: str,
    url: str = "",
    person: Person | None = None,
    key: str = "",
    now: datetime | None = None,
) -> list[Notification]:
    """Tell each of `users` about something. `subject_text` may hold "{name}" for `person`'s name
    (shown per user, so a sealed child's name never reaches someone not on the list). A `key`
    (e.g. "allocation:412") makes it idempotent: a user already told under that key is skipped.
    Returns the notifications made."""
    if kind not in Kind.values:
        raise ValueError(f"Unknown notification kind {kind!r}")
    now = now or timezone.now()
    recipients = _recipients(users)
    if key:
        told = set(
            Notification.objects.filter(key=key, user__in=recipients).values_list(
                "user_id", flat=True
            )
        )
        recipients = [u for u in recipients if u.pk not in told]
    made: list[Notification] = []
    for user in recipients:
        text = subject_text
        if person is not None:
            name = shown_name(user, person, restricted_ids(user, [person.pk]))
            text = subject_text.replace("{name}", name)
        note = Notification(user=user, kind=kind, text=text[:300], url=url, key=key, created_at=now)
        try:
            with transaction.atomic():
                note.save()
        except IntegrityError:
            continue  # told under this key by a run racing this one
        made.append(note)
    if made and email_enabled():
        ids = [n.pk for n in made]
        transaction.on_commit(lambda: _send_emails(ids))
    return made


def _send_emails(ids: list[int]) -> None:
    """Email the notifications whose users chose email for their kind (after commit)."""
    notes = list(Notification.objects.filter(pk__in=ids).select_related("user"))
    wanted = set(
        Preference.objects.filter(user_id__in={n.user_id for n in notes}, email=True).values_list(
            "user_id", "kind"
        )
    )
    for note in notes:
        if (note.user_id, note.kind) not in wanted or not note.user.email:
            continue
        label = Kind(note.kind).label
        send_mail(
            subject=f"Front Door: {label}",
            message=(
                f"{label}.\n\nSign in to Front Door to see it"
                + (f": {note.url}" if note.url else ".")
                + "\n\nThis email does not name the child. You chose to get these by email on "
                "your notification preferences page."
            ),
            from_email=None,
            recipient_list=[note.user.email],
            fail_silently=True,
        )
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())


@transaction.atomic
def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications read (refused for anyone else's)."""
    if notification.user_id != actor.pk:
        raise PermissionError("Not your notification")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(
            actor=actor, action="read", record_type="notification", record_id=notification.pk
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: User) -> int:
    """Mark all the actor's unread notifications read; one audit row says how many."""
    count = Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        audit_record(
            actor=actor,
            action="read_all",
            record_type="notification",
            record_id=actor.pk,
            detail={"count": count},
        )
    return count


@transaction.atomic
def preferences_save(*, actor: User, email_kinds: Iterable[str]) -> None:
    """Record which kinds of notification the actor also wants by email (audited)."""
    chosen = set(email_kinds)
    unknown = chosen - set(Kind.values)
    if unknown:
        raise ValueError(f"Unknown notification kinds {sorted(unknown)}")
    for kind in Kind.values:
        Preference.objects.update_or_create(
            user=actor, kind=kind, defaults={"email": kind in chosen}
        )
    audit_record(
        actor=actor,
        action="update",
        record_type="notification_preferences",
        record_id=actor.pk,
        detail={"email": sorted(chosen)},
    )
