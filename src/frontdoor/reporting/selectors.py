"""Reads for the reporting pages: the dashboard's figures, the children behind a figure, and the
census pre-submission checks. Views read records only through these."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse

from frontdoor.accounts.models import Team, User
from frontdoor.core.home import HomeItem, HomeSection
from frontdoor.people.access import restricted_ids
from frontdoor.people.models import Person

from .charts import bar_chart, line_chart
from .figures import REGISTRY, Figure, compute
from .figures.base import sharing
from .periods import Period
from .returns.census import census_children, census_referrals
from .returns.rules import Failure, check_census

CHUNK = 500
AREAS = [
    "Contacts",
    "Screening",
    "Referrals",
    "Child protection",
    "Early help",
    "Pathways",
    "Allegations",
    "Caseloads",
]


def team_choices() -> list[tuple[int, str]]:
    return list(Team.objects.order_by("name").values_list("pk", "name"))


def dashboard(period: Period) -> OrderedDict[str, list[Figure]]:
    """Every figure for the period, grouped by area, each with its chart."""
    areas: OrderedDict[str, list[Figure]] = OrderedDict()
    with sharing():
        figures = [(area, compute(key, period)) for key, (area, _t, _f) in REGISTRY.items()]
    for area, fig in figures:
        points = [(row.label, row.value) for row in fig.rows]
        if fig.chart and not fig.no_data:
            fig.svg = (line_chart if fig.chart == "line" else bar_chart)(points, title=fig.title)
        areas.setdefault(area, []).append(fig)
    rank = {name: i for i, name in enumerate(AREAS)}
    return OrderedDict(sorted(areas.items(), key=lambda item: rank.get(item[0], len(rank))))


def figure(key: str, period: Period) -> Figure | None:
    """One dashboard figure (counts only; the children behind it come from `children_behind`)."""
    return compute(key, period) if key in REGISTRY else None


@dataclass(frozen=True)
class ChildList:
    """Children for a list page: `hidden` are shown as "Restricted record" (sealed, and the user is
    not on the access list); `unlisted` are not listed at all (the user's role opens no records)."""

    children: list[Person] = field(default_factory=list)
    hidden: set[int] = field(default_factory=set)
    unlisted: int = 0
    total: int = 0

    @property
    def named(self) -> list[int]:
        """The ids shown with a name (what the list-view audit records as seen)."""
        return [p.pk for p in self.children if p.pk not in self.hidden]


def children_behind(user: User, person_ids: Iterable[int], *, limit: int) -> ChildList:
    """The children behind a figure row, for this user: named if they may see them, "Restricted
    record" if sealed and they are not on the access list (listed after the named, so the order
    says nothing about a sealed name), none at all for a role that opens no children's records."""
    ids = sorted(set(person_ids))
    if not user.can("view_people"):
        return ChildList(unlisted=len(ids), total=len(ids))
    people: list[Person] = []
    hidden: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        people.extend(Person.objects.filter(pk__in=chunk))
        hidden |= restricted_ids(user, chunk)
    people.sort(
        key=lambda p: (1, "", "", p.pk) if p.pk in hidden else (0, p.last_name, p.first_name, p.pk)
    )
    shown = people[:limit]
    return ChildList(
        children=shown, hidden={p.pk for p in shown if p.pk in hidden}, total=len(people)
    )


def census_failures(year: int) -> list[Failure]:
    """The pre-submission checks' failures for the collection year ending 31 March `year`."""
    return list(check_census(census_children(year), year))


def census_size(year: int) -> int:
    """Children in the census: every child with a referral or episode in the collection year."""
    return int(census_referrals(year).values("person_id").distinct().count())


def failure_restrictions(user: User, failures: list[Failure]) -> set[int]:
    """The children among the failures this user sees only as "Restricted record"."""
    return restricted_ids(user, {f.person_id for f in failures})


def home_reports(*, user: User, now: datetime) -> list[HomeSection]:
    """Today's front door in numbers for the analyst (and managers who see the dashboard):
    counts only, no child named. Three queries."""
    from frontdoor.core.calendar import LONDON, local_date
    from frontdoor.intake.models import Contact, ContactStatus
    from frontdoor.screening.models import Decision

    start = datetime.combine(local_date(now), datetime.min.time(), tzinfo=LONDON)
    received = Contact.objects.filter(received_at__gte=start, received_at__lte=now).count()
    open_contacts = Contact.objects.filter(status=ContactStatus.OPEN)
    overdue = open_contacts.filter(decision_due_at__lt=now).count()
    late_no_reason = Decision.objects.filter(late=True, delay_reason="").count()
    dashboard_url = reverse("reporting:dashboard")
    return [
        HomeSection(
            "today",
            "The front door today",
            received,
            [
                HomeItem(
                    label=f"{received} contact{'s' if received != 1 else ''} received today",
                    url=dashboard_url,
                ),
                HomeItem(
                    label=f"{overdue} contact{'s' if overdue != 1 else ''} past the one-working-day decision deadline",
                    url=dashboard_url,
                ),
                HomeItem(
                    label=f"{late_no_reason} late decision{'s' if late_no_reason != 1 else ''} without a recorded reason",
                    url=dashboard_url,
                ),
            ],
            more_url=dashboard_url,
            more_label="The performance dashboard",
            overdue=overdue,
        )
    ]
