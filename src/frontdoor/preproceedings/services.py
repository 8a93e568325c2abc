"""Writes for pre-proceedings: start, the letter before proceedings with the FGDM offer, the FGDM
meeting, pre-proceedings meetings, the step-up or step-down decision and the court application.

Each is one transaction that checks its guard, saves, writes the audit row and adds the event to
the child's chronology. Changes to the record lock it at the version the user's page was loaded
with (`StaleRecord` otherwise). Children's Wellbeing and Schools Act 2026 s1 (new s31ZA Children
Act 1989): the letter before proceedings must offer an FGDM meeting, so the letter records
whether it did.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.cases.models import Referral
from frontdoor.child_protection.services.common import moment_on, refuse_if, refused_as, signed_in
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.services import chronology_add

from . import guards
from .models import MeetingKind, PreProceedings, PreProceedingsMeeting, StepDecision


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _audit(actor: User | None, action: str, pp: PreProceedings, **detail: object) -> None:
    audit_record(
        actor=actor,
        action=action,
        record_type="pre_proceedings",
        record_id=pp.pk,
        person_id=pp.person_id,
        detail=detail or None,
    )


def _chronology(actor: User | None, pp: PreProceedings, day: date, kind: str, summary: str) -> None:
    chronology_add(
        person=pp.person,
        kind=kind,
        actor=actor,
        record=pp,
        occurred_at=moment_on(day),
        summary=summary,
    )


def _locked(pp: PreProceedings, version: int | None) -> PreProceedings:
    return lock_version(PreProceedings.objects.select_related("person"), pp.pk, expected=version)


@transaction.atomic
def pre_proceedings_start(
    *,
    actor: User | None,
    referral: Referral,
    pp_start_date: date,
    legal_planning_notes: str,
    today: date | None = None,
    now: datetime | None = None,
) -> PreProceedings:
    """The legal planning meeting decided to start pre-proceedings (PPStartDate)."""
    today = _today(today)
    errors = {}
    problem = guards.cannot_start(referral, pp_start_date, today)
    if problem:
        errors["pp_start_date"] = problem
    if not legal_planning_notes.strip():
        errors["legal_planning_notes"] = "Enter what the legal planning meeting decided and why"
    if errors:
        raise ValidationError(errors)
    with refused_as(lambda: guards.cannot_start(referral, pp_start_date, today), "pp_start_date"):
        pp = PreProceedings.objects.create(
            referral=referral,
            person=referral.person,
            pp_start_date=pp_start_date,
            legal_planning_notes=legal_planning_notes.strip(),
            created_at=now or timezone.now(),
            created_by=signed_in(actor),
        )
    _audit(actor, "create", pp)
    _chronology(
        actor,
        pp,
        pp_start_date,
        "pre_proceedings_start",
        "Legal planning meeting: decision to start pre-proceedings",
    )
    return pp


@transaction.atomic
def pre_proceedings_letter_record(
    *,
    actor: User | None,
    pp: PreProceedings,
    lbp_sent_date: date,
    fgdm_meeting_offer: bool,
    today: date | None = None,
    version: int | None = None,
) -> PreProceedings:
    """The letter before proceedings was sent, offering (or not) an FGDM meeting."""
    pp = _locked(pp, version)
    refuse_if(guards.letter_problem(pp, lbp_sent_date, _today(today)), "lbp_sent_date")
    pp.lbp_sent_date, pp.fgdm_meeting_offer = lbp_sent_date, fgdm_meeting_offer
    save_version(pp, actor=signed_in(actor), fields=["lbp_sent_date", "fgdm_meeting_offer"])
    _audit(actor, "letter_before_proceedings", pp, fgdm_offered=fgdm_meeting_offer)
    _chronology(
        actor,
        pp,
        lbp_sent_date,
        "letter_before_proceedings",
        "Letter before proceedings sent"
        + (": an FGDM meeting offered" if fgdm_meeting_offer else ": no FGDM meeting offered"),
    )
    return pp


@transaction.atomic
def pre_proceedings_fgdm_record(
    *,
    actor: User | None,
    pp: PreProceedings,
    fgdm_meeting_fac: bool,
    fgdm_meeting_date: date | None,
    fgdm_not_held_reason: str = "",
    today: date | None = None,
    version: int | None = None,
) -> PreProceedings:
    """Whether an FGDM meeting was facilitated after the offer, and when (or why not)."""
    pp = _locked(pp, version)
    held_date = fgdm_meeting_date if fgdm_meeting_fac else None
    problem = guards.fgdm_problem(pp, fgdm_meeting_fac, held_date, _today(today))
    refuse_if(problem, "fgdm_meeting_date" if pp.lbp_sent_date else "__all__")
    if not fgdm_meeting_fac and not fgdm_not_held_reason.strip():
        raise ValidationError({"fgdm_not_held_reason": "Enter why no FGDM meeting was held"})
    pp.fgdm_meeting_fac, pp.fgdm_meeting_date = fgdm_meeting_fac, held_date
    pp.fgdm_not_held_reason = "" if fgdm_meeting_fac else fgdm_not_held_reason.strip()
    save_version(
        pp,
        actor=signed_in(actor),
        fields=["fgdm_meeting_fac", "fgdm_meeting_date", "fgdm_not_held_reason"],
    )
    _audit(actor, "fgdm", pp, held=fgdm_meeting_fac)
    _chronology(
        actor,
        pp,
        held_date or _today(today),
        "fgdm_meeting",
        "Family group decision-making meeting held"
        if fgdm_meeting_fac
        else f"No family group decision-making meeting: {pp.fgdm_not_held_reason}",
    )
    return pp


@transaction.atomic
def pre_proceedings_meeting_record(
    *,
    actor: User | None,
    pp: PreProceedings,
    kind: str,
    held_date: date,
    parents_attended: bool,
    notes: str = "",
    today: date | None = None,
    now: datetime | None = None,
) -> PreProceedingsMeeting:
    """A pre-proceedings meeting: the initial one, then reviews."""
    pp = _locked(pp, None)
    refuse_if(guards.meeting_problem(pp, kind, held_date, _today(today)), "held_date")
    meeting = PreProceedingsMeeting.objects.create(
        pre_proceedings=pp,
        kind=kind,
        held_date=held_date,
        parents_attended=parents_attended,
        notes=notes.strip(),
        recorded_by=signed_in(actor),
        created_at=now or timezone.now(),
    )
    save_version(pp, actor=signed_in(actor), fields=[])
    _audit(actor, "meeting", pp, kind=kind)
    _chronology(actor, pp, held_date, "pre_proceedings_meeting", MeetingKind(kind).label)
    return meeting


@transaction.atomic
def pre_proceedings_decide(
    *,
    actor: User | None,
    pp: PreProceedings,
    step_decision_date: date,
    step_decision: str,
    today: date | None = None,
    version: int | None = None,
) -> PreProceedings:
    """The decision to step up (apply to court) or step down, which ends pre-proceedings."""
    pp = _locked(pp, version)
    refuse_if(guards.decision_problem(pp, step_decision_date, _today(today)), "step_decision_date")
    if step_decision not in StepDecision.values:
        raise ValidationError({"step_decision": "Select the decision"})
    pp.step_decision_date, pp.step_decision = step_decision_date, step_decision
    save_version(pp, actor=signed_in(actor), fields=["step_decision_date", "step_decision"])
    _audit(actor, "decide", pp, decision=step_decision)
    _chronology(
        actor,
        pp,
        step_decision_date,
        "pre_proceedings_decision",
        f"Pre-proceedings decision: {StepDecision(step_decision).label}",
    )
    return pp


@transaction.atomic
def pre_proceedings_court_record(
    *,
    actor: User | None,
    pp: PreProceedings,
    court_app_date: date,
    letter_init_cp_date: date | None,
    today: date | None = None,
    version: int | None = None,
) -> PreProceedings:
    """The court application for care proceedings, and the letter to the parents initiating them."""
    pp = _locked(pp, version)
    refuse_if(
        guards.court_problem(pp, court_app_date, letter_init_cp_date, _today(today)),
        "court_app_date",
    )
    pp.court_app_date, pp.letter_init_cp_date = court_app_date, letter_init_cp_date
    save_version(pp, actor=signed_in(actor), fields=["court_app_date", "letter_init_cp_date"])
    _audit(actor, "court_application", pp)
    _chronology(
        actor, pp, court_app_date, "care_proceedings_application", "Care proceedings applied for"
    )
    return pp
