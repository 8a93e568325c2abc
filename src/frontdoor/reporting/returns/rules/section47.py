"""Section 47 enquiries and initial child protection conferences (DfE CIN census 2025-26
validation rules)."""

from __future__ import annotations

from collections.abc import Iterator

from frontdoor.core.calendar import get_calendar

from ..census import CensusChild, CensusS47, Episode
from .base import Context, Hit, hit, overlaps, rule, ukdate, when

M = "Section47"


def _each(c: CensusChild) -> Iterator[tuple[Episode, CensusS47]]:
    for e in c.episodes:
        for s in e.s47s:
            yield e, s


def _awaiting_icpc(s: CensusS47) -> bool:
    return s.icpc_date is None and not s.icpc_not_required


@rule(
    "1104",
    "The date of the initial child protection conference cannot be before the referral date",
    module=M,
)
def r1104(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Where present <DateOfInitialCPC> (N00110) should be on or after <CINreferralDate>
    (N00100)."""
    for e, s in _each(c):
        if s.icpc_date and e.referral_date and s.icpc_date < e.referral_date:
            yield hit(s.url, f"The ICPC on {ukdate(s.icpc_date)} is before the referral.", e)


@rule(
    "2884",
    "An initial child protection conference is recorded at both the S47 and CIN Details level "
    "and it should only be recorded in one",
    module=M,
)
def r2884(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """A <DateOfInitialCPC> (N00110) in a <CINdetails> module must not equal a <DateOfInitialCPC>
    of any <Section47> module of the same child."""
    s47_dates = {s.icpc_date for _e, s in _each(c) if s.icpc_date}
    for e in c.episodes:
        if e.icpc_date and e.icpc_date in s47_dates:
            yield hit(e.url, f"The ICPC of {ukdate(e.icpc_date)} is sent twice.", e)


@rule("2889", "The S47 start date cannot be before the referral date.", module=M)
def r2889(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Where present <S47ActualStartDate> (N00148) should be on or after <CINreferralDate>
    (N00100)."""
    for e, s in _each(c):
        if s.start and e.referral_date and s.start < e.referral_date:
            yield hit(s.url, f"The section 47 starts {ukdate(s.start)}, before the referral.", e)


@rule(
    "8615",
    "Section 47 Enquiry Start Date must be present and cannot be later than the date of the "
    "initial Child Protection Conference",
    module=M,
)
def r8615(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <DateOfInitialCPC> (N00110) is present, <S47ActualStartDate> (N00148) must be present
    and on or before it."""
    for e, s in _each(c):
        if s.icpc_date and (not s.start or s.start > s.icpc_date):
            yield hit(s.url, f"The ICPC on {ukdate(s.icpc_date)} is before the enquiry starts.", e)


@rule(
    "8675Q",
    "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 "
    "working days before the end of the census year. However, there is no date of Initial Child "
    "Protection Conference.",
    module=M,
)
def r8675q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <DateOfInitialCPC> (N00110) is not present and <ICPCnotRequired> (N00111) is false,
    <S47ActualStartDate> (N00148) should not be before <ReferenceDate> minus 15 working days."""
    calendar = get_calendar()
    for e, s in _each(c):
        if _awaiting_icpc(s) and s.start and calendar.add_working_days(s.start, 15) < ctx.ref:
            yield hit(s.url, f"The enquiry started {ukdate(s.start)} has no ICPC or outcome.", e)


@rule(
    "8715", "Date of Initial Child Protection Conference must fall within the census year", module=M
)
def r8715(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If present <DateOfInitialCPC> (N00110) must be on or between [Start_Of_Census_Year] and
    <ReferenceDate> (N00603)."""
    for e, s in _each(c):
        if s.icpc_date and not ctx.in_year(s.icpc_date):
            yield hit(s.url, f"The ICPC on {ukdate(s.icpc_date)} is outside the census year.", e)
    for e in c.episodes:
        if e.icpc_date and not ctx.in_year(e.icpc_date):
            yield hit(e.url, f"The ICPC on {ukdate(e.icpc_date)} is outside the census year.", e)


@rule(
    "8740",
    "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end "
    "of the census year, the start date must fall within the census year",
    module=M,
)
def r8740(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If a <Section47> group has no <DateOfInitialCPC> (N00110) and <ICPCnotRequired> (N00111)
    is false, <S47ActualStartDate> (N00148) must be within the census year."""
    for e, s in _each(c):
        if _awaiting_icpc(s) and not ctx.in_year(s.start):
            yield hit(
                s.url, f"The enquiry started {ukdate(s.start)} is still awaiting its ICPC.", e
            )


@rule("8839", "Within one CINDetails group there are 2 or more open S47 Assessments", module=M)
def r8839(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Within one <CINdetails>, only one <Section47> group may have no <DateOfInitialCPC>
    (N00110) with <ICPCnotRequired> (N00111) not true."""
    for e in c.episodes:
        open_ = [s for s in e.s47s if _awaiting_icpc(s)]
        if len(open_) > 1:
            yield hit(e.url, f"{when(e)} has {len(open_)} section 47 enquiries open.", e)


@rule(
    "8868",
    "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC "
    "date or ICPC not required flag",
    module=M,
)
def r8868(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <CINclosureDate> (N00102) is present every <Section47> group must have a
    <DateOfInitialCPC> (N00110) or <ICPCnotRequired> (N00111) = true."""
    for e, s in _each(c):
        if e.closure_date and _awaiting_icpc(s):
            yield hit(s.url, f"{when(e)} is closed but this enquiry has no outcome.", e)


@rule(
    "8870Q",
    "Please check and either amend or provide a reason: The Target Date for Initial Child "
    "Protection Conference should not be a weekend",
    module=M,
)
def r8870q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<InitialCPCtarget> (N00109) should not be a Saturday or Sunday."""
    for e, s in _each(c):
        if s.icpc_target and s.icpc_target.weekday() >= 5:
            yield hit(
                s.url,
                f"The ICPC target date {s.icpc_target:%A} {ukdate(s.icpc_target)} is a weekend.",
                e,
            )


@rule("8875", "The Date of Initial Child Protection Conference cannot be a weekend", module=M)
def r8875(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<DateOfInitialCPC> (N00110) should not be a Saturday or Sunday."""
    for e, s in _each(c):
        if s.icpc_date and s.icpc_date.weekday() >= 5:
            yield hit(s.url, f"The ICPC on {s.icpc_date:%A} {ukdate(s.icpc_date)} is a weekend.", e)


@rule(
    "8890",
    "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing",
    module=M,
)
def r8890(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Within one <CINdetails>, an <S47ActualStartDate> (N00148) must not fall on or between
    another enquiry's start and ICPC date, or its start and the <ReferenceDate> when it has no
    ICPC and ICPCnotRequired is not true."""
    for e in c.episodes:
        for s in e.s47s:
            for other in e.s47s:
                if other is s or not s.start or not other.start:
                    continue
                if (s.start, s.pk) <= (other.start, other.pk):
                    continue
                if other.icpc_date:
                    inside = overlaps(s.start, other.start, other.icpc_date, ctx.ref)
                else:
                    inside = _awaiting_icpc(other) and overlaps(s.start, other.start, None, ctx.ref)
                if inside:
                    yield hit(
                        s.url, f"The enquiry started {ukdate(s.start)} while another was open.", e
                    )
