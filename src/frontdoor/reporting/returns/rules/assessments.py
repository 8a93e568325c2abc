"""Assessments: dates, completion and the factors identified (DfE CIN census 2025-26 rules)."""

from __future__ import annotations

from collections.abc import Iterator

from frontdoor.core.calendar import get_calendar
from frontdoor.core.codes import AssessmentFactor

from ..census import CensusAssessment, CensusChild, Episode
from .base import Context, Hit, hit, overlaps, rule, ukdate, when

M = "Assessments"


def _each(c: CensusChild) -> Iterator[tuple[Episode, CensusAssessment]]:
    for e in c.episodes:
        for a in e.assessments:
            yield e, a


@rule("1103", "The assessment start date cannot be before the referral date", module=M)
def r1103(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Where present, <AssessmentActualStartDate> (N00159) should be on or after
    <CINreferralDate> (N00100)."""
    for e, a in _each(c):
        if a.start and e.referral_date and a.start < e.referral_date:
            yield hit(a.url, f"The assessment starts {ukdate(a.start)}, before the referral.", e)


@rule("8608", "Assessment Start Date cannot be later than its End Date", module=M)
def r8608(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If present <AssessmentAuthorisationDate> (N00160) must be on or after
    <AssessmentActualStartDate> (N00159)."""
    for e, a in _each(c):
        if a.authorised and a.start and a.authorised < a.start:
            yield hit(
                a.url, f"The assessment is authorised {ukdate(a.authorised)}, before it starts.", e
            )


@rule(
    "8614",
    "Parental or child factors at assessment should only be present for a completed assessment.",
    module=M,
)
def r8614(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <AssessmentAuthorisationDate> (N00160) is missing, <AssessmentFactors> (N00181) must be
    missing too."""
    for e, a in _each(c):
        if a.factors and not a.authorised:
            yield hit(a.url, "Factors are recorded on an assessment not yet authorised.", e)


@rule(
    "8670Q",
    "Please check and either amend data or provide a reason: Assessment started more than 45 "
    "working days before the end of the census year. However, there is no Assessment end date.",
    module=M,
)
def r8670q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <AssessmentAuthorisationDate> (N00160) is not present, <AssessmentActualStartDate>
    (N00159) should not be before <ReferenceDate> (N00603) minus 45 working days."""
    calendar = get_calendar()
    for e, a in _each(c):
        if not a.authorised and a.start and calendar.add_working_days(a.start, 45) < ctx.ref:
            yield hit(
                a.url, f"The assessment started {ukdate(a.start)} is still not authorised.", e
            )


@rule("8696", "Assessment end date must fall within the census year", module=M)
def r8696(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If present <AssessmentAuthorisationDate> (N00160) must be on or between
    [Start_Of_Census_Year] and <ReferenceDate> (N00603)."""
    for e, a in _each(c):
        if a.authorised and not ctx.in_year(a.authorised):
            yield hit(
                a.url, f"The assessment was authorised {ukdate(a.authorised)}, outside the year.", e
            )


@rule(
    "8736",
    "For an Assessment that has not been completed, the start date must fall within the census "
    "year",
    module=M,
)
def r8736(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If an <Assessments> group has no <AssessmentAuthorisationDate> (N00160), its
    <AssessmentActualStartDate> (N00159) must be on or between [Start_Of_Census_Year] and
    <ReferenceDate> (N00603)."""
    for e, a in _each(c):
        if not a.authorised and not ctx.in_year(a.start):
            yield hit(a.url, f"The open assessment started {ukdate(a.start)}, before the year.", e)


@rule(
    "8863Q",
    "An Assessment is shown as starting when there is another Assessment ongoing.",
    module=M,
)
def r8863q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Within one <CINdetails>, an <AssessmentActualStartDate> (N00159) must not fall on or between
    another assessment's start and authorisation date (or the <ReferenceDate> when it has none)."""
    for e in c.episodes:
        for a in e.assessments:
            for other in e.assessments:
                if other is a or not a.start or not other.start:
                    continue
                if (a.start, a.pk) > (other.start, other.pk) and overlaps(
                    a.start, other.start, other.authorised, ctx.ref
                ):
                    yield hit(
                        a.url,
                        f"The assessment started {ukdate(a.start)} while the one started "
                        f"{ukdate(other.start)} was open.",
                        e,
                    )


@rule(
    "8867",
    "CIN episode is shown as closed, however Assessment is not shown as completed",
    module=M,
)
def r8867(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <CINclosureDate> (N00102) is present every <Assessments> group must have an
    <AssessmentAuthorisationDate> (N00160)."""
    for e, a in _each(c):
        if e.closure_date and not a.authorised:
            yield hit(a.url, f"{when(e)} is closed but this assessment was never authorised.", e)


@rule(
    "8869",
    "The assessment factors code “21” cannot be used in conjunction with any other assessment "
    "factors.",
    module=M,
)
def r8869(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <AssessmentFactors> (N00181) = 21, it must be the only factor."""
    for e, a in _each(c):
        if "21" in a.factors and len(a.factors) > 1:
            yield hit(a.url, "Factor 21 (no factors identified) is recorded with others.", e)


@rule(
    "8873Q",
    "Please check and either amend data or provide a reason: When there is only one assessment "
    "on the episode and the factors code “21 No factors identified” has been used for the "
    "completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
    module=M,
)
def r8873q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Within a closed <CINdetails>, if there is only one <Assessments> group and its
    <AssessmentFactors> (N00181) = 21, <ReasonForClosure> (N00103) should be RC8 or RC9."""
    for e in c.episodes:
        if (
            e.closure_date
            and len(e.assessments) == 1
            and "21" in e.assessments[0].factors
            and e.reason_for_closure not in ("RC8", "RC9")
        ):
            yield hit(e.url, f"{when(e)}: no factors were found, so close it as RC8 or RC9.", e)


@rule("8896", "Within one CINDetails group there are 2 or more open Assessments groups", module=M)
def r8896(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """Within one <CINdetails>, at most one <Assessments> group may have no
    <AssessmentAuthorisationDate> (N00160)."""
    for e in c.episodes:
        open_ = [a for a in e.assessments if not a.authorised]
        if len(open_) > 1:
            yield hit(e.url, f"{when(e)} has {len(open_)} open assessments.", e)


@rule(
    "8897Q",
    "Parental or child factors at assessment information is missing from a completed assessment",
    module=M,
)
def r8897q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <AssessmentAuthorisationDate> (N00160) is on or after [Start_Of_Census_Year], one or
    more valid <AssessmentFactors> (N00181) must be present."""
    for e, a in _each(c):
        if a.authorised and a.authorised >= ctx.start:
            if not a.factors or any(f not in AssessmentFactor.values for f in a.factors):
                yield hit(a.url, "Record the factors identified at this assessment (DfE codes).", e)


@rule(
    "8898",
    "The assessment has more than one parental or child factors with the same code",
    module=M,
)
def r8898(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """No <AssessmentFactors> (N00181) code may appear twice in one assessment."""
    for e, a in _each(c):
        if len(a.factors) != len(set(a.factors)):
            yield hit(a.url, "A factor is recorded twice on this assessment.", e)


@rule(
    "8945Q",
    "Please check and either amend data or provide a reason: the assessment factors code '18A' "
    "should not be used ('18B' or '18C' should be used instead)",
    module=M,
)
def r8945q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<AssessmentFactors> (N00181) should not be 18A (use 18B or 18C)."""
    for e, a in _each(c):
        if "18A" in a.factors:
            yield hit(a.url, "Factor 18A is retired: use 18B or 18C.", e)


@rule(
    "8950Q",
    "Please check and either amend data or provide a reason: the assessment factors code '19A' "
    "should not be used ('19B' or '19C' should be used instead)",
    module=M,
)
def r8950q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """<AssessmentFactors> (N00181) should not be 19A (use 19B or 19C)."""
    for e, a in _each(c):
        if "19A" in a.factors:
            yield hit(a.url, "Factor 19A is retired: use 19B or 19C.", e)
