"""Collecting the CIN census from the records (DOMAIN.md §9).

The collection year runs 1 April (YEAR-1) to 31 March (YEAR). It holds every referral in the year,
NFA ones included, and every episode open at any point in it. Anything dated after the reference
date is left out (an episode closed after 31 March is reported open). Each module is sent only
when it falls in the census year, as the DfE's rules require (docs/returns.md):

- an assessment completed before 1 April is not sent (8696); one still open is;
- a section 47 enquiry whose ICPC was held, or which concluded, before 1 April is not sent (8715);
- a child protection plan that ended before 1 April is not sent (8930);
- an NFA referral dated before 1 April is not sent (it belonged to last year's census; 8569Q);
- the ICPC date is written once: on its section 47, or at episode level only when no section 47
  sent in the episode carries it (2884);
- a child born after the reference date was unborn on it: expected date of birth, sex U (8520,
  8750).

CIN plans and pre-proceedings come from one function each (`cin_plans_for`,
`pre_proceedings_for`), reading those areas' selectors (`visits`, `preproceedings`).
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
from frontdoor.child_protection.selectors import previous_cp_plan_counts
from frontdoor.people.models import Person, PersonKind
from frontdoor.preproceedings.selectors import census_block, census_pre_proceedings
from frontdoor.visits.selectors import cin_plan_dates_by_referral

CHUNK = 500


def collection_year(year: int) -> tuple[date, date]:
    """(first day, reference date) of the collection year whose reference date is 31 March YEAR."""
    return date(year - 1, 4, 1), date(year, 3, 31)


@dataclass
class CensusAssessment:
    pk: int
    start: date | None
    authorised: date | None
    factors: list[str]
    url: str


@dataclass
class CensusPlanDates:
    start: date | None
    end: date | None
    url: str = ""


@dataclass
class CensusS47:
    pk: int
    start: date | None
    icpc_target: date | None
    icpc_date: date | None
    icpc_not_required: bool
    is_open: bool
    url: str


@dataclass
class CensusCPP:
    pk: int
    start: date | None
    end: date | None
    initial_category: str
    latest_category: str
    previous: int | None
    reviews: list[date | None]
    url: str


@dataclass
class CensusPreProceedings:
    """One `PreProceedingsandFGDM` block (2026-27 census on): items in the DfE's order."""

    pk: int
    url: str
    start: date | None = None  # PPStartDate
    lbp_sent: date | None = None  # LBPSentDate
    fgdm_offered: bool | None = None  # FGDMMeetingOffer
    fgdm_facilitated: bool | None = None  # FGDMMeetingFac
    initial_meeting: date | None = None  # InitialPPMeetingDate
    review_meetings: int | None = None  # ReviewMeetingsCount
    step_decision: date | None = None  # StepDecisionDate
    outcome: str = ""  # PPOutcome (CS131)
    court_application: date | None = None  # CourtAppDate
    letter_to_initiate: date | None = None  # LetterInitCPDate


@dataclass
class Episode:
    pk: int
    referral_date: date | None
    source: str
    primary_need: str
    closure_date: date | None
    reason_for_closure: str
    nfa: bool | None
    url: str
    assessments: list[CensusAssessment] = field(default_factory=list)
    plans: list[CensusPlanDates] = field(default_factory=list)
    s47s: list[CensusS47] = field(default_factory=list)
    cpps: list[CensusCPP] = field(default_factory=list)
    pre_proceedings: list[CensusPreProceedings] = field(default_factory=list)
    # The episode-level DateOfInitialCPC: only when no section 47 sent carries the ICPC (2884).
    icpc_date: date | None = None


@dataclass
class CensusChild:
    """A child as the census reports them on the reference date: `birth_date`, `expected_birth_date`
    and `sex` are what is written (a child born after the reference date is still unborn on it)."""

    person: Person
    episodes: list[Episode]
    birth_date: date | None = None
    expected_birth_date: date | None = None
    sex: str = "U"
    death_date: date | None = None
    upn: str = ""
    upn_unknown: str = ""
    former_upn: str = ""
    la_id: str | None = None  # the LAchildID when it is not the person's own (a file read back)

    @property
    def url(self) -> str:
        return reverse("people:detail", args=[self.person.pk]) if self.person.pk else ""

    @property
    def la_child_id(self) -> str:
        return self.la_id if self.la_id is not None else str(self.person.la_child_id)

    @classmethod
    def as_at(cls, person: Person, episodes: list[Episode], ref: date) -> CensusChild:
        born = person.date_of_birth if person.kind != PersonKind.UNBORN else None
        if born is not None and born <= ref:
            birth, expected, sex = born, None, person.sex or "U"
        else:
            birth, expected, sex = None, person.expected_date_of_birth or born, "U"
        return cls(
            person=person,
            episodes=episodes,
            birth_date=birth,
            expected_birth_date=expected,
            sex=sex,
            death_date=_clip(person.date_of_death, ref),
            upn=person.upn,
            upn_unknown="" if person.upn else person.upn_unknown,
        )


def _clip(day: date | None, ref: date) -> date | None:
    return day if day is not None and day <= ref else None


def _in_year(day: date | None, start: date, ref: date) -> bool:
    return day is not None and start <= day <= ref


