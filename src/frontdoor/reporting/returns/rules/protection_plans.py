"""Child protection plans and their reviews (DfE CIN census 2025-26 validation rules)."""

from __future__ import annotations

from collections.abc import Iterator

from frontdoor.core.codes import CategoryOfAbuse

from ..census import CensusChild, CensusCPP, Episode
from .base import Context, Hit, hit, overlaps, rule, ukdate, when

M = "ChildProtectionPlans"


def _each(c: CensusChild) -> Iterator[tuple[Episode, CensusCPP]]:
    for e in c.episodes:
        for p in e.cpps:
            yield e, p


@rule("1105", "The child protection plan start date cannot be before the referral date", module=M)
def r1105(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<CPPstartDate> (N00105) must be on or after <CINreferralDate> (N00100)."""
    for e, p in _each(c):
        if p.start and e.referral_date and p.start < e.referral_date:
            yield hit(p.url, f"The CP plan starts {ukdate(p.start)}, before the referral.", e)


@rule(
    "2883",
    "There are more child protection plans starting than initial conferences taking place",
    module=M,
    la=True,
)
def r2883(children: list[CensusChild], ctx: Context) -> Iterator[Hit]:
    """The count of <CPPstartDate> (N00105) within the census year must be at most the count of
    <DateOfInitialCPC> (N00110) within the year at CINdetails level plus at Section47 level."""
    plans = sum(1 for c in children for _e, p in _each(c) if ctx.in_year(p.start))
    icpcs = sum(
        (1 if ctx.in_year(e.icpc_date) else 0) + sum(1 for s in e.s47s if ctx.in_year(s.icpc_date))
        for c in children
        for e in c.episodes
    )
    if plans > icpcs:
        yield hit("", f"{plans} CP plans start in the year but only {icpcs} ICPCs are recorded.")


@rule(
    "2885",
    "Child protection plan shown as starting a different day to the initial child protection "
    "conference.",
    module=M,
)
def r2885(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <CPPstartDate> (N00105) falls within the census year it should equal a Section47
    <DateOfInitialCPC> (N00110) of the same <CINdetails>, or the CINdetails <DateOfInitialCPC> if
    there is no Section 47 record (enquiries with ICPCnotRequired are not counted)."""
    for e, p in _each(c):
        if not ctx.in_year(p.start):
            continue
        with_icpc = [s for s in e.s47s if not s.icpc_not_required]
        dates = {s.icpc_date for s in with_icpc} if with_icpc else {e.icpc_date}
        if p.start not in dates:
            yield hit(p.url, f"The CP plan starts {ukdate(p.start)}, not on an ICPC date.", e)


@rule("8720", "Child Protection Plan Start Date missing or out of data collection period", module=M)
def r8720(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<CPPstartDate> (N00105) must be present and on or before <ReferenceDate> (N00603)."""
    for e, p in _each(c):
        if not p.start or p.start > ctx.ref:
            yield hit(p.url, "The CP plan's start date is missing or after the reference date.", e)


@rule("8730", "Total Number of previous Child Protection Plans missing", module=M)
def r8730(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<NumberOfPreviousCPP> (N00106) must be present and zero or more."""
    for e, p in _each(c):
        if p.previous is None or p.previous < 0:
            yield hit(p.url, "The number of previous CP plans is missing.", e)


@rule("8832", "Child Protection details provided for a referral with no further action.", module=M)
def r8832(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <ReferralNFA> (N00112) = true there must be no <ChildProtectionPlans> module."""
    for e, p in _each(c):
        if e.nfa:
            yield hit(p.url, f"{when(e)} is NFA but has a CP plan.", e)


@rule("8840", "Child Protection Plan cannot start and end on the same day", module=M)
def r8840(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<CPPstartDate> (N00105) must not equal <CPPendDate> (N00115)."""
    for e, p in _each(c):
        if p.end and p.start == p.end:
            yield hit(p.url, "The CP plan starts and ends on the same day.", e)


@rule(
    "8841",
    "The review date cannot be on the same day or before the Child protection Plan start date.",
    module=M,
)
def r8841(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """No <CPPreviewDate> (N00116) may be on or before <CPPstartDate> (N00105)."""
    for e, p in _each(c):
        if p.start and any(r and r <= p.start for r in p.reviews):
            yield hit(p.url, "A review conference is dated on or before the plan's start.", e)


@rule(
    "8842Q",
    "Please check and either amend or provide a reason: Review Record has a missing date",
    module="Reviews",
)
def r8842q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Where a <Reviews> group is present a valid <CPPreviewDate> (N00116) should be in it."""
    for e, p in _each(c):
        if any(r is None for r in p.reviews):
            yield hit(p.url, "A review conference has no date.", e)


@rule(
    "8905",
    "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census "
    "code set)",
    module=M,
)
def r8905(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<InitialCategoryOfAbuse> (N00113) must be present and a valid code."""
    for e, p in _each(c):
        if p.initial_category not in CategoryOfAbuse.values:
            yield hit(p.url, f"Initial category {p.initial_category!r} is not a DfE code.", e)


@rule(
    "8910",
    "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census "
    "code set)",
    module=M,
)
def r8910(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<LatestCategoryOfAbuse> (N00114) must be present and a valid code."""
    for e, p in _each(c):
        if p.latest_category not in CategoryOfAbuse.values:
            yield hit(p.url, f"Latest category {p.latest_category!r} is not a DfE code.", e)


@rule("8915", "Child Protection Plan shown as starting after the child’s Date of Death", module=M)
def r8915(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<CPPstartDate> (N00105) must be on or before <PersonDeathDate> (N00108)."""
    for e, p in _each(c):
        if c.death_date and p.start and p.start > c.death_date:
            yield hit(p.url, "The CP plan starts after the date of death.", e)


@rule("8920", "Child Protection Plan cannot end after the child’s Date of Death", module=M)
def r8920(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <PersonDeathDate> (N00108) is present <CPPendDate> (N00115) must be on or before it."""
    for e, p in _each(c):
        if c.death_date and p.end and p.end > c.death_date:
            yield hit(p.url, "The CP plan ends after the date of death.", e)


@rule("8925", "Child Protection Plan End Date earlier than Start Date", module=M)
def r8925(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If present <CPPendDate> (N00115) must be on or after <CPPstartDate> (N00105)."""
    for e, p in _each(c):
        if p.end and p.start and p.end < p.start:
            yield hit(p.url, "The CP plan ends before it starts.", e)


@rule("8930", "Child Protection Plan End Date must fall within the census year", module=M)
def r8930(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If present <CPPendDate> (N00115) must fall within [Period_of_Census]."""
    for e, p in _each(c):
        if p.end and not ctx.in_year(p.end):
            yield hit(p.url, f"The CP plan ended {ukdate(p.end)}, outside the census year.", e)


@rule(
    "8935",
    "This child is showing more than one open Child Protection plan, i.e. with no End Date",
    module=M,
)
def r8935(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Only one <ChildProtectionPlans> group may have no <CPPendDate> (N00115)."""
    open_ = [(e, p) for e, p in _each(c) if p.end is None]
    if len(open_) > 1:
        e, p = open_[0]
        yield hit(p.url, f"{len(open_)} CP plans are open: end all but one.", e)


@rule("8940", "Child Protection Plan data contains overlapping dates", module=M)
def r8940(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """A <CPPstartDate> (N00105) may not fall on or between another plan's start and end date (or
    the <ReferenceDate> when it has no end)."""
    plans = list(_each(c))
    for e, p in plans:
        for _e2, other in plans:
            if other is p or not p.start or not other.start:
                continue
            if (p.start, p.pk) > (other.start, other.pk) and overlaps(
                p.start, other.start, other.end, ctx.ref
            ):
                yield hit(
                    other.url,
                    f"The CP plan started {ukdate(other.start)} overlaps a later plan.",
                    e,
                )
