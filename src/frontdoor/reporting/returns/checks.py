"""Pre-submission checks: the DfE CIN census rules that matter at the front door (DOMAIN.md §9).

Each failure names the rule, the child, says in plain words what is wrong and how to fix it, and
links to the record to fix. The checks run on exactly what the XML writer will write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from frontdoor.core.codes import (
    AssessmentFactor,
    CategoryOfAbuse,
    Disability,
    Ethnicity,
    PrimaryNeed,
    ReasonForClosure,
    ReferralSource,
)
from frontdoor.people.models import PersonKind

from .census import CensusChild, CensusCPP, Episode

UPN = re.compile(r"^[A-Za-z]\d{11}(\d|[A-Za-z])$")

RULES: dict[str, str] = {
    "CIN01": "At most one open episode per child",
    "CIN02": "A child's episodes (referral to closure) must not overlap",
    "CIN03": "An NFA referral carries no assessment, section 47, ICPC or CP plan",
    "CIN04": "Primary need code is required when the referral is not NFA",
    "CIN05": "Closure date and reason for closure go together",
    "CIN06": "Assessment, section 47 and ICPC dates are on or after the referral date",
    "CIN07": "Assessment factors only on a completed (authorised) assessment",
    "CIN08": "Factor 21 (no factors identified) stands alone",
    "CIN09": "RC8/RC9 episodes carry no section 47, CP plan, ICPC or CIN plan",
    "CIN10": "The ICPC and its target date are never on a weekend",
    "CIN11": "A CP plan starts on an ICPC date of the same episode",
    "CIN12": "At most one open assessment per episode",
    "CIN13": "At most one open section 47 enquiry per episode",
    "CIN14": "An unborn child has sex U and an expected date of birth",
    "CIN15": "Disability NONE stands alone; codes from the DfE list",
    "CIN16": "Exactly one of date of birth or expected date of birth",
    "CIN17": "Codes (source, need, closure reason, ethnicity, categories) from the DfE lists",
    "CIN18": "The closure date is on or after the referral date",
    "CIN19": "A UPN is a letter, 11 digits and a digit or check letter",
    "CIN20": "A CP plan ends on or after it starts, and reviews fall within the plan",
    "CIN21": "A child's child protection plans must not overlap",
}


@dataclass(frozen=True)
class Failure:
    rule: str
    person_id: int
    child_id: str
    name: str
    message: str
    url: str

    @property
    def title(self) -> str:
        return RULES[self.rule]


def check_census(children: Iterable[CensusChild]) -> Iterator[Failure]:
    for child in children:
        yield from check_child(child)


def check_child(child: CensusChild) -> Iterator[Failure]:
    person = child.person

    def fail(rule: str, message: str, url: str | None = None) -> Failure:
        return Failure(
            rule, person.pk, person.la_child_id, person.full_name, message, url or child.url
        )

    born, expected = person.date_of_birth, person.expected_date_of_birth
    if person.kind == PersonKind.UNBORN:
        if person.sex != "U" or born or not expected:
            yield fail(
                "CIN14",
                "This child is recorded as unborn: set sex to U (unknown) and record "
                "the expected date of birth, not a date of birth.",
            )
    elif bool(born) == bool(expected):
        yield fail(
            "CIN16",
            "Record the date of birth (or, for an unborn child, only the expected date of birth).",
        )
    codes = list(person.disabilities or [])
    if "NONE" in codes and len(codes) > 1:
        yield fail(
            "CIN15",
            "Disability NONE is recorded with other disabilities: remove NONE or the others.",
        )
    if any(code not in Disability.values for code in codes):
        yield fail("CIN15", f"Unknown disability code in {', '.join(codes)}: use the DfE list.")
    if person.ethnicity not in Ethnicity.values:
        yield fail("CIN17", f"Ethnicity {person.ethnicity!r} is not a DfE code.")
    if person.upn and not UPN.match(person.upn):
        yield fail(
            "CIN19",
            f"UPN {person.upn} is not in the DfE format: correct it or remove it "
            "and record why it is unknown.",
        )

    open_episodes = [e for e in child.episodes if e.closure_date is None]
    if len(open_episodes) > 1:
        dates = ", ".join(f"{e.referral_date:%d/%m/%Y}" for e in open_episodes)
        yield fail(
            "CIN01",
            f"{len(open_episodes)} episodes are open (referrals of {dates}): "
            "close all but the current one.",
            open_episodes[0].url,
        )
    for rule, message, url in overlapping_episodes(child.episodes):
        yield fail(rule, message, url)
    for rule, message, url in overlapping_plans([p for e in child.episodes for p in e.cpps]):
        yield fail(rule, message, url)
    for episode in child.episodes:
        for rule, message, url in check_episode(episode):
            yield fail(rule, message, url)


def ukdate(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _overlap(earlier_end: date | None, later_start: date) -> bool:
    """Two spans, ordered by start, overlap when the earlier is still open on a day after the
    later one starts (ending on the day the next starts is a hand-over, not an overlap)."""
    return earlier_end is None or earlier_end > later_start


def overlapping_episodes(episodes: list[Episode]) -> Iterator[tuple[str, str, str]]:
    """Every pair of a child's episodes that overlap, not just neighbours: an episode left open
    for a year overlaps each referral in it. Two open episodes are CIN01's, not repeated here."""
    ordered = sorted(episodes, key=lambda e: (e.referral_date, e.pk))
    for i, earlier in enumerate(ordered):
        for later in ordered[i + 1 :]:
            if earlier.closure_date is None and later.closure_date is None:
                continue
            if not _overlap(earlier.closure_date, later.referral_date):
                continue
            span = (
                "is still open"
                if earlier.closure_date is None
                else f"closes on {ukdate(earlier.closure_date)}"
            )
            yield (
                "CIN02",
                f"The episode from the referral of {ukdate(earlier.referral_date)} {span}, "
                f"after the referral of {ukdate(later.referral_date)} started another episode: "
                "close the earlier episode on or before the later referral date.",
                earlier.url,
            )


