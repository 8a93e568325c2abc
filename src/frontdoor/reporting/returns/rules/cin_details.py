"""The CIN episode (`CINdetails`): referral, closure, NFA, need and source codes, and what an
episode may hold (DfE CIN census 2025-26 validation rules)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from frontdoor.core.calendar import get_calendar
from frontdoor.core.codes import PrimaryNeed, ReasonForClosure, ReferralSource

from ..census import CensusChild, Episode
from .base import ChildCheck, Context, Hit, episode_hits, hit, rule, table_rule, ukdate, when

M = "CINdetails"


def _icpc_dates(e: Episode) -> list[date]:
    dates = [s.icpc_date for s in e.s47s if s.icpc_date]
    return dates + ([e.icpc_date] if e.icpc_date else [])


@rule(
    "2990",
    "Activity is recorded against a case marked as ‘Case closed after assessment, no further "
    "action’ or 'case closed after assessment, referred to early help'.",
    module=M,
)
def r2990(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <ReasonForClosure> (N00103) = RC8 or RC9, the <CINdetails> module cannot have a
    <Section47> module, a <ChildProtectionPlans> module, a <DateOfInitialCPC> (N00110) or a
    <CINPlanDates> module."""

    def test(e: Episode) -> str | None:
        if e.reason_for_closure in ("RC8", "RC9") and (e.s47s or e.cpps or e.icpc_date or e.plans):
            return (
                f"{when(e)} is closed as {e.reason_for_closure} but has a section 47, CP plan "
                "or CIN plan: choose another closure reason."
            )
        return None

    yield from episode_hits(c, test)


@rule(
    "2991Q",
    "Please check and either amend data or provide a reason: A Section 47 module is recorded and "
    "there is no assessment on the episode",
    module=M,
)
def r2991q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If a <Section47> module is present then an <Assessments> module should be present."""
    yield from episode_hits(
        c,
        lambda e: (
            f"{when(e)} has a section 47 but no assessment."
            if e.s47s and not e.assessments
            else None
        ),
    )


@rule("8555Q", "Child cannot be referred after its recorded date of death", module=M)
def r8555q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<CINreferralDate> (N00100) must be on or before <PersonDeathDate> (N00108)."""
    died = c.death_date
    yield from episode_hits(
        c,
        lambda e: (
            f"{when(e)} is after the date of death."
            if died and e.referral_date and e.referral_date > died
            else None
        ),
    )


