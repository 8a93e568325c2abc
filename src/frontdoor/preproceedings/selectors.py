"""Reads for pre-proceedings: the census block, the dashboard's counts and a referral's records.

`census_block(pp)` gives the 2026-27 CIN census's `PreProceedingsandFGDM` items in the census's
order, by their census names, leaving out what is not recorded. `PPOutcome` (code set CS131) is
written only when the council has set which code each decision is
(`settings.PRE_PROCEEDINGS_OUTCOME_CODES`, e.g. {"step_up": "A", ...}): the DfE has not published
what A, B and C mean (see docs/pre-proceedings.md), so it is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Min, Q

from frontdoor.cases.models import Referral

from .models import MeetingKind, PreProceedings

CENSUS_ITEMS = (
    "PPStartDate",
    "LBPSentDate",
    "FGDMMeetingOffer",
    "FGDMMeetingFac",
    "InitialPPMeetingDate",
    "ReviewMeetingsCount",
    "StepDecisionDate",
    "PPOutcome",
    "CourtAppDate",
    "LetterInitCPDate",
)


def pp_outcome_code(pp: PreProceedings) -> str:
    """The CS131 code the council maps this decision to, or "" when it has not set one."""
    codes: dict[str, str] = getattr(settings, "PRE_PROCEEDINGS_OUTCOME_CODES", {}) or {}
    return codes.get(pp.step_decision, "") if pp.step_decision else ""


def census_block(pp: PreProceedings) -> dict[str, date | bool | int | str]:
    """The `PreProceedingsandFGDM` items recorded for `pp`, in census order (dates as dates,
    booleans as bools, the review count as an int); items not recorded are left out."""
    meetings = list(pp.meetings.all())
    initial = next((m.held_date for m in meetings if m.kind == MeetingKind.INITIAL), None)
    reviews = sum(1 for m in meetings if m.kind == MeetingKind.REVIEW)
    values: dict[str, date | bool | int | str | None] = {
        "PPStartDate": pp.pp_start_date,
        "LBPSentDate": pp.lbp_sent_date,
        "FGDMMeetingOffer": pp.fgdm_meeting_offer,
        "FGDMMeetingFac": pp.fgdm_meeting_fac,
        "InitialPPMeetingDate": initial,
        # 9015Q: once the first meeting is held, the number of reviews after it (0 included).
        "ReviewMeetingsCount": reviews if initial else None,
        "StepDecisionDate": pp.step_decision_date,
        "PPOutcome": pp_outcome_code(pp) or None,
        "CourtAppDate": pp.court_app_date,
        "LetterInitCPDate": pp.letter_init_cp_date,
    }
    return {k: v for k, v in values.items() if v is not None}


def census_pre_proceedings(
    referral_ids: list[int], start: date, end: date
) -> dict[int, list[PreProceedings]]:
    """Per referral (CIN episode), its pre-proceedings decided on within `start`..`end` (DfE rule
    9005: PPStartDate falls in the census year), with their meetings, oldest first."""
    found: dict[int, list[PreProceedings]] = {}
    rows = (
        PreProceedings.objects.filter(
            referral_id__in=referral_ids, pp_start_date__gte=start, pp_start_date__lte=end
        )
        .prefetch_related("meetings")
        .order_by("pp_start_date", "pk")
    )
    for pp in rows:
        found.setdefault(pp.referral_id, []).append(pp)
    return found


def for_referral(referral: Referral) -> list[PreProceedings]:
    return list(
        PreProceedings.objects.filter(referral=referral)
        .annotate(
            reviews=Count("meetings", filter=Q(meetings__kind=MeetingKind.REVIEW)),
            first_meeting=Min("meetings__held_date", filter=Q(meetings__kind=MeetingKind.INITIAL)),
        )
        .order_by("-pp_start_date", "-pk")
    )


@dataclass(frozen=True)
class PreProceedingsFigures:
    open_now: int  # children in pre-proceedings today
    started: int  # pre-proceedings decided on in the period
    fgdm_offered: int  # of those, letters before proceedings that offered an FGDM meeting
    fgdm_held: int  # of those, FGDM meetings facilitated
    stepped_up: int  # of those, decided to apply to court


def figures(start: date, end: date) -> PreProceedingsFigures:
    """The dashboard's pre-proceedings figures for the period `start`..`end` (both included)."""
    started = PreProceedings.objects.filter(pp_start_date__gte=start, pp_start_date__lte=end)
    counts = started.aggregate(
        started=Count("pk"),
        fgdm_offered=Count("pk", filter=Q(fgdm_meeting_offer=True)),
        fgdm_held=Count("pk", filter=Q(fgdm_meeting_fac=True)),
        stepped_up=Count("pk", filter=Q(step_decision="step_up")),
    )
    open_now = (
        PreProceedings.objects.filter(pp_start_date__lte=end)
        .filter(Q(step_decision_date__isnull=True) | Q(step_decision_date__gt=end))
        .count()
    )
    return PreProceedingsFigures(open_now=open_now, **counts)
