"""Reads of contacts: the MASH queue, the restricted records queue and partners' own submissions.

A contact about a sealed child never disappears: it is left out of the queue of anyone not on the
child's access list, counted there as "N restricted contacts — held by <names>" (no details), and
listed on the restricted records page for the people who hold it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from frontdoor.accounts.models import User
from frontdoor.core.home import HomeItem, HomeSection
from frontdoor.core.templatetags.govuk import ukdatetime
from frontdoor.people.access import restricted_ids
from frontdoor.people.models import PersonAccess

from .models import Contact, ContactChild, ContactStatus


@dataclass
class RestrictedSummary:
    """What the MASH queue may say about contacts it cannot show: how many and who holds them."""

    count: int = 0
    holders: list[str] = field(default_factory=list)


def _open_contacts(limit: int) -> list[Contact]:
    return list(
        Contact.objects.filter(status=ContactStatus.OPEN)
        .order_by("decision_due_at", "pk")
        .prefetch_related(
            Prefetch("children", queryset=ContactChild.objects.select_related("person"))
        )[:limit]
    )


def mash_queue(*, user: User, limit: int = 500) -> list[Contact]:
    """The open contacts this user may see in full (see `mash_queue_and_restricted`)."""
    return mash_queue_and_restricted(user=user, limit=limit)[0]


def mash_queue_and_restricted(
    *, user: User, limit: int = 500
) -> tuple[list[Contact], RestrictedSummary]:
    """Open contacts ordered by decision deadline (most urgent first) whose children this user
    may all see (each with `visible_children`), and the summary of the restricted ones left out.

    A fixed number of queries whatever the number of rows; the open-contact filter uses the
    (status, decision_due_at) index, so the cost follows the queue, not the whole index.
    """
    if not (user.is_authenticated and user.can("view_queue")):
        return [], RestrictedSummary()
    contacts = _open_contacts(limit)
    hidden = restricted_ids(user, {cc.person_id for c in contacts for cc in c.children.all()})
    shown: list[Contact] = []
    held: list[Contact] = []
    for contact in contacts:
        children = [cc.person for cc in contact.children.all()]
        if any(child.pk in hidden for child in children):
            held.append(contact)
        else:
            contact.visible_children = children
            shown.append(contact)
    return shown, RestrictedSummary(count=len(held), holders=holders_of(held))


def _sealed_ids(contacts: list[Contact]) -> set[int]:
    return {cc.person_id for c in contacts for cc in c.children.all() if cc.person.sealed}


def holders_of(contacts: list[Contact]) -> list[str]:
    """Who holds these restricted contacts: the access lists of their sealed children, or the
    restricted-records managers for a child whose access list is empty (two queries)."""
    sealed = _sealed_ids(contacts)
    if not sealed:
        return []
    on_lists = PersonAccess.objects.filter(person_id__in=sealed, user__is_active=True)
    names = {a.user.display_name for a in on_lists.select_related("user")}
    listed = set(on_lists.values_list("person_id", flat=True))
    if sealed - listed:
        names |= {u.display_name for u in restricted_records_managers()}
    return sorted(names)


def restricted_records_managers() -> QuerySet[User]:
    return User.objects.filter(restricted_records_manager=True, is_active=True).order_by(
        "last_name", "first_name"
    )


def may_hold_restricted_records(user: User) -> bool:
    """Restricted-records managers, and anyone on a sealed person's access list."""
    if not (user.is_authenticated and user.can("view_queue")):
        return False
    return user.can("restricted_records") or PersonAccess.objects.filter(user=user).exists()


def restricted_contacts(*, user: User, limit: int = 500) -> list[Contact]:
    """Open contacts about a sealed child that this user holds: they are on the access list of
    every sealed child on it, or they are a restricted-records manager. Each carries `hidden` (the
    children whose names this user may not see) and `holders`."""
    if not (user.is_authenticated and user.can("view_queue")):
        return []
    contacts = [
        c for c in _open_contacts(limit) if any(cc.person.sealed for cc in c.children.all())
    ]
    hidden = restricted_ids(user, _sealed_ids(contacts))
    manager = user.can("restricted_records")
    listed = set(
        PersonAccess.objects.filter(person_id__in=_sealed_ids(contacts)).values_list(
            "person_id", flat=True
        )
    )
    result = []
    for contact in contacts:
        ids = {cc.person_id for cc in contact.children.all()}
        if ids & hidden and not manager:
            continue
        contact.hidden = ids & hidden  # type: ignore[attr-defined]
        contact.visible_children = [cc.person for cc in contact.children.all()]
        contact.unlisted = bool(_sealed_ids([contact]) - listed)  # type: ignore[attr-defined]
        result.append(contact)
    return result


def contacts_for_person(*, person_id: int) -> QuerySet[Contact]:
    return Contact.objects.filter(children__person_id=person_id).order_by("-received_at")


def partner_submissions(*, user: User) -> QuerySet[Contact]:
    """A partner agency user sees only what they submitted."""
    if not (user.is_authenticated and user.can("submit_concern")):
        return Contact.objects.none()
    return Contact.objects.filter(submitted_by_partner=user).order_by("-received_at")


def home_partner(*, user: User, now: datetime) -> list[HomeSection]:
    """A partner's home page: the concerns they submitted, newest first, with where each is.
    Only their own submissions: the page shows what they sent and the outcome shared with them."""
    submitted = partner_submissions(user=user)
    since = now - timedelta(days=30)
    rows = list(submitted[:10])
    return [
        HomeSection(
            "submitted",
            "Concerns you submitted",
            submitted.count(),
            [
                HomeItem(
                    label=f"Concern sent {ukdatetime(c.received_at)}",
                    url=reverse("intake:partner_submission", args=[c.pk]),
                    detail=c.get_status_display(),
                )
                for c in rows
            ],
            more_url=reverse("intake:partner_home"),
            more_label="All your concerns",
            empty="You have not submitted a concern yet.",
            overdue=None,
        ),
        HomeSection(
            "submitted_recent",
            "Awaiting a decision (last 30 days)",
            submitted.filter(received_at__gte=since, status=ContactStatus.OPEN).count(),
            [],
            more_url=reverse("intake:partner_submit"),
            more_label="Tell us about a new concern",
            empty="None of your recent concerns is waiting for a decision.",
        ),
    ]
