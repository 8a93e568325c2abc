"""Module 5, pre-proceedings and family group decision making (`PreProceedingsandFGDM`), from the
2026-27 census (YEAR 2027) on. The rules and messages are those in
`docs/returns.md` (from Data to Insight's draft 2026-27 rules; the DfE's own documents were not
readable): PPOutcome's codes A-C are accepted as the code set, their meanings are not assumed."""

from __future__ import annotations

from collections.abc import Iterator

from ..census import CensusChild, CensusPreProceedings, Episode
from .base import ChildCheck, Context, Hit, hit, rule, table_rule, ukdate

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


def _dated(field: str, after: str | None, detail: str) -> ChildCheck:
    """Each block's `field`, when recorded, must fall in the census year and, when the block's
    `after` is recorded, not before it; `detail` says so, naming the date as {day}."""

    def check(c: CensusChild, ctx: Context) -> Iterator[Hit]:
        for e, b in _each(c):
            day, floor = getattr(b, field), getattr(b, after) if after else None
            if day and (not ctx.in_year(day) or (floor is not None and day < floor)):
                yield hit(b.url, detail.format(day=ukdate(day)), e)

    return check


# (rule, DfE message, DfE logic, the date, the date it may not be before, the sentence)
DATED = [
    (
        "9005",
        "The date of the legal planning meeting or other decision making forum where the LA made "
        "the decision to commence pre-proceedings cannot fall outside the reporting year.",
        "If (N00826) <PPStartDate> is present, it must fall within [Period_of_Census] inclusive.",
        "start",
        None,
        "Pre-proceedings decided on {day}, outside the year.",
    ),
    (
        "9006",
        "The date the letter before proceedings was sent must be within the reporting year and "
        "after the date pre-proceedings began.",
        "If (N00827) <LBPSentDate> is present, it must fall within [Period_of_Census] inclusive "
        "and on or after (N00826) <PPStartDate>.",
        "lbp_sent",
        "start",
        "The letter before proceedings ({day}) is misdated.",
    ),
    (
        "9008",
        "The date of the first effective pre-proceedings meeting must be within the reporting "
        "year.",
        "If (N00830) <InitialPPMeetingDate> is present, it must fall within [Period_of_Census].",
        "initial_meeting",
        None,
        "The first meeting ({day}) is outside the year.",
    ),
    (
        "9009",
        "The date when the decision was made to step up or down must be on or after the date of "
        "the decision to begin pre-proceedings and must fall within the reporting year",
        "If <StepDecisionDate> is present, it must fall within [Period_of_Census] and on or after "
        "(N00826) <PPStartDate> when that is present.",
        "step_decision",
        "start",
        "The step up or down decision ({day}) is misdated.",
    ),
    (
        "9012",
        "The date that the local authority submitted the court application to commence care "
        "proceedings must fall within the reporting year and be on or after the date of the "
        "decision to initiate care proceedings.",
        "If (N00834) <CourtAppDate> is present, it must fall within [Period_of_Census] and on or "
        "after <StepDecisionDate> when that is present.",
        "court_application",
        "step_decision",
        "The court application ({day}) is misdated.",
    ),
    (
        "9013",
        "The date on which the letter to initiate care proceedings was sent to parents/guardians "
        "must fall within the reporting year and be on or after the date when the local authority "
        "submitted the court application to commence care proceedings.",
        "If <LetterInitCPDate> is present, it must fall within [Period_of_Census] and on or after "
        "(N00834) <CourtAppDate> when that is present.",
        "letter_to_initiate",
        "court_application",
        "The letter to initiate proceedings ({day}) is misdated.",
    ),
]


def _recorded(field: str, given: str | None, detail: str) -> ChildCheck:
    """Each block must have `field` recorded when it has `given` (always when `given` is None);
    `detail` says what to record."""

    def check(c: CensusChild, ctx: Context) -> Iterator[Hit]:
        for e, b in _each(c):
            if (given is None or getattr(b, given)) and getattr(b, field) is None:
                yield hit(b.url, detail, e)

    return check


# (rule, DfE message, DfE logic, the item to record, the item that calls for it, the sentence)
RECORDED = [
    (
        "9000Q",
        "Please check: If you do not yet collect this data, please leave this field blank and "
        "provide a reason.",
        "(N00826) <PPStartDate> has not been provided. Checked per module here (the DfE's level "
        "is not published; Data to Insight check the whole return).",
        "start",
        None,
        "The date pre-proceedings were decided on is missing.",
    ),
    (
        "9007",
        "You have confirmed that a letter before proceedings was sent. Please confirm whether or "
        "not a FGDM meeting was offered in the letter.",
        "If (N00827) <LBPSentDate> is present, then (N00828) <FGDMMeetingOffer> should be present.",
        "fgdm_offered",
        "lbp_sent",
        "Record whether the letter offered a family group meeting.",
    ),
    (
        "9010Q",
        "Please check: You have reported that a FGDM meeting was offered in the letter before "
        "proceedings. Please confirm whether or not a FGDM meeting was facilitated in the "
        "pre-proceedings period following this offer.",
        "If (N00828) <FGDMMeetingOffer> is present and true, (N00829) <FGDMMeetingFac> should be "
        "present.",
        "fgdm_facilitated",
        "fgdm_offered",
        "Record whether the offered family group meeting took place.",
    ),
    (
        "9015Q",
        "Please check: if review meetings were held  following the initial pre-proceedings "
        "meeting, the total number held should be reported.",
        "If (N00830) <InitialPPMeetingDate> is present, then (N00831) <ReviewMeetingsCount> should "
        "be reported.",
        "review_meetings",
        "initial_meeting",
        "Report how many review meetings were held (0 if none).",
    ),
]

for code, message, logic, field, bound, detail in DATED:
    table_rule(code, message, logic, _dated(field, bound, detail), module=M, since=2027)
for code, message, logic, field, given, detail in RECORDED:
    table_rule(code, message, logic, _recorded(field, given, detail), module=M, since=2027)
