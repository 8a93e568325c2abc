"""Front-door figures from contacts, referrals and allocations (DOMAIN.md §3 and §10)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db.models import Q

from frontdoor.cases.models import Allocation, Referral
from frontdoor.core.calendar import local_date, window_start
from frontdoor.core.codes import ReferralSource
from frontdoor.intake.models import Contact, ContactChild

from ..periods import Period
from .base import Figure, Row, count, figure, percent, shared


def _contacts(period: Period) -> list[tuple[int, datetime, str, datetime | None, datetime]]:
    return shared(("contacts", period), lambda: _load_contacts(period))


def _load_contacts(period: Period) -> list[tuple[int, datetime, str, datetime | None, datetime]]:
    qs = Contact.objects.filter(received_at__gte=period.start_at, received_at__lt=period.end_at)
    if period.team_id:
        qs = qs.filter(recorded_by__team_id=period.team_id)
    return list(
        qs.order_by("received_at").values_list(
            "pk", "received_at", "source", "decided_at", "decision_due_at"
        )
    )


def _children(period: Period) -> dict[int, list[int]]:
    return shared(("children", period), lambda: _load_children(period))


def _load_children(period: Period) -> dict[int, list[int]]:
    qs = ContactChild.objects.filter(
        contact__received_at__gte=period.start_at, contact__received_at__lt=period.end_at
    )
    if period.team_id:
        qs = qs.filter(contact__recorded_by__team_id=period.team_id)
    by_contact: dict[int, list[int]] = defaultdict(list)
    for contact_id, person_id in qs.values_list("contact_id", "person_id"):
        by_contact[contact_id].append(person_id)
    return by_contact


def _people(contact_ids: list[int], children: dict[int, list[int]]) -> frozenset[int]:
    return frozenset(p for c in contact_ids for p in children.get(c, ()))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@figure("contacts_by_week", area="Contacts", title="Contacts by week")
def contacts_by_week(period: Period) -> Figure:
    """Contacts received, by the week (Monday to Sunday) of receipt in Europe/London."""
    contacts, children = _contacts(period), _children(period)
    weeks: dict[date, list[int]] = {}
    day = week_start(period.start)
    while day <= period.end:
        weeks[day] = []
        day += timedelta(days=7)
    for pk, received_at, *_ in contacts:
        weeks[week_start(local_date(received_at))].append(pk)
    rows = [
        Row(
            key=start.isoformat(),
            label=f"w/c {start.day} {start:%b %Y}",
            value=len(ids),
            people=_people(ids, children),
        )
        for start, ids in weeks.items()
    ]
    return Figure(
        key="",
        title="",
        rows=rows,
        chart="line",
        value_label="Contacts",
        headline=f"{count(len(contacts), 'contact')} received in the period",
        note="Weeks start on Monday; the first and last weeks may be part weeks.",
    )


@figure("contacts_by_source", area="Contacts", title="Contacts by source")
def contacts_by_source(period: Period) -> Figure:
    contacts, children = _contacts(period), _children(period)
    by_source: dict[str, list[int]] = defaultdict(list)
    for pk, _received, source, *_ in contacts:
        by_source[source].append(pk)
    rows = [
        Row(
            key=code,
            label=f"{code}: {label}",
            value=len(by_source[code]),
            people=_people(by_source[code], children),
        )
        for code, label in ReferralSource.choices
        if by_source.get(code)
    ]
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Contacts",
        headline=f"{count(len(contacts), 'contact')} from {count(len(rows), 'kind')} of source",
    )


@figure("contact_decisions", area="Contacts", title="Contact decisions within one working day")
def contact_decisions(period: Period) -> Figure:
    """Decided on or before the deadline stored when the contact was received (Working Together:
    a decision within one working day of receipt)."""
    contacts, children = _contacts(period), _children(period)
    groups: dict[str, list[int]] = {"on_time": [], "late": [], "overdue": [], "waiting": []}
    end = period.end_at
    for pk, _received, _source, decided_at, due in contacts:
        if decided_at is not None:
            groups["on_time" if decided_at <= due else "late"].append(pk)
        else:
            groups["overdue" if due < end else "waiting"].append(pk)
    labels = {
        "on_time": "Decided within one working day",
        "late": "Decided late",
        "overdue": "Not decided and overdue",
        "waiting": "Not decided, not yet due",
    }
    rows = [
        Row(key=k, label=labels[k], value=len(v), people=_people(v, children))
        for k, v in groups.items()
    ]
    decided = len(groups["on_time"]) + len(groups["late"])
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Contacts",
        headline=f"{percent(len(groups['on_time']), decided)} of {count(decided, 'decision')} "
        "made within one working day of receipt",
        note="Overdue is judged at the end of the period.",
    )


@figure("contact_conversion", area="Referrals", title="Contacts that became referrals")
def contact_conversion(period: Period) -> Figure:
    """Each child on a contact counts once; converted when a referral was opened from that contact
    for that child."""
    children = _children(period)
    contact_ids = [pk for pk, *_ in _contacts(period)]
    wanted = set(contact_ids)
    referred = {
        pair
        for pair in Referral.objects.filter(
            contact__received_at__gte=period.start_at,
            contact__received_at__lt=period.end_at,
        ).values_list("contact_id", "person_id")
        if pair[0] in wanted
    }
    pairs = [(c, p) for c in contact_ids for p in children.get(c, ())]
    yes = [pair for pair in pairs if pair in referred]
    no = [pair for pair in pairs if pair not in referred]
    rows = [
        Row(
            key="referral",
            label="Became a referral",
            value=len(yes),
            people=frozenset(p for _, p in yes),
        ),
        Row(
            key="no_referral",
            label="Did not become a referral",
            value=len(no),
            people=frozenset(p for _, p in no),
        ),
    ]
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Children on contacts",
        headline=f"{percent(len(yes), len(pairs))} of {count(len(pairs), 'child', 'children')} on contacts "
        "became referrals",
        comparator="England: about 23% of contacts become referrals",
    )


def _referrals(period: Period) -> list[tuple[int, int, date, bool]]:
    qs = Referral.objects.filter(referral_date__gte=period.start, referral_date__lte=period.end)
    if period.team_id:
        qs = qs.filter(team_id=period.team_id)
    return list(
        qs.order_by("referral_date", "pk").values_list("pk", "person_id", "referral_date", "nfa")
    )


@figure("referral_nfa", area="Referrals", title="Referrals with no further action")
def referral_nfa(period: Period) -> Figure:
    referrals = _referrals(period)
    nfa = [r for r in referrals if r[3]]
    further = [r for r in referrals if not r[3]]
    rows = [
        Row(
            key="nfa",
            label="No further action",
            value=len(nfa),
            people=frozenset(r[1] for r in nfa),
        ),
        Row(
            key="further",
            label="Further action",
            value=len(further),
            people=frozenset(r[1] for r in further),
        ),
    ]
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Referrals",
        headline=f"{percent(len(nfa), len(referrals))} of {count(len(referrals), 'referral')} "
        "were no further action",
        comparator="England 2024-25: 6.5% of referrals were no further action",
    )


def is_re_referral(day: date, pk: int, earlier: list[tuple[int, date]]) -> bool:
    """A referral within 12 months of a previous referral for the same child (DOMAIN.md §2).
    A previous referral exactly 12 months before counts; one on the same day counts if recorded
    first."""
    since = window_start(day, 12)
    return any(
        since <= other_day < day or (other_day == day and other_pk < pk)
        for other_pk, other_day in earlier
    )


@figure("re_referrals", area="Referrals", title="Re-referrals within 12 months")
def re_referrals(period: Period) -> Figure:
    referrals = _referrals(period)
    history: dict[int, list[tuple[int, date]]] = defaultdict(list)
    for pk, person_id, day in Referral.objects.filter(
        person_id__in=Referral.objects.filter(
            referral_date__gte=period.start, referral_date__lte=period.end
        ).values("person_id"),
        referral_date__gte=window_start(period.start, 12),
        referral_date__lte=period.end,
    ).values_list("pk", "person_id", "referral_date"):
        history[person_id].append((pk, day))
    flags = [is_re_referral(r[2], r[0], history[r[1]]) for r in referrals]
    again = [r for r, flag in zip(referrals, flags, strict=True) if flag]
    first = [r for r, flag in zip(referrals, flags, strict=True) if not flag]
    rows = [
        Row(
            key="re_referral",
            label="Re-referral within 12 months",
            value=len(again),
            people=frozenset(r[1] for r in again),
        ),
        Row(
            key="first",
            label="No referral in the previous 12 months",
            value=len(first),
            people=frozenset(r[1] for r in first),
        ),
    ]
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Referrals",
        headline=f"{percent(len(again), len(referrals))} of {count(len(referrals), 'referral')} "
        "were re-referrals",
        comparator="England 2024-25: 22.6% of referrals were re-referrals",
    )


def _open_allocations(period: Period) -> list[tuple[int, str, int | None, str, int]]:
    return shared(("allocations", period), lambda: _load_open_allocations(period))


def _load_open_allocations(period: Period) -> list[tuple[int, str, int | None, str, int]]:
    at = period.end_at
    qs = (
        # Referrals' allocations (early help episodes are allocated too: not CIN caseloads).
        Allocation.objects.filter(start__lt=at, referral__isnull=False)
        .filter(Q(end__isnull=True) | Q(end__gte=at))
        .filter(Q(referral__closure_date__isnull=True) | Q(referral__closure_date__gt=period.end))
    )
    if period.team_id:
        qs = qs.filter(team_id=period.team_id)
    rows = qs.order_by("team__name", "worker__last_name", "worker__first_name").values_list(
        "team_id",
        "team__name",
        "worker_id",
        "worker__first_name",
        "worker__last_name",
        "referral__person_id",
    )
    return [(t, team, w, _worker_name(w, first, last), p) for t, team, w, first, last, p in rows]


def _worker_name(worker_id: int | None, first: str | None, last: str | None) -> str:
    return " ".join(p for p in (first, last) if p) if worker_id else ""


@figure("caseloads_team", area="Caseloads", title="Caseloads by team")
def caseloads_team(period: Period) -> Figure:
    """Open allocations of open referrals at the end of the period."""
    by_team: dict[tuple[int, str], list[int]] = defaultdict(list)
    for team_id, team, _w, _name, person in _open_allocations(period):
        by_team[(team_id, team)].append(person)
    rows = [
        Row(key=str(team_id), label=team, value=len(people), people=frozenset(people))
        for (team_id, team), people in by_team.items()
    ]
    total = sum(r.value for r in rows)
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Open cases",
        headline=f"{count(total, 'open allocated case')} on {period.end:%d/%m/%Y}",
    )


@figure("caseloads_worker", area="Caseloads", title="Caseloads by worker")
def caseloads_worker(period: Period) -> Figure:
    by_worker: dict[tuple[str, str], list[int]] = defaultdict(list)
    for team_id, team, worker_id, name, person in _open_allocations(period):
        key = (
            f"{team_id}-{worker_id or 0}",
            f"{name} ({team})" if worker_id else f"{team}: no named worker",
        )
        by_worker[key].append(person)
    rows = sorted(
        (
            Row(key=key, label=label, value=len(people), people=frozenset(people))
            for (key, label), people in by_worker.items()
        ),
        key=lambda r: (-r.value, r.label),
    )
    named = [r.value for r in rows if "no named worker" not in r.label]
    average = f"; average {sum(named) / len(named):.1f} per named worker" if named else ""
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Open cases",
        headline=f"{count(len(named), 'named worker')} with open cases on {period.end:%d/%m/%Y}{average}",
    )
