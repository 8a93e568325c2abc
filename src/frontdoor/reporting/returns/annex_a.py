"""Ofsted ILACS Annex A lists 1–11 for the six months to a chosen date (DOMAIN.md §9).

Lists 1 and 3 come from contacts and referrals; list 2 from early help; lists 4, 5 and 7 from the
protection area; list 6 from referrals with their assessments and plans. Lists 8–11 (children in
care, care leavers, adoption) are outside the front door and keep only their headings. Values are
lettered exactly as Ofsted's lists letter them (tested against the accepted values copied from the
Annex A schema, `reporting/returns/data/annex_a_accepted.json`); dates are real date cells shown
dd/mm/yyyy; ages are on the last day of the period.
"Number of … in the last 12 months" counts the child's records from 12 months before the row's
own date up to the end of the period (so it includes the row itself and, for an s47, its ICPC).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import xlsxwriter
from django.db.models import Q
from django.urls import reverse

from frontdoor.assessments.models import Assessment, ChildSeen
from frontdoor.cases.models import Referral
from frontdoor.child_protection.models import ChildProtectionPlan, Section47Enquiry
from frontdoor.child_protection.selectors import previous_cp_plan_counts
from frontdoor.core.calendar import local_date, months_before, window_start
from frontdoor.earlyhelp.models import EarlyHelpEpisode
from frontdoor.intake.models import ContactChild
from frontdoor.out_of_hours.models import EdtRecord
from frontdoor.people.models import Person
from frontdoor.visits.models import StatutoryVisit
from frontdoor.visits.selectors import last_cp_visits

from ..exports import neutralise
from ..periods import Period
from .annex_a_codes import (
    CASE_STATUS,
    CATEGORY,
    ETHNICITY,
    GENDER,
    HEADINGS,
    NO,
    PRIMARY_NEED,
    REASON_FOR_CLOSURE,
    SOURCE,
    UNKNOWN,
    YES,
)

Cell = str | int | date | None


@dataclass(frozen=True)
class Row:
    """One row of a list, with the child and the record behind it (its page, where the returns
    health page sends whoever fixes a problem in the row) and the episode, for who holds it."""

    cells: list[Cell]
    person_id: int
    url: str
    referral_id: int | None = None


def six_months_to(end: date) -> tuple[date, date]:
    return months_before(end, 6) + timedelta(days=1), end


def ddmmyyyy(day: date | None) -> date | None:
    """A date cell: written as a real date shown dd/mm/yyyy (`write_annex_a`), or left blank."""
    return day or None


def yes_no(value: bool | None) -> str:
    return "" if value is None else YES if value else NO


@dataclass
class AnnexA:
    """Rows per sheet, and the children in them (for the export audit)."""

    start: date
    end: date
    children: set[int] = field(default_factory=set)
    _people: dict[int, Person] = field(default_factory=dict)

    def person(self, pk: int) -> Person:
        return self._people[pk]

    def load_people(self, ids: set[int]) -> None:
        missing = sorted(ids - set(self._people))
        for offset in range(0, len(missing), 500):
            self._people.update(Person.objects.in_bulk(missing[offset : offset + 500]))

    def child_cells(self, pk: int, *, disability: bool = False) -> list[Cell]:
        self.children.add(pk)
        p = self.person(pk)
        cells: list[Cell] = [
            p.la_child_id,
            GENDER.get(p.sex, GENDER["U"]),
            ETHNICITY.get(p.ethnicity, ETHNICITY["NOBT"]),
            ddmmyyyy(p.date_of_birth),
            _age(p, self.end),
        ]
        if disability:
            codes = [c for c in (p.disabilities or []) if c != "NONE"]
            cells.append(YES if codes else NO)
        return cells


def _age(person: Person, end: date) -> int | None:
    """Age on the last day of the period; none for a child born after it (unborn then: a negative
    age is not a whole number Ofsted's lists accept, and the column may be blank)."""
    age = person.age_on(end)
    return age if age is None or age >= 0 else None


UNALLOCATED = "Unallocated"


def _team(obj: Any) -> list[Cell]:
    """Allocated team and worker; the lists may not leave them blank, so an unallocated case (an NFA
    referral closed at the front door, say) says so."""
    team = getattr(obj, "team", None)
    worker = getattr(obj, "worker", None)
    return [team.name if team else UNALLOCATED, worker.display_name if worker else UNALLOCATED]


def list_1(a: AnnexA) -> Iterator[Row]:
    period = Period(a.start, a.end)
    links = list(
        ContactChild.objects.filter(
            contact__received_at__gte=period.start_at,
            contact__received_at__lt=period.end_at,
        )
        .order_by("contact__received_at", "contact_id", "person_id")
        .values_list("person_id", "contact__received_at", "contact__source", "contact_id")
    )
    a.load_people({row[0] for row in links})
    for person_id, received, source, contact_id in links:
        cells: list[Cell] = [
            *a.child_cells(person_id),
            ddmmyyyy(local_date(received)),
            SOURCE.get(source, SOURCE["10"]),
        ]
        yield Row(cells, person_id, reverse("intake:contact_detail", args=[contact_id]))


def list_2(a: AnnexA) -> Iterator[Row]:
    rows = list(
        EarlyHelpEpisode.objects.filter(assessment_start_date__lte=a.end)
        .filter(
            Q(assessment_completion_date__isnull=True) | Q(assessment_completion_date__gte=a.start)
        )
        .order_by("assessment_start_date", "pk")
    )
    a.load_people({r.person_id for r in rows})
    for r in rows:
        done = (
            r.assessment_completion_date
            if r.assessment_completion_date and r.assessment_completion_date <= a.end
            else None
        )
        cells: list[Cell] = [
            *a.child_cells(r.person_id),
            ddmmyyyy(r.assessment_start_date),
            ddmmyyyy(done),
            r.assessment_organisation or r.organisation,
        ]
        yield Row(cells, r.person_id, reverse("earlyhelp:episode_detail", args=[r.pk]))


def list_3(a: AnnexA) -> Iterator[Row]:
    base = Referral.objects.filter(referral_date__gte=a.start, referral_date__lte=a.end)
    rows = list(base.select_related("team", "worker").order_by("referral_date", "pk"))
    a.load_people({r.person_id for r in rows})
    history: dict[int, list[date]] = defaultdict(list)
    for person_id, day in Referral.objects.filter(
        person_id__in=base.values("person_id"),
        referral_date__lte=a.end,
        referral_date__gte=window_start(a.start, 12),
    ).values_list("person_id", "referral_date"):
        history[person_id].append(day)
    for r in rows:
        since = window_start(r.referral_date, 12)
        count = sum(1 for day in history[r.person_id] if since <= day <= a.end)
        cells: list[Cell] = [
            *a.child_cells(r.person_id),
            ddmmyyyy(r.referral_date),
            SOURCE.get(r.source, SOURCE["10"]),
            yes_no(r.nfa),
            count,
            *_team(r),
        ]
        yield Row(cells, r.person_id, _referral_url(r.pk), r.pk)


REQUIRES_SUPPORT = {
    "cin_plan": True,
    "child_protection": True,
    "accommodation": True,
    "strategy": True,
    "nfa": False,
    "step_down": False,
}


def list_4(a: AnnexA) -> Iterator[Row]:
    rows = list(
        Assessment.objects.filter(start_date__lte=a.end)
        .filter(Q(authorised_date__isnull=True) | Q(authorised_date__gte=a.start))
        .select_related("referral__team", "referral__worker")
        .prefetch_related("visits")
        .order_by("start_date", "pk")
    )
    a.load_people({r.person_id for r in rows})
    for r in rows:
        done = r.authorised_date if r.authorised_date and r.authorised_date <= a.end else None
        seen = any(v.seen_on <= a.end for v in r.visits.all())
        outcome = REQUIRES_SUPPORT.get(r.outcome) if done else None
        cells: list[Cell] = [
            *a.child_cells(r.person_id, disability=True),
            ddmmyyyy(r.start_date),
            YES if seen else NO,
            ddmmyyyy(done),
            yes_no(outcome),
            *_team(r.referral),
        ]
        url = reverse("assessments:assessment_detail", args=[r.pk])
        yield Row(cells, r.person_id, url, r.referral_id)


def list_5(a: AnnexA) -> Iterator[Row]:
    base = Section47Enquiry.objects.filter(start_date__gte=a.start, start_date__lte=a.end)
    rows = list(
        base.select_related("referral__team", "referral__worker").order_by("start_date", "pk")
    )
    a.load_people({r.person_id for r in rows})
    history: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for person_id, started, icpc in Section47Enquiry.objects.filter(
        person_id__in=base.values("person_id"),
        start_date__lte=a.end,
        start_date__gte=window_start(a.start, 12),
    ).values_list("person_id", "start_date", "icpc_date"):
        history[person_id].append((started, icpc))
    for r in rows:
        since = window_start(r.start_date, 12)
        enquiries = sum(1 for s, _ in history[r.person_id] if since <= s <= a.end)
        icpcs = sum(1 for _, i in history[r.person_id] if i and since <= i <= a.end)
        icpc = r.icpc_date if r.icpc_date and r.icpc_date <= a.end else None
        unnecessary = (
            True
            if r.icpc_not_required
            else ((r.outcome not in ("", "substantiated_icpc")) if r.outcome else None)
        )
        result = (YES if r.cp_plan else NO if r.cp_plan is False else UNKNOWN) if icpc else ""
        cells: list[Cell] = [
            *a.child_cells(r.person_id, disability=True),
            ddmmyyyy(r.start_date),
            yes_no(unnecessary),
            ddmmyyyy(icpc),
            result,
            enquiries,
            icpcs,
            *_team(r.referral),
        ]
        url = reverse("child_protection:s47_detail", args=[r.pk])
        yield Row(cells, r.person_id, url, r.referral_id)


def list_6(a: AnnexA) -> Iterator[Row]:
    base = Referral.objects.filter(referral_date__lte=a.end, nfa=False).filter(
        Q(closure_date__isnull=True) | Q(closure_date__gte=a.start)
    )
    rows = list(base.select_related("team", "worker").order_by("referral_date", "pk"))
    a.load_people({r.person_id for r in rows})
    ids = base.values("pk")
    seen: dict[int, date] = {}
    for referral_id, day in ChildSeen.objects.filter(
        assessment__referral_id__in=ids, seen_on__lte=a.end
    ).values_list("assessment__referral_id", "seen_on"):
        seen[referral_id] = max(day, seen.get(referral_id, day))
    for referral_id, s47_seen in Section47Enquiry.objects.filter(
        referral_id__in=ids, child_seen_date__lte=a.end
    ).values_list("referral_id", "child_seen_date"):
        if s47_seen is not None:  # always, by the filter; narrows the type
            seen[referral_id] = max(s47_seen, seen.get(referral_id, s47_seen))
    for plan_field in ("cp_plan__referral_id", "cin_plan__referral_id"):
        for referral_id, visited in StatutoryVisit.objects.filter(
            **{f"{plan_field}__in": ids}, child_seen=True, visit_date__lte=a.end
        ).values_list(plan_field, "visit_date"):
            seen[referral_id] = max(visited, seen.get(referral_id, visited))
    open_assessment = set(
        Assessment.objects.filter(referral_id__in=ids, start_date__lte=a.end)
        .filter(Q(authorised_date__isnull=True) | Q(authorised_date__gt=a.end))
        .values_list("referral_id", flat=True)
    )
    open_plan = set(
        ChildProtectionPlan.objects.filter(referral_id__in=ids, start_date__lte=a.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=a.end))
        .values_list("referral_id", flat=True)
    )
    for r in rows:
        closed = r.closure_date if r.closure_date and r.closure_date <= a.end else None
        status = (
            "closed"
            if closed
            else "cpp"
            if r.pk in open_plan
            else "assessment"
            if r.pk in open_assessment
            else "cin"
        )
        cells: list[Cell] = [
            *a.child_cells(r.person_id, disability=True),
            ddmmyyyy(r.referral_date),
            PRIMARY_NEED.get(r.primary_need, PRIMARY_NEED["N0"]),
            ddmmyyyy(seen.get(r.pk)),
            ddmmyyyy(closed),
            REASON_FOR_CLOSURE.get(r.reason_for_closure, "") if closed else "",
            CASE_STATUS[status],
            *_team(r),
        ]
        yield Row(cells, r.person_id, _referral_url(r.pk), r.pk)