@rule("8565", "Activity shown after a case has been closed", module=M)
def r8565(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <CINclosureDate> (N00102) is present it must be on or after every assessment start and
    authorisation date, S47 start date, DateOfInitialCPC, CPP end date and CIN plan start and end
    date of the episode."""

    def test(e: Episode) -> str | None:
        if not e.closure_date:
            return None
        dates = [a.start for a in e.assessments] + [a.authorised for a in e.assessments]
        dates += [s.start for s in e.s47s] + _icpc_dates(e) + [p.end for p in e.cpps]
        dates += [p.start for p in e.plans] + [p.end for p in e.plans]
        late = [d for d in dates if d and d > e.closure_date]
        if late:
            return (
                f"{when(e)} closed on {ukdate(e.closure_date)}, before work on {ukdate(max(late))}."
            )
        return None

    yield from episode_hits(c, test)


@rule("8568", "RNFA flag is missing or invalid", module=M)
def r8568(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<ReferralNFA> (N00112) must be present and 1 or 0."""
    yield from episode_hits(
        c, lambda e: f"{when(e)}: record whether it was NFA." if e.nfa is None else None
    )


@rule(
    "8569Q",
    "A case with referral date before one working day prior to the collection start date must "
    "not be flagged as a no further action case",
    module=M,
)
def r8569q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <CINreferralDate> (N00100) is before [Start_of_Census_Year] minus 1 working day,
    <ReferralNFA> (N00112) must be false."""
    cutoff = get_calendar().previous_working_day(ctx.start)
    yield from episode_hits(
        c,
        lambda e: (
            f"{when(e)} is NFA but dated before the census year."
            if e.nfa and e.referral_date and e.referral_date < cutoff
            else None
        ),
    )


@rule(
    "8585Q",
    "Please check and either amend or provide a reason: CIN episode shows Died as the Closure "
    "Reason, however child has no recorded Date of Death",
    module=M,
)
def r8585q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <ReasonForClosure> (N00103) = RC2 (died) a valid <PersonDeathDate> (N00108) must be
    present."""
    yield from episode_hits(
        c,
        lambda e: (
            f"{when(e)} closed as RC2 (died): record the date of death."
            if e.reason_for_closure == "RC2" and not c.death_date
            else None
        ),
    )


@rule("8600", "Child referral date missing or after data collection period", module=M)
def r8600(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<CINreferralDate> (N00100) must be present and on or before <ReferenceDate> (N00603)."""
    yield from episode_hits(
        c,
        lambda e: (
            "The referral date is missing or after the reference date."
            if not e.referral_date or e.referral_date > ctx.ref
            else None
        ),
    )


@rule("8606", "Child referral date is more than 40 weeks before DOB or expected DOB", module=M)
def r8606(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<CINreferralDate> (N00100) cannot be more than 280 days before <PersonBirthDate> (N00066)
    or <ExpectedPersonBirthDate> (N00098)."""
    born = c.birth_date or c.expected_birth_date
    yield from episode_hits(
        c,
        lambda e: (
            f"{when(e)} is more than 40 weeks before the (expected) birth."
            if born and e.referral_date and e.referral_date < born - timedelta(days=280)
            else None
        ),
    )


@rule("8610", "Primary Need code is missing for a referral which led to further action.", module=M)
def r8610(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <ReferralNFA> (N00112) = false, <PrimaryNeedCode> (N00101) must be present."""
    yield from episode_hits(
        c,
        lambda e: (
            f"{when(e)}: record the primary need."
            if e.nfa is False and not e.primary_need
            else None
        ),
    )


@rule("8620", "CIN Closure Date present and does not fall within the Census year", module=M)
def r8620(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <CINclosureDate> (N00102) is present it must be within [Period_of_Census]."""
    yield from episode_hits(
        c,
        lambda e: (
            f"{when(e)} closed on {ukdate(e.closure_date)}, outside the census year."
            if e.closure_date and not ctx.in_year(e.closure_date)
            else None
        ),
    )


@rule("8630", "CIN Closure Date is before CIN Referral Date for the same CIN episode", module=M)
def r8630(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If present <CINclosureDate> (N00102) must be on or after <CINreferralDate> (N00100)."""
    yield from episode_hits(
        c,
        lambda e: (
            f"{when(e)} closes before it starts ({ukdate(e.closure_date)})."
            if e.closure_date and e.referral_date and e.closure_date < e.referral_date
            else None
        ),
    )


def _open_with_action(c: CensusChild) -> list[Episode]:
    return [e for e in c.episodes if e.closure_date is None and e.nfa is False]


@rule(
    "8815",
    "More than one open CIN Details episode (a module with no CIN Closure Date) has been provided "
    "for this child and case is not a referral with no further action.",
    module=M,
)
def r8815(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Of a child's <CINdetails> modules only one may have no <CINclosureDate> (N00102) with
    <ReferralNFA> (N00112) = false."""
    open_ = _open_with_action(c)
    if len(open_) > 1:
        dates = ", ".join(ukdate(e.referral_date) for e in open_)
        yield hit(open_[0].url, f"Episodes from {dates} are all open: close all but one.", open_[0])


@rule(
    "8816",
    "An open CIN episode is shown and case is not a referral with no further action, but it is "
    "not the latest episode.",
    module=M,
)
def r8816(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """An open, not-NFA <CINdetails> module must have the latest <CINreferralDate> (N00100) of the
    child's modules."""
    dates = [e.referral_date for e in c.episodes if e.referral_date]
    latest = max(dates) if dates else None
    for e in _open_with_action(c):
        if latest and e.referral_date and e.referral_date < latest:
            yield hit(e.url, f"{when(e)} is still open though a later referral was made.", e)


@rule("8820", "The dates on the CIN episodes for this child overlap", module=M)
def r8820(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """A module's <CINreferralDate> (N00100) must not fall on or after another module's referral
    date and before its <CINclosureDate> (N00102), or before the <ReferenceDate> when that one is
    open and not NFA. An episode may end on the day the next starts."""
    for e in c.episodes:
        for other in c.episodes:
            if other is e or not e.referral_date or not other.referral_date:
                continue
            if (e.referral_date, e.pk) <= (other.referral_date, other.pk):
                continue
            if other.closure_date:
                inside = e.referral_date < other.closure_date
            else:
                inside = other.nfa is False and e.referral_date < ctx.ref
            if inside:
                yield hit(
                    other.url,
                    f"{when(other)} was still open when the referral of "
                    f"{ukdate(e.referral_date)} started another episode.",
                    other,
                )


@rule(
    "8825Q",
    "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case "
    "closed after assessment) or RC9 (case closed after assessment, referred to early help) has "
    "been returned but there is no assessment present for the episode.",
    module=M,
)
def r8825q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <ReasonForClosure> (N00103) = RC8 or RC9 at least one <Assessments> module must be
    present."""
    yield from episode_hits(
        c,
        lambda e: (
            f"{when(e)} is closed as {e.reason_for_closure} with no assessment this year."
            if e.reason_for_closure in ("RC8", "RC9") and not e.assessments
            else None
        ),
    )


@rule(
    "8831",
    "Activity is recorded against a case marked as a referral with no further action",
    module=M,
)
def r8831(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <ReferralNFA> (N00112) = true the module cannot have an assessment start or
    authorisation date, an S47 start date or a DateOfInitialCPC (N00110)."""
    yield from episode_hits(
        c,
        lambda e: (
            f"{when(e)} is NFA but has an assessment, section 47 or ICPC."
            if e.nfa and (e.assessments or e.s47s or _icpc_dates(e))
            else None
        ),
    )


def _recorded(
    field: str, given: str, codes: list[str] | None, on_or_after: date | None, detail: str
) -> ChildCheck:
    """Each episode that has `given` (dated on or after `on_or_after`, when set) must have `field`,
    and it must be one of `codes` when set; `detail` says what is wrong, naming the value as
    {value!r}."""

    def test(e: Episode) -> str | None:
        base = getattr(e, given)
        if not base or (on_or_after is not None and base < on_or_after):
            return None
        value = getattr(e, field)
        if value and (codes is None or value in codes):
            return None
        return f"{when(e)}: " + detail.format(value=value)

    def check(c: CensusChild, ctx: Context) -> Iterator[Hit]:
        yield from episode_hits(c, test)

    return check


# (rule, DfE message, DfE logic, the item, the item that calls for it, its codes, from when, the
# sentence)
RECORDED = [
    (
        "8640",
        "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)",
        "If present <ReasonForClosure> (N00103) must be a valid code.",
        "reason_for_closure",
        "reason_for_closure",
        ReasonForClosure.values,
        None,
        "closure reason {value!r} is not a DfE code.",
    ),
    (
        "8650",
        "Primary Need Code invalid (see Primary Need table in CIN census code set)",
        "If present <PrimaryNeedCode> (N00101) must be a valid primary need code.",
        "primary_need",
        "primary_need",
        PrimaryNeed.values,
        None,
        "primary need {value!r} is not a DfE code.",
    ),
    (
        "8805",
        "A CIN case cannot have a CIN closure date without a Reason for Closure",
        "If <CINclosureDate> (N00102) is present then <ReasonForClosure> (N00103) must be too.",
        "reason_for_closure",
        "closure_date",
        None,
        None,
        "record the reason for closure.",
    ),
    (
        "8810",
        "A CIN case cannot have a Reason for Closure without a CIN Closure Date",
        "If <ReasonForClosure> (N00103) is present then <CINclosureDate> (N00102) must be too.",
        "closure_date",
        "reason_for_closure",
        None,
        None,
        "record the closure date.",
    ),
    (
        "8866",
        "Source of Referral is missing or an invalid code",
        "If <CINreferralDate> (N00100) is on or after 1 April 2013, <ReferralSource> (N00152) must "
        "be present and a valid code.",
        "source",
        "referral_date",
        ReferralSource.values,
        date(2013, 4, 1),
        "referral source {value!r} is not a DfE code.",
    ),
]

for code, message, logic, field, given, codes, since, detail in RECORDED:
    table_rule(code, message, logic, _recorded(field, given, codes, since, detail), module=M)