def overlapping_plans(plans: list[CensusCPP]) -> Iterator[tuple[str, str, str]]:
    """Every pair of a child's child protection plans that overlap, across episodes too."""
    ordered = sorted(plans, key=lambda p: (p.start, p.pk))
    for i, earlier in enumerate(ordered):
        for later in ordered[i + 1 :]:
            if not _overlap(earlier.end, later.start):
                continue
            span = "is still open" if earlier.end is None else f"ends on {ukdate(earlier.end)}"
            yield (
                "CIN21",
                f"The child protection plan started {ukdate(earlier.start)} {span}, after "
                f"another plan started {ukdate(later.start)}: end the earlier plan on or before "
                "the later plan's start date, or correct the dates.",
                earlier.url,
            )


def check_episode(e: Episode) -> Iterator[tuple[str, str, str]]:
    when = f"Referral of {e.referral_date:%d/%m/%Y}"
    if e.source not in ReferralSource.values:
        yield "CIN17", f"{when}: referral source {e.source!r} is not a DfE code.", e.url
    if e.nfa and (e.assessments or e.s47s or e.cpps or e.date_of_initial_cpc):
        yield (
            "CIN03",
            (
                f"{when} is recorded as no further action but has an assessment, section 47 "
                "or ICPC: either the referral was not NFA, or those records belong to "
                "another episode."
            ),
            e.url,
        )
    if not e.nfa and not e.primary_need:
        yield (
            "CIN04",
            f"{when}: record the primary need (required unless the referral is NFA).",
            e.url,
        )
    if e.primary_need and e.primary_need not in PrimaryNeed.values:
        yield "CIN17", f"{when}: primary need {e.primary_need!r} is not a DfE code.", e.url
    if bool(e.closure_date) != bool(e.reason_for_closure):
        missing = "reason for closure" if e.closure_date else "closure date"
        yield (
            "CIN05",
            f"{when}: record the {missing} (a closure date and reason go together).",
            e.url,
        )
    if e.reason_for_closure and e.reason_for_closure not in ReasonForClosure.values:
        yield (
            "CIN17",
            f"{when}: reason for closure {e.reason_for_closure!r} is not a DfE code.",
            e.url,
        )
    if e.closure_date and e.closure_date < e.referral_date:
        yield "CIN18", f"{when}: the closure date is before the referral date.", e.url
    for a in e.assessments:
        if a.start < e.referral_date:
            yield (
                "CIN06",
                (
                    f"{when}: the assessment starting {a.start:%d/%m/%Y} starts before the "
                    "referral date."
                ),
                a.url,
            )
        if a.factors and not a.authorised:
            yield (
                "CIN07",
                (
                    "Assessment factors are recorded on an assessment that is not yet "
                    "authorised: factors are reported only once it is complete."
                ),
                a.url,
            )
        if "21" in a.factors and len(a.factors) > 1:
            yield (
                "CIN08",
                (
                    "Factor 21 (no factors identified) is recorded with other factors: "
                    "remove 21 or the others."
                ),
                a.url,
            )
        if any(f not in AssessmentFactor.values for f in a.factors):
            yield "CIN17", f"Unknown assessment factor in {', '.join(a.factors)}.", a.url
    if sum(1 for a in e.assessments if a.authorised is None) > 1:
        yield "CIN12", f"{when} has more than one open assessment: complete or remove one.", e.url
    for s in e.s47s:
        if s.start < e.referral_date:
            yield (
                "CIN06",
                (
                    f"{when}: the section 47 enquiry starting {s.start:%d/%m/%Y} starts "
                    "before the referral date."
                ),
                s.url,
            )
        if s.icpc_date and s.icpc_date < e.referral_date:
            yield (
                "CIN06",
                f"{when}: the ICPC on {s.icpc_date:%d/%m/%Y} is before the referral.",
                s.url,
            )
        for label, day in (("ICPC", s.icpc_date), ("ICPC target date", s.icpc_target)):
            if day and day.weekday() >= 5:
                yield "CIN10", f"The {label} {day:%A %d/%m/%Y} falls on a weekend.", s.url
    if sum(1 for s in e.s47s if s.is_open) > 1:
        yield "CIN13", f"{when} has more than one open section 47 enquiry.", e.url
    if e.reason_for_closure in ("RC8", "RC9") and (
        e.s47s or e.cpps or e.plans or e.date_of_initial_cpc
    ):
        yield (
            "CIN09",
            (
                f"{when} is closed as {e.reason_for_closure} (closed after assessment) but "
                "has a section 47, ICPC, CP plan or CIN plan: choose another closure "
                "reason."
            ),
            e.url,
        )
    icpc_dates = {s.icpc_date for s in e.s47s if s.icpc_date}
    for plan in e.cpps:
        if plan.start not in icpc_dates:
            yield (
                "CIN11",
                (
                    f"The CP plan starting {plan.start:%d/%m/%Y} does not start on the date "
                    "of an ICPC in this episode: record the ICPC on the enquiry."
                ),
                plan.url,
            )
        for code in (plan.initial_category, plan.latest_category):
            if code not in CategoryOfAbuse.values:
                yield "CIN17", f"Category of abuse {code!r} is not a DfE code.", plan.url
        if plan.end and plan.end < plan.start:
            yield "CIN20", "The CP plan ends before it starts.", plan.url
        if any(r < plan.start or (plan.end and r > plan.end) for r in plan.reviews):
            yield "CIN20", "A review conference date falls outside the CP plan.", plan.url
