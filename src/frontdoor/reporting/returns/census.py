"""Collecting the CIN census from the records (DOMAIN.md §9).

The collection year runs 1 April (YEAR-1) to 31 March (YEAR). It holds every referral in the year,
NFA ones included, and every episode open at any point in it. Anything dated after the reference
date is left out (an episode closed after 31 March is reported open). Assessments, section 47
enquiries and child protection plans come from the protection area's records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse

from frontdoor.assessments.models import Assessment
from frontdoor.cases.models import Referral
from frontdoor.child_protection.models import ChildProtectionPlan, Section47Enquiry
from frontdoor.people.models import Person

CHUNK = 500


def collection_year(year: int) -> tuple[date, date]:
    """(first day, reference date) of the collection year whose reference date is 31 March YEAR."""
    return date(year - 1, 4, 1), date(year, 3, 31)


@dataclass
class CensusAssessment:
    pk: int
    start: date
    authorised: date | None
    factors: list[str]
    url: str


@dataclass
class CensusPlanDates:
    start: date
    end: date | None


@dataclass
class CensusS47:
    pk: int
    start: date
    icpc_target: date | None
    icpc_date: date | None
    icpc_not_required: bool
    is_open: bool
    url: str


@dataclass
class CensusCPP:
    pk: int
    start: date
    end: date | None
    initial_category: str
    latest_category: str
    previous: int
    reviews: list[date]
    url: str


@dataclass
class Episode:
    pk: int
    referral_date: date
    source: str
    primary_need: str
    closure_date: date | None
    reason_for_closure: str
    nfa: bool
    url: str
    assessments: list[CensusAssessment] = field(default_factory=list)
    plans: list[CensusPlanDates] = field(default_factory=list)
    s47s: list[CensusS47] = field(default_factory=list)
    cpps: list[CensusCPP] = field(default_factory=list)

    @property
    def date_of_initial_cpc(self) -> date | None:
        """The ICPC that started a CP plan in this episode (or, failing that, the latest ICPC)."""
        if self.cpps:
            return min(plan.start for plan in self.cpps)
        held = [s.icpc_date for s in self.s47s if s.icpc_date]
        return max(held) if held else None


@dataclass
class CensusChild:
    person: Person
    episodes: list[Episode]

    @property
    def url(self) -> str:
        return reverse("people:detail", args=[self.person.pk])


def _clip(day: date | None, ref: date) -> date | None:
    return day if day is not None and day <= ref else None


def census_referrals(year: int) -> Any:
    start, ref = collection_year(year)
    return Referral.objects.filter(referral_date__lte=ref).filter(
        Q(closure_date__isnull=True) | Q(closure_date__gte=start)
    )


def census_children(year: int) -> Iterator[CensusChild]:
    """Every child in the census, in LAchildID order, read in chunks (memory stays flat)."""
    _start, ref = collection_year(year)
    person_ids = sorted(set(census_referrals(year).values_list("person_id", flat=True)))
    for offset in range(0, len(person_ids), CHUNK):
        yield from _chunk(person_ids[offset : offset + CHUNK], year, ref)


def _chunk(person_ids: list[int], year: int, ref: date) -> Iterator[CensusChild]:
    people = Person.objects.in_bulk(person_ids)
    referrals = list(
        census_referrals(year)
        .filter(person_id__in=person_ids)
        .order_by("person_id", "referral_date", "pk")
    )
    episodes: dict[int, Episode] = {}
    by_person: dict[int, list[Episode]] = defaultdict(list)
    for r in referrals:
        closure = _clip(r.closure_date, ref)
        episode = Episode(
            pk=r.pk,
            referral_date=r.referral_date,
            source=r.source,
            primary_need=r.primary_need,
            closure_date=closure,
            reason_for_closure=r.reason_for_closure if closure else "",
            nfa=r.nfa,
            url=reverse("child_protection:referral_detail", args=[r.pk]),
        )
        episodes[r.pk] = episode
        by_person[r.person_id].append(episode)
    _add_protection(episodes, person_ids, ref)
    for person_id in person_ids:
        yield CensusChild(person=people[person_id], episodes=by_person[person_id])


def _add_protection(episodes: dict[int, Episode], person_ids: list[int], ref: date) -> None:
    ids = list(episodes)
    for a in Assessment.objects.filter(referral_id__in=ids, start_date__lte=ref).order_by(
        "start_date", "pk"
    ):
        done = _clip(a.authorised_date, ref)
        episodes[a.referral_id].assessments.append(
            CensusAssessment(
                pk=a.pk,
                start=a.start_date,
                authorised=done,
                factors=list(a.factors) if done else [],
                url=reverse("assessments:assessment_detail", args=[a.pk]),
            )
        )
    for s in Section47Enquiry.objects.filter(referral_id__in=ids, start_date__lte=ref).order_by(
        "start_date", "pk"
    ):
        held = _clip(s.icpc_date, ref)
        concluded = bool(s.outcome) and (s.outcome_date is None or s.outcome_date <= ref)
        needs_icpc = s.outcome == "substantiated_icpc"
        episodes[s.referral_id].s47s.append(
            CensusS47(
                pk=s.pk,
                start=s.start_date,
                icpc_target=s.icpc_target,
                icpc_date=held,
                icpc_not_required=held is None
                and (bool(s.icpc_not_required) or (concluded and not needs_icpc)),
                is_open=held is None and (not concluded or needs_icpc),
                url=reverse("child_protection:s47_detail", args=[s.pk]),
            )
        )
    history: dict[int, list[date]] = defaultdict(list)
    for person_id, started in ChildProtectionPlan.objects.filter(
        person_id__in=person_ids
    ).values_list("person_id", "start_date"):
        history[person_id].append(started)
    plans = (
        ChildProtectionPlan.objects.filter(referral_id__in=ids, start_date__lte=ref)
        .order_by("start_date", "pk")
        .prefetch_related("reviews")
    )
    for p in plans:
        episodes[p.referral_id].cpps.append(
            CensusCPP(
                pk=p.pk,
                start=p.start_date,
                end=_clip(p.end_date, ref),
                initial_category=p.initial_category,
                latest_category=p.latest_category,
                previous=sum(1 for d in history[p.person_id] if d < p.start_date),
                reviews=[r.held_date for r in p.reviews.all() if r.held_date <= ref],
                url=reverse("child_protection:plan_detail", args=[p.pk]),
            )
        )
