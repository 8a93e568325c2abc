"""Workflow rules for pre-proceedings, each returning a reason the user can read (or None).

The dates follow the order the DfE's 2026-27 rules check (9006, 9009, 9012, 9013), so a return
never finds them out of order at year end: they are refused when recorded.
"""

from __future__ import annotations

from datetime import date

from frontdoor.cases.models import Referral

from .models import PreProceedings


def _d(day: date) -> str:
    return f"{day:%-d %B %Y}"


def cannot_start(referral: Referral, pp_start_date: date, today: date) -> str | None:
    if not referral.is_open:
        return "Pre-proceedings can start only on an open referral"
    if pp_start_date > today:
        return "The date of the legal planning meeting cannot be in the future"
    if pp_start_date < referral.referral_date:
        return (
            "The legal planning meeting must be on or after the referral date, "
            f"{_d(referral.referral_date)}"
        )
    current = PreProceedings.objects.filter(
        person_id=referral.person_id, step_decision_date__isnull=True
    ).first()
    if current is not None:
        return (
            f"{referral.person.full_name} is already in pre-proceedings, started "
            f"{_d(current.pp_start_date)}"
        )
    return None


def letter_problem(pp: PreProceedings, sent: date, today: date) -> str | None:
    if sent > today:
        return "The date the letter was sent cannot be in the future"
    if sent < pp.pp_start_date:
        return (
            "The letter before proceedings must be sent on or after the decision to start "
            f"pre-proceedings, {_d(pp.pp_start_date)}"
        )
    return None


def fgdm_problem(pp: PreProceedings, held: bool, held_date: date | None, today: date) -> str | None:
    if pp.lbp_sent_date is None:
        return "Record the letter before proceedings (with the FGDM offer) first"
    if held and held_date is None:
        return "Enter the date of the FGDM meeting"
    if held_date is not None and (held_date < pp.lbp_sent_date or held_date > today):
        return (
            "The FGDM meeting must be on or after the letter before proceedings, "
            f"{_d(pp.lbp_sent_date)}, and not in the future"
        )
    return None


def meeting_problem(pp: PreProceedings, kind: str, held: date, today: date) -> str | None:
    if not pp.is_open:
        return "These pre-proceedings have ended"
    if held > today:
        return "The meeting date cannot be in the future"
    if held < pp.pp_start_date:
        return f"The meeting must be on or after pre-proceedings started, {_d(pp.pp_start_date)}"
    initial = pp.meetings.filter(kind="initial").first()
    if kind == "initial" and initial is not None:
        return f"The initial pre-proceedings meeting was already recorded ({_d(initial.held_date)})"
    if kind == "review" and initial is None:
        return "Record the initial pre-proceedings meeting before a review"
    if kind == "review" and initial is not None and held < initial.held_date:
        return f"A review must be on or after the initial meeting, {_d(initial.held_date)}"
    return None


def decision_problem(pp: PreProceedings, decided: date, today: date) -> str | None:
    if not pp.is_open:
        return f"The decision was already recorded on {_d(pp.step_decision_date)}"  # type: ignore[arg-type]
    if decided > today:
        return "The date of the decision cannot be in the future"
    if decided < pp.pp_start_date:
        return (
            "The decision to step up or down must be on or after pre-proceedings started, "
            f"{_d(pp.pp_start_date)}"
        )
    return None


def court_problem(
    pp: PreProceedings, court_app: date, letter: date | None, today: date
) -> str | None:
    if pp.step_decision != "step_up" or pp.step_decision_date is None:
        return "A court application follows a decision to step up to care proceedings"
    if court_app > today or (letter is not None and letter > today):
        return "The dates cannot be in the future"
    if court_app < pp.step_decision_date:
        return (
            "The court application must be on or after the decision to issue proceedings, "
            f"{_d(pp.step_decision_date)}"
        )
    if letter is not None and letter < court_app:
        return "The letter to initiate proceedings must be sent on or after the court application"
    return None
