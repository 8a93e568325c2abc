"""Module 5, pre-proceedings and family group decision making (`PreProceedingsandFGDM`), from the
2026-27 census (YEAR 2027) on. The rules and messages are those in
`docs/returns.md` (from Data to Insight's draft 2026-27 rules; the DfE's own documents were not
readable): PPOutcome's codes A-C are accepted as the code set, their meanings are not assumed."""

from __future__ import annotations

from collections.abc import Iterator

from ..census import CensusChild, CensusPreProceedings, Episode
from .base import Context, Hit, hit, rule, ukdate

M = "PreProceedingsandFGDM"
OUTCOME_CODES = ("A", "B", "C")  # code set CS131


def _each(c: CensusChild) -> Iterator[tuple[Episode, CensusPreProceedings]]:
    for e in c.episodes:
        for b in e.pre_proceedings:
            yield e, b


@rule(
    "8995Q",
    "Please check and provide a reason why no module 5 (pre-proceedings and FGM) data has been "
    "provided for any child.",
    module=M,
    la=True,
    since=2027,
)
def r8995q(children: list[CensusChild], ctx: Context) -> Iterator[Hit]:
    """No child in the return has a <PreProceedingsandFGDM> module. Triggered at LA level."""
    if not any(True for c in children for _ in _each(c)):
        yield hit("", "No child in the return has pre-proceedings recorded in the year.")


@rule(
    "9000Q",
    "Please check: If you do not yet collect this data, please leave this field blank and provide "
    "a reason.",
    module=M,
    since=2027,
)
def r9000q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """(N00826) <PPStartDate> has not been provided. Checked per module here (the DfE's level is
    not published; Data to Insight check the whole return)."""
    for e, b in _each(c):
        if not b.start:
            yield hit(b.url, "The date pre-proceedings were decided on is missing.", e)


@rule(
    "9005",
    "The date of the legal planning meeting or other decision making forum where the LA made the "
    "decision to commence pre-proceedings cannot fall outside the reporting year.",
    module=M,
    since=2027,
)
def r9005(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If (N00826) <PPStartDate> is present, it must fall within [Period_of_Census] inclusive."""
    for e, b in _each(c):
        if b.start and not ctx.in_year(b.start):
            yield hit(b.url, f"Pre-proceedings decided on {ukdate(b.start)}, outside the year.", e)


@rule(
    "9006",
    "The date the letter before proceedings was sent must be within the reporting year and after "
    "the date pre-proceedings began.",
    module=M,
    since=2027,
)
def r9006(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If (N00827) <LBPSentDate> is present, it must fall within [Period_of_Census] inclusive and on
    or after (N00826) <PPStartDate>."""
    for e, b in _each(c):
        if b.lbp_sent and (
            not ctx.in_year(b.lbp_sent) or (b.start is not None and b.lbp_sent < b.start)
        ):
            yield hit(
                b.url, f"The letter before proceedings ({ukdate(b.lbp_sent)}) is misdated.", e
            )


@rule(
    "9007",
    "You have confirmed that a letter before proceedings was sent. Please confirm whether or not a "
    "FGDM meeting was offered in the letter.",
    module=M,
    since=2027,
)
def r9007(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If (N00827) <LBPSentDate> is present, then (N00828) <FGDMMeetingOffer> should be present."""
    for e, b in _each(c):
        if b.lbp_sent and b.fgdm_offered is None:
            yield hit(b.url, "Record whether the letter offered a family group meeting.", e)


@rule(
    "9008",
    "The date of the first effective pre-proceedings meeting must be within the reporting year.",
    module=M,
    since=2027,
)
def r9008(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If (N00830) <InitialPPMeetingDate> is present, it must fall within [Period_of_Census]."""
    for e, b in _each(c):
        if b.initial_meeting and not ctx.in_year(b.initial_meeting):
            yield hit(
                b.url, f"The first meeting ({ukdate(b.initial_meeting)}) is outside the year.", e
            )


@rule(
    "9009",
    "The date when the decision was made to step up or down must be on or after the date of the "
    "decision to begin pre-proceedings and must fall within the reporting year",
    module=M,
    since=2027,
)
def r9009(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <StepDecisionDate> is present, it must fall within [Period_of_Census] and on or after
    (N00826) <PPStartDate> when that is present."""
    for e, b in _each(c):
        day = b.step_decision
        if day and (not ctx.in_year(day) or (b.start is not None and day < b.start)):
            yield hit(b.url, f"The step up or down decision ({ukdate(day)}) is misdated.", e)


@rule(
    "9010Q",
    "Please check: You have reported that a FGDM meeting was offered in the letter before "
    "proceedings. Please confirm whether or not a FGDM meeting was facilitated in the "
    "pre-proceedings period following this offer.",
    module=M,
    since=2027,
)
def r9010q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If (N00828) <FGDMMeetingOffer> is present and true, (N00829) <FGDMMeetingFac> should be
    present."""
    for e, b in _each(c):
        if b.fgdm_offered and b.fgdm_facilitated is None:
            yield hit(b.url, "Record whether the offered family group meeting took place.", e)


@rule(
    "9011",
    "The outcome of the pre-proceedings must be reported using a valid value",
    module=M,
    since=2027,
)
def r9011(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If (N00833) <PPOutcome> is present, it must be a valid value (code set CS131: A, B, C)."""
    for e, b in _each(c):
        if b.outcome and b.outcome not in OUTCOME_CODES:
            yield hit(b.url, f"Pre-proceedings outcome {b.outcome!r} is not A, B or C.", e)


@rule(
    "9012",
    "The date that the local authority submitted the court application to commence care "
    "proceedings must fall within the reporting year and be on or after the date of the decision "
    "to initiate care proceedings.",
    module=M,
    since=2027,
)
def r9012(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If (N00834) <CourtAppDate> is present, it must fall within [Period_of_Census] and on or
    after <StepDecisionDate> when that is present."""
    for e, b in _each(c):
        day = b.court_application
        if day and (
            not ctx.in_year(day) or (b.step_decision is not None and day < b.step_decision)
        ):
            yield hit(b.url, f"The court application ({ukdate(day)}) is misdated.", e)


@rule(
    "9013",
    "The date on which the letter to initiate care proceedings was sent to parents/guardians must "
    "fall within the reporting year and be on or after the date when the local authority submitted "
    "the court application to commence care proceedings.",
    module=M,
    since=2027,
)
def r9013(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If <LetterInitCPDate> is present, it must fall within [Period_of_Census] and on or after
    (N00834) <CourtAppDate> when that is present."""
    for e, b in _each(c):
        day = b.letter_to_initiate
        if day and (
            not ctx.in_year(day) or (b.court_application is not None and day < b.court_application)
        ):
            yield hit(b.url, f"The letter to initiate proceedings ({ukdate(day)}) is misdated.", e)


@rule(
    "9015Q",
    "Please check: if review meetings were held  following the initial pre-proceedings meeting, "
    "the total number held should be reported.",
    module=M,
    since=2027,
)
def r9015q(c: CensusChild, ctx: Context) -> Iterator[Hit]:
    """If (N00830) <InitialPPMeetingDate> is present, then (N00831) <ReviewMeetingsCount> should
    be reported."""
    for e, b in _each(c):
        if b.initial_meeting and b.review_meetings is None:
            yield hit(b.url, "Report how many review meetings were held (0 if none).", e)
