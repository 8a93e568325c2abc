"""Reads for the police notification pages. Lists filter children with `visible_people`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse

from frontdoor.accounts.models import User
from frontdoor.cases.models import Referral
from frontdoor.core.calendar import LONDON, local_date, window_start
from frontdoor.core.home import ROWS, HomeItem, HomeSection, end_of_today
from frontdoor.intake.models import ContactChild
from frontdoor.people.access import visible_people
from frontdoor.people.models import Person, PersonAccess

from .models import (
    EncompassNotice,
    MatchStatus,
    NotificationChild,
    PoliceImport,
    PoliceNotification,
    ScreeningAttendee,
)

HISTORY_MONTHS = 12


def twelve_months_before(until: datetime) -> datetime:
    """Start of the "last 12 months" window ending at `until`: the start of the same London day
    12 calendar months earlier (the one definition, frontdoor.core.calendar.window_start)."""
    return datetime.combine(
        window_start(local_date(until), HISTORY_MONTHS), time.min, tzinfo=LONDON
    )


@dataclass
class History:
    contacts: int = 0
    last_contact: datetime | None = None
    referrals: int = 0
    last_referral: date | None = None
    notifications: int = 0
    last_notification: datetime | None = None


def histories(
    person_ids: set[int],
    *,
    until: datetime,
    exclude_notification_ids: set[int] | frozenset[int] = frozenset(),
) -> dict[int, History]:
    """Each child's contacts, referrals and police notifications in the 12 months up to `until`
    (three queries, however many children)."""
    since = twelve_months_before(until)
    result = {pid: History() for pid in person_ids}
    for pid, n, last in (
        ContactChild.objects.filter(
            person_id__in=person_ids, contact__received_at__range=(since, until)
        )
        .values("person_id")
        .annotate(n=Count("id"), last=Max("contact__received_at"))
        .values_list("person_id", "n", "last")
    ):
        result[pid].contacts, result[pid].last_contact = n, last
    for pid, n, last in (
        Referral.objects.filter(
            person_id__in=person_ids, referral_date__range=(since.date(), until.date())
        )
        .values("person_id")
        .annotate(n=Count("id"), last=Max("referral_date"))
        .values_list("person_id", "n", "last")
    ):
        result[pid].referrals, result[pid].last_referral = n, last
    for pid, n, last in (
        NotificationChild.objects.filter(
            person_id__in=person_ids, notification__incident_at__range=(since, until)
        )
        .exclude(notification_id__in=exclude_notification_ids)
        .values("person_id")
        .annotate(n=Count("id"), last=Max("notification__incident_at"))
        .values_list("person_id", "n", "last")
    ):
        result[pid].notifications, result[pid].last_notification = n, last
    return result


@dataclass
class BoardChild:
    child: NotificationChild
    visible: bool
    history: History | None


@dataclass
class BoardNotification:
    notification: PoliceNotification
    children: list[BoardChild]


@dataclass
class DayBoard:
    notifications: list[BoardNotification]
    # Children on this day's notifications hidden from this user (sealed, not on the access
    # list): a number only, so the meeting knows some went to the restricted records queue.
    restricted_children: int

    @property
    def person_ids(self) -> list[int]:
        """The people shown by name on the board (for the list-view audit)."""
        return [
            c.child.person_id
            for n in self.notifications
            for c in n.children
            if c.visible and c.child.person_id
        ]


def day_board(*, user: User, day: date) -> DayBoard:
    """One working day's notifications with each child's history; query count does not grow.
    A notification all of whose children are hidden from the user is left off (its address and
    summary are about them); a hidden child beside a visible sibling shows as restricted."""
    notifications = list(
        PoliceNotification.objects.filter(screening_day=day)
        .order_by("incident_at", "pk")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=NotificationChild.objects.select_related(
                    "person", "routed_worker"
                ).order_by("row_number"),
            )
        )
    )
    person_ids = {c.person_id for n in notifications for c in n.children.all() if c.person_id}
    visible = set(visible_people(user).filter(pk__in=person_ids).values_list("pk", flat=True))
    until = max((n.received_at for n in notifications), default=None)
    history = (
        histories(visible, until=until, exclude_notification_ids={n.pk for n in notifications})
        if until
        else {}
    )
    board: list[BoardNotification] = []
    hidden = 0
    for n in notifications:
        children = [
            BoardChild(
                c, c.person_id is None or c.person_id in visible, history.get(c.person_id or 0)
            )
            for c in n.children.all()
        ]
        hidden += sum(1 for c in children if not c.visible)
        if any(c.visible for c in children):
            board.append(BoardNotification(n, children))
    return DayBoard(board, hidden)


def screening_days(*, limit: int = 20) -> list[dict[str, Any]]:
    """Recent screening days with how many children are still to be decided."""
    rows = (
        PoliceNotification.objects.values("screening_day")
        .annotate(
            notifications=Count("id", distinct=True),
            child_count=Count("children"),
            undecided=Count("children", filter=Q(children__decision="")),
        )
        .order_by("-screening_day")[:limit]
    )
    return [dict(row) for row in rows]


def awaiting_review(*, user: User) -> QuerySet[NotificationChild]:
    """Children the import could not match (not yet linked to anyone), for the daily screening."""
    if not user.can("police_screening"):
        return NotificationChild.objects.none()
    return (
        NotificationChild.objects.filter(
            match_status=MatchStatus.AWAITING_REVIEW, person__isnull=True
        )
        .select_related("notification")
        .order_by("notification__incident_at", "pk")
    )


def routed_to(*, user: User) -> QuerySet[NotificationChild]:
    """Notifications about children whose open case this worker holds."""
    return (
        NotificationChild.objects.filter(routed_worker=user, person__in=visible_people(user))
        .select_related("notification", "person")
        .order_by("-notification__incident_at")
    )


def _visible_notices(user: User) -> QuerySet[EncompassNotice]:
    return EncompassNotice.objects.filter(
        Q(child__person__isnull=True) | Q(child__person__in=visible_people(user))
    )


def encompass_outstanding(*, user: User) -> QuerySet[EncompassNotice]:
    return (
        _visible_notices(user)
        .filter(notified_at__isnull=True)
        .select_related("child__notification")
        .order_by("due_at", "pk")
    )


def encompass_recent_done(*, user: User, since: datetime) -> QuerySet[EncompassNotice]:
    return (
        _visible_notices(user)
        .filter(notified_at__gte=since)
        .select_related("child__notification")
        .order_by("-notified_at")
    )


@dataclass
class HistoryItems:
    contacts: list[Any]
    referrals: list[Any]
    notifications: list[NotificationChild]


def history_items(*, person_id: int, until: datetime, exclude_notification_id: int) -> HistoryItems:
    """The child's contacts, referrals and other police notifications in the 12 months up to
    `until`, most recent first (for one child's page)."""
    from frontdoor.intake.models import Contact

    since = twelve_months_before(until)
    return HistoryItems(
        contacts=list(
            Contact.objects.filter(
                children__person_id=person_id, received_at__range=(since, until)
            ).order_by("-received_at")[:10]
        ),
        referrals=list(
            Referral.objects.filter(
                person_id=person_id, referral_date__range=(since.date(), until.date())
            ).order_by("-referral_date")[:10]
        ),
        notifications=list(
            NotificationChild.objects.filter(
                person_id=person_id, notification__incident_at__range=(since, until)
            )
            .exclude(notification_id=exclude_notification_id)
            .select_related("notification")
            .order_by("-notification__incident_at")[:10]
        ),
    )


def restricted_notification_children(user: User) -> list[NotificationChild]:
    """Undecided notification children about a sealed person that this user may handle.

    DOMAIN rule: a police notification that matches a sealed person never disappears: it lands in
    the "restricted records" queue, seen by the people on that person's access list and by a
    restricted-records manager, with its decision clock running; when the access list is empty
    the restricted-records managers get it. So managers see every one, others only those whose
    child they are on the access list of. Oldest screening day first (the clock runs).
    """
    if not (user.is_authenticated and user.is_active):
        return []
    children = NotificationChild.objects.filter(person__sealed=True, decision="")
    if not user.can("restricted_records"):
        on_list = PersonAccess.objects.filter(person=OuterRef("person_id"), user=user)
        children = children.filter(Exists(on_list))
    return list(
        children.select_related("notification", "person").order_by(
            "notification__screening_day", "notification__received_at", "pk"
        )
    )


def recent_imports(*, user: User, limit: int = 5) -> list[PoliceImport]:
    if not user.can("police_screening"):
        return []
    return list(PoliceImport.objects.select_related("imported_by")[:limit])


def sibling_children(child: NotificationChild) -> list[NotificationChild]:
    """The other children of the same notification, in file order."""
    return list(
        NotificationChild.objects.filter(notification_id=child.notification_id)
        .exclude(pk=child.pk)
        .select_related("person")
        .order_by("row_number")
    )


def candidates_for(*, user: User, child: NotificationChild) -> list[Person]:
    """The possible matches the import found that this user may see."""
    return list(visible_people(user).filter(pk__in=child.candidate_ids).order_by("pk"))


def attendees(*, day: date) -> list[ScreeningAttendee]:
    """Who attended the day's multi-agency screening, by agency (no children)."""
    return list(ScreeningAttendee.objects.filter(meeting__day=day).order_by("agency", "name"))


def home_encompass(*, user: User, now: datetime) -> list[HomeSection]:
    """The home page's Operation Encompass notices still to give, due today or overdue (schools
    are told before the next school day starts)."""
    outstanding = encompass_outstanding(user=user).filter(due_at__lt=end_of_today(now))
    rows = list(outstanding.select_related("child__person", "child__notification")[:ROWS])
    return [
        HomeSection(
            "encompass",
            "Operation Encompass notices to give",
            outstanding.count(),
            [
                HomeItem(
                    label=f"Tell {n.organisation or n.get_recipient_display()}",
                    url=reverse("police:encompass_record", args=[n.pk]),
                    due=n.due_at,
                    person=n.child.person,
                    detail=f"Police notification {n.child.notification.police_reference}",
                )
                for n in rows
            ],
            more_url=reverse("police:encompass"),
            more_label="All Encompass notices",
            empty="No Encompass notice is due.",
            overdue=outstanding.filter(due_at__lt=now).count(),
        )
    ]