def list_7(a: AnnexA) -> Iterator[Row]:
    base = ChildProtectionPlan.objects.filter(start_date__lte=a.end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=a.start)
    )
    rows = list(
        base.select_related("referral__team", "referral__worker")
        .prefetch_related("reviews")
        .order_by("start_date", "pk")
    )
    a.load_people({r.person_id for r in rows})
    ids = [r.pk for r in rows]
    previous = previous_cp_plan_counts(ids)
    visits = last_cp_visits(ids, a.end)
    protected = _police_protection(a, base.values("person_id"))
    for r in rows:
        reviews = [v.held_date for v in r.reviews.all() if v.held_date <= a.end]
        ended = r.end_date if r.end_date and r.end_date <= a.end else None
        visit = visits.get(r.pk)
        # "Seen alone" answers for the last statutory visit; blank when there was none. A child not
        # seen on it was not seen alone. The emergency protection order column must be answered:
        # police protection taken out of hours (an EDT record) is "Yes"; Front Door records no
        # emergency protection orders, so otherwise "No".
        cells: list[Cell] = [
            *a.child_cells(r.person_id, disability=True),
            ddmmyyyy(r.start_date),
            CATEGORY.get(r.initial_category, ""),
            CATEGORY.get(r.latest_category, ""),
            ddmmyyyy(visit.visit_date if visit else None),
            (YES if visit.seen_alone else NO) if visit else "",
            ddmmyyyy(max(reviews) if reviews else None),
            ddmmyyyy(ended),
            YES if r.person_id in protected else NO,
            previous[r.pk],
            *_team(r.referral),
        ]
        url = reverse("child_protection:plan_detail", args=[r.pk])
        yield Row(cells, r.person_id, url, r.referral_id)