def census_referrals(year: int) -> Any:
    """Referrals in the census: open at some point in the year; an NFA referral only when it is
    dated in the year (an earlier one was last year's)."""
    start, ref = collection_year(year)
    return (
        Referral.objects.filter(referral_date__lte=ref)
        .filter(Q(closure_date__isnull=True) | Q(closure_date__gte=start))
        .filter(Q(nfa=False) | Q(referral_date__gte=start))
    )


def census_children(year: int, person_ids: list[int] | None = None) -> Iterator[CensusChild]:
    """Every child in the census (or those of `person_ids` who are in it), in LAchildID order,
    read in chunks (memory stays flat)."""
    in_census = census_referrals(year)
    if person_ids is not None:
        in_census = in_census.filter(person_id__in=person_ids)
    ids = sorted(set(in_census.values_list("person_id", flat=True)))
    for offset in range(0, len(ids), CHUNK):
        yield from _chunk(ids[offset : offset + CHUNK], year)


def _chunk(person_ids: list[int], year: int) -> Iterator[CensusChild]:
    start, ref = collection_year(year)
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
    _add_protection(episodes, start, ref)
    for referral_id, plans in cin_plans_for(list(episodes), start, ref).items():
        episodes[referral_id].plans = plans
    for referral_id, blocks in pre_proceedings_for(list(episodes), start, ref).items():
        episodes[referral_id].pre_proceedings = blocks
    for episode in episodes.values():
        carried = {s.icpc_date for s in episode.s47s if s.icpc_date}
        uncarried = [
            p.start
            for p in episode.cpps
            if _in_year(p.start, start, ref) and p.start not in carried and p.start
        ]
        episode.icpc_date = min(uncarried) if uncarried else None
    for person_id in person_ids:
        yield CensusChild.as_at(people[person_id], by_person[person_id], ref)


def cin_plans_for(
    referral_ids: list[int], start: date, ref: date
) -> dict[int, list[CensusPlanDates]]:
    """Child in need plans by referral, for `CINPlanDates`: plans started by the reference date
    and not ended before the year (4013); an end after the reference date is not yet known."""
    found: dict[int, list[CensusPlanDates]] = {}
    for referral_id, plans in cin_plan_dates_by_referral(referral_ids).items():
        kept = [
            CensusPlanDates(start=p.start, end=_clip(p.end, ref))
            for p in plans
            if p.start <= ref and (p.end is None or p.end >= start)
        ]
        if kept:
            found[referral_id] = kept
    return found


def pre_proceedings_for(
    referral_ids: list[int], start: date, ref: date
) -> dict[int, list[CensusPreProceedings]]:
    """Pre-proceedings by referral, for `PreProceedingsandFGDM` (2026-27 on): those decided on in
    the year (9005), each with what was recorded by the reference date. Pre-proceedings decided on
    before the year and still running are not sent: how the DfE wants them is not published
    (docs/returns.md)."""
    return {
        referral_id: [_block(pp, referral_id, ref) for pp in rows]
        for referral_id, rows in census_pre_proceedings(referral_ids, start, ref).items()
    }


def _block(pp: Any, referral_id: int, ref: date) -> CensusPreProceedings:
    """One pre-proceedings record as its census block, as it stood on the reference date."""
    items = census_block(pp)

    def on(name: str) -> Any:
        value = items.get(name)
        return value if not isinstance(value, date) or value <= ref else None

    letter, first_meeting, decided = (
        on("LBPSentDate"),
        on("InitialPPMeetingDate"),
        on("StepDecisionDate"),
    )
    return CensusPreProceedings(
        pk=pp.pk,
        url=reverse("child_protection:referral_detail", args=[referral_id]),
        start=on("PPStartDate"),
        lbp_sent=letter,
        fgdm_offered=on("FGDMMeetingOffer") if letter else None,
        fgdm_facilitated=on("FGDMMeetingFac") if letter else None,
        initial_meeting=first_meeting,
        review_meetings=on("ReviewMeetingsCount") if first_meeting else None,
        step_decision=decided,
        outcome=(on("PPOutcome") or "") if decided else "",
        court_application=on("CourtAppDate"),
        letter_to_initiate=on("LetterInitCPDate"),
    )


def _add_protection(episodes: dict[int, Episode], start: date, ref: date) -> None:
    ids = list(episodes)
    assessments = Assessment.objects.filter(referral_id__in=ids, start_date__lte=ref).exclude(
        authorised_date__lt=start
    )
    for a in assessments.order_by("start_date", "pk"):
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
    enquiries = (
        Section47Enquiry.objects.filter(referral_id__in=ids, start_date__lte=ref)
        .exclude(icpc_date__lt=start)
        .exclude(
            Q(icpc_date__isnull=True, outcome_date__lt=start) & ~Q(outcome="substantiated_icpc")
        )
    )
    for s in enquiries.order_by("start_date", "pk"):
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
    plans = list(
        ChildProtectionPlan.objects.filter(referral_id__in=ids, start_date__lte=ref)
        .exclude(end_date__lt=start)
        .order_by("start_date", "pk")
        .prefetch_related("reviews")
    )
    previous = previous_cp_plan_counts([p.pk for p in plans])
    for p in plans:
        episodes[p.referral_id].cpps.append(
            CensusCPP(
                pk=p.pk,
                start=p.start_date,
                end=_clip(p.end_date, ref),
                initial_category=p.initial_category,
                latest_category=p.latest_category,
                previous=previous[p.pk],
                reviews=[r.held_date for r in p.reviews.all() if r.held_date <= ref],
                url=reverse("child_protection:plan_detail", args=[p.pk]),
            )
        )
