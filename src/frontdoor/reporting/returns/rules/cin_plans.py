"""Child in need plans (`CINPlanDates`) and how they sit beside child protection plans (DfE CIN
census 2025-26 validation rules)."""

from __future__ import annotations

from collections.abc import Iterator

from ..census import CensusChild, CensusPlanDates, Episode
from .base import Context, Hit, hit, overlaps, rule, ukdate, when

M = "CINPlanDates"


def _each(c: CensusChild) -> Iterator[tuple[Episode, CensusPlanDates]]:
    for e in c.episodes:
        for p in e.plans:
            yield e, p


def _url(e: Episode, p: CensusPlanDates) -> str:
    return p.url or e.url


@rule("4000", "CIN Plan details provided for a referral with no further action", module=M)
def r4000(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <ReferralNFA> (N00112) = true there must be no <CINPlanDates> module."""
    for e, p in _each(c):
        if e.nfa:
            yield hit(_url(e, p), f"{when(e)} is NFA but has a child in need plan.", e)


@rule("4001", "A CIN Plan cannot run concurrently with a Child Protection Plan", module=M)
def r4001(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If a <CINdetails> has a CP plan with no <CPPendDate> (N00115), it must not have a CIN plan
    with no <CINPlanEndDate> (N00690)."""
    for e in c.episodes:
        if any(p.end is None for p in e.cpps):
            for p in e.plans:
                if p.end is None:
                    yield hit(_url(e, p), "A CIN plan and a CP plan are both open: end one.", e)


@rule(
    "4003",
    "A CPP review date is shown as being held at the same time as an open CIN Plan.",
    module="Reviews",
)
def r4003(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Within a <CINdetails>, no <CPPreviewDate> (N00116) may fall between a <CINPlanStartDate>
    (N00689) and <CINPlanEndDate> (N00690) unless it equals the <CPPendDate> (N00115)."""
    for e in c.episodes:
        for cpp in e.cpps:
            for day in cpp.reviews:
                for p in e.plans:
                    if (
                        day
                        and p.start
                        and day != cpp.end
                        and overlaps(day, p.start, p.end, ctx.ref)
                    ):
                        yield hit(
                            cpp.url, f"A CP review on {ukdate(day)} falls inside a CIN plan.", e
                        )


@rule("4004", "This child is showing more than one open CIN Plan, i.e. with no End Date", module=M)
def r4004(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Only one <CINPlanDates> group may have no <CINPlanEndDate> (N00690)."""
    open_ = [(e, p) for e, p in _each(c) if p.end is None]
    if len(open_) > 1:
        e, p = open_[0]
        yield hit(_url(e, p), f"{len(open_)} child in need plans are open: end all but one.", e)


@rule("4008", "CIN Plan shown as starting after the child’s Date of Death.", module=M)
def r4008(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <PersonDeathDate> (N00108) is present <CINPlanStartDate> (N00689) must be on or before
    it."""
    for e, p in _each(c):
        if c.death_date and p.start and p.start > c.death_date:
            yield hit(_url(e, p), "The CIN plan starts after the date of death.", e)


@rule("4009Q", "CIN Plan cannot end after the child’s Date of Death", module=M)
def r4009q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <PersonDeathDate> (N00108) is present <CINPlanEndDate> (N00690) must be on or before
    it."""
    for e, p in _each(c):
        if c.death_date and p.end and p.end > c.death_date:
            yield hit(_url(e, p), "The CIN plan ends after the date of death.", e)


@rule("4010", "CIN Plan start date is missing or out of data collection period", module=M)
def r4010(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Where a <CINPlanDates> module is present, <CINPlanStartDate> (N00689) must be present and
    on or before <ReferenceDate> (N00603)."""
    for e, p in _each(c):
        if not p.start or p.start > ctx.ref:
            yield hit(
                _url(e, p), "The CIN plan's start date is missing or after the reference date.", e
            )


@rule("4011", "CIN Plan End Date earlier than Start Date", module=M)
def r4011(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If present <CINPlanEndDate> (N00690) must be on or after <CINPlanStartDate> (N00689)."""
    for e, p in _each(c):
        if p.end and p.start and p.end < p.start:
            yield hit(_url(e, p), "The CIN plan ends before it starts.", e)


@rule(
    "4012Q",
    "Please check and either amend or provide a reason: CIN Plan shown as starting and ending on "
    "the same day",
    module=M,
)
def r4012q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<CINPlanStartDate> (N00689) should not equal <CINPlanEndDate> (N00690)."""
    for e, p in _each(c):
        if p.end and p.start == p.end:
            yield hit(_url(e, p), "The CIN plan starts and ends on the same day.", e)


@rule("4013", "CIN Plan end date must fall within the census year", module=M)
def r4013(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If present <CINPlanEndDate> (N00690) must fall within [Period_of_Census]."""
    for e, p in _each(c):
        if p.end and not ctx.in_year(p.end):
            yield hit(_url(e, p), f"The CIN plan ended {ukdate(p.end)}, outside the year.", e)


@rule("4014", "CIN Plan data contains overlapping dates", module=M)
def r4014(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """A <CINPlanStartDate> (N00689) may not fall on or between another CIN plan's start and end
    date (or the <ReferenceDate> when it has no end)."""
    plans = list(_each(c))
    for i, (e, p) in enumerate(plans):
        for j, (_e2, other) in enumerate(plans):
            if i == j or not p.start or not other.start:
                continue
            if (p.start, i) > (other.start, j) and overlaps(
                p.start, other.start, other.end, ctx.ref
            ):
                yield hit(
                    _url(e, p), f"The CIN plan started {ukdate(p.start)} overlaps another.", e
                )


@rule("4015", "The CIN Plan start date cannot be before the referral date", module=M)
def r4015(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Where present <CINPlanStartDate> (N00689) must be on or after <CINreferralDate> (N00100)."""
    for e, p in _each(c):
        if p.start and e.referral_date and p.start < e.referral_date:
            yield hit(_url(e, p), "The CIN plan starts before the referral.", e)


@rule(
    "4016",
    "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
    module=M,
)
def r4016(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """A <CINPlanStartDate> (N00689) may not fall on or between a CP plan's start and end (or the
    <ReferenceDate>), unless it equals that <CPPendDate> (N00115)."""
    cpps = [p for e in c.episodes for p in e.cpps]
    for e, p in _each(c):
        for cpp in cpps:
            if (
                p.start
                and cpp.start
                and p.start != cpp.end
                and overlaps(p.start, cpp.start, cpp.end, ctx.ref)
            ):
                yield hit(
                    _url(e, p), f"The CIN plan starts {ukdate(p.start)}, during a CP plan.", e
                )


@rule(
    "4017",
    "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
    module="ChildProtectionPlans",
)
def r4017(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """A <CPPstartDate> (N00105) may not fall on or between a CIN plan's start and end (or the
    <ReferenceDate>), unless it equals that <CINPlanEndDate> (N00690)."""
    plans = [p for _e, p in _each(c)]
    for e in c.episodes:
        for cpp in e.cpps:
            for p in plans:
                if (
                    cpp.start
                    and p.start
                    and cpp.start != p.end
                    and overlaps(cpp.start, p.start, p.end, ctx.ref)
                ):
                    yield hit(
                        cpp.url, f"The CP plan starts {ukdate(cpp.start)}, during a CIN plan.", e
                    )