def _referral_url(pk: int) -> str:
    return reverse("child_protection:referral_detail", args=[pk])


def _police_protection(a: AnnexA, people: Any) -> set[int]:
    """Children with police protection recorded by the emergency duty team in the six months."""
    period = Period(a.start, a.end)
    return {
        person_id
        for person_id, actions in EdtRecord.objects.filter(
            person_id__in=people,
            received_at__gte=period.start_at,
            received_at__lt=period.end_at,
        ).values_list("person_id", "actions")
        if "police_protection" in (actions or [])
    }


BUILDERS = {
    "List 1": list_1,
    "List 2": list_2,
    "List 3": list_3,
    "List 4": list_4,
    "List 5": list_5,
    "List 6": list_6,
    "List 7": list_7,
}


def write_annex_a(path: str, end: date) -> AnnexA:
    """Write the workbook to `path` row by row (xlsxwriter constant-memory mode)."""
    start, end = six_months_to(end)
    annex = AnnexA(start=start, end=end)
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
    bold = workbook.add_format({"bold": True})
    day_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for sheet_name, headings in HEADINGS.items():
        sheet = workbook.add_worksheet(sheet_name)
        sheet.write_row(0, 0, headings, bold)
        builder = BUILDERS.get(sheet_name)
        for row_number, row in enumerate(builder(annex) if builder else (), start=1):
            for column, value in enumerate(row.cells):
                if isinstance(value, date):
                    moment = datetime.combine(value, time())
                    sheet.write_datetime(row_number, column, moment, day_format)
                elif isinstance(value, int):
                    sheet.write_number(row_number, column, value)
                elif value:
                    sheet.write_string(row_number, column, neutralise(value))
    workbook.close()
    return annex
