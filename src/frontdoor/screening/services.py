"""Writes for screening. One transaction each; the audit row and chronology entries inside it.

Every service takes an optional `now` so seeding and frozen-clock tests pass explicit times.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import Team
from frontdoor.audit.services import audit_record
from frontdoor.cases.selectors import open_referral_for
from frontdoor.cases.services import referral_close, referral_open
from frontdoor.core.calendar import local_date
from frontdoor.intake.models import Contact, ContactChild, ContactStatus
from frontdoor.people.services import chronology_add

from . import guards
from .conf import info_agencies
from .models import (
    DECISION_FIELDS,
    OUTCOME_SHORT,
    REFERRAL_OUTCOMES,
    ConsentOutcome,
    Decision,
    DecisionStatus,
    DelayReason,
    DispensationReason,
    InformationRequest,
    Outcome,
    Oversight,
    OversightKind,
    Rag,
    RagRating,
    ReferrerUpdate,
    Screening,
    ScreeningStatus,
    UpdateKind,
)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _url(screening: Screening) -> str:
    return reverse("screening:detail", args=[screening.pk])


def _event(
    screening: Screening,
    *,
    actor: Any,
    kind: str,
    summary: str,
    at: datetime,
    record: Any = None,
    action: str = "update",
    detail: dict[str, Any] | None = None,
) -> None:
    """The chronology entry and the audit row for one screening event."""
    chronology_add(
        person=screening.person,
        kind=kind,
        summary=summary,
        actor=actor,
        occurred_at=at,
        record=record or screening,
        url=_url(screening),
    )
    audit_record(
        actor=actor,
        action=action,
        record_type=kind,
        record_id=(record or screening).pk,
        person_id=screening.person_id,
        detail={"screening": screening.pk, **(detail or {})},
    )


def _refuse(reason: str | None, field: str = "__all__") -> None:
    if reason:
        raise ValidationError({field: reason})


# -- starting and taking ---------------------------------------------------------------------


@transaction.atomic
def screening_start(
    *, actor: Any, contact_child: ContactChild, take: bool = True, now: datetime | None = None
) -> Screening:
    """Start the screening of one child on a contact (or return the one already started)."""
    existing = Screening.objects.filter(contact_child=contact_child).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    # The link's contact and person (usually already loaded) go on the screening, saving queries.
    screening = Screening.objects.create(
        contact_child=contact_child,
        contact=contact_child.contact,
        person=contact_child.person,
        owner=_user(actor) if take else None,
        started_at=now,
        started_by=_user(actor),
    )
    _event(
        screening,
        actor=actor,
        kind="screening",
        at=now,
        action="create",
        summary=f"Screening started{' by ' + actor.display_name if take and _user(actor) else ''}",
    )
    return screening


@transaction.atomic
def screenings_start_for_contact(
    *, actor: Any, contact: Contact, take: bool = True, now: datetime | None = None
) -> list[Screening]:
    """Start screenings for every child on a contact, so siblings are screened together."""
    if contact.status != ContactStatus.OPEN:
        raise ValidationError(
            {"__all__": "This contact has been decided: it cannot be screened again"}
        )
    result = []
    for link in contact.children.select_related("person").order_by("pk"):
        link.contact = contact
        screening = screening_start(actor=actor, contact_child=link, take=take, now=now)
        if take and screening.owner_id is None and _user(actor):
            screening_take(actor=actor, screening=screening, now=now)
        result.append(screening)
    return result


@transaction.atomic
def screening_take(*, actor: Any, screening: Screening, now: datetime | None = None) -> Screening:
    """Take ownership of a screening (from the team queue, or from a colleague)."""
    _refuse(guards.can_work_on(actor, screening))
    previous = screening.owner
    screening.owner = actor
    screening.save(update_fields=["owner"])
    audit_record(
        actor=actor,
        action="take",
        record_type="screening",
        record_id=screening.pk,
        person_id=screening.person_id,
        detail={"previous_owner": getattr(previous, "username", None)},
    )
    return screening


# -- urgency ----------------------------------------------------------------------------------


@transaction.atomic
def rag_set(
    *,
    actor: Any,
    screening: Screening,
    rating: str,
    rationale: str = "",
    now: datetime | None = None,
) -> RagRating:
    """Rate the urgency. The partner-check deadline runs from now; a change needs a rationale."""
    _refuse(guards.can_work_on(actor, screening))
    now = now or timezone.now()
    rationale = (rationale or "").strip()
    if rating not in Rag.values:
        raise ValidationError({"rating": "Select red, amber or green"})
    if screening.rag == rating:
        raise ValidationError(
            {"rating": f"The screening is already rated {rating}: select a different rating"}
        )
    if screening.rag and not rationale:
        raise ValidationError(
            {"rationale": "Enter why the rating is changing: a change of RAG needs a rationale"}
        )
    due = guards.rag_deadline(rating, now)
    entry = RagRating.objects.create(
        screening=screening,
        rating=rating,
        rationale=rationale,
        rated_at=now,
        rated_by=_user(actor),
        checks_due_at=due,
    )
    previous = screening.rag
    screening.rag, screening.checks_due_at = rating, due
    screening.save(update_fields=["rag", "checks_due_at"])
    summary = f"RAG changed from {previous} to {rating}" if previous else f"Rated {rating}"
    _event(
        screening,
        actor=actor,
        kind="rag",
        at=now,
        record=entry,
        action="create",
        summary=f"{summary}: partner checks due {timezone.localtime(due):%d/%m/%Y %H:%M}",
        detail={"from": previous, "to": rating},
    )
    return entry


# -- partner information ----------------------------------------------------------------------


@transaction.atomic
def information_request_send(
    *,
    actor: Any,
    screening: Screening,
    agencies: Sequence[str],
    question: str,
    now: datetime | None = None,
) -> list[InformationRequest]:
    """Ask partner agencies what they know; each request is due by the current RAG timescale."""
    _refuse(guards.can_work_on(actor, screening))
    now = now or timezone.now()
    allowed = dict(info_agencies())
    errors: dict[str, str] = {}
    if not screening.rag:
        errors["__all__"] = "Rate the urgency (RAG) first: it sets when partner information is due"
    if not agencies:
        errors["agencies"] = "Select at least one agency to ask"
    elif any(a not in allowed for a in agencies):
        errors["agencies"] = "Select agencies from the list"
    if not (question or "").strip():
        errors["question"] = "Enter what you are asking the agencies"
    if errors:
        raise ValidationError(errors)
    due = guards.rag_deadline(screening.rag, now)
    created = []
    for agency in agencies:
        request = InformationRequest.objects.create(
            screening=screening,
            agency=agency,
            question=question.strip(),
            sent_at=now,
            sent_by=_user(actor),
            due_at=due,
        )
        _event(
            screening,
            actor=actor,
            kind="information_request",
            at=now,
            record=request,
            action="create",
            summary=f"Information requested from {allowed[agency].lower()} "
            f"(due {timezone.localtime(due):%d/%m/%Y %H:%M})",
        )
        created.append(request)
    return created


@transaction.atomic
def information_request_answer(
    *,
    actor: Any,
    request: InformationRequest,
    answered_by: str,
    shared: str,
    received_at: datetime | None = None,
    now: datetime | None = None,
) -> InformationRequest:
    """Record the agency's answer: who answered, what was shared, when it was received."""
    now = now or timezone.now()
    received_at = received_at or now
    errors: dict[str, str] = {}
    if request.received_at is not None:
        errors["__all__"] = "This request has already been answered"
    if not (answered_by or "").strip():
        errors["answered_by"] = "Enter who answered for the agency"
    if not (shared or "").strip():
        errors["shared"] = "Enter what the agency shared (or that it holds nothing)"
    if received_at > now:
        errors["received_at"] = "The time received must be now or in the past"
    elif received_at < request.sent_at:
        errors["received_at"] = "The time received must be after the request was sent"
    if errors:
        raise ValidationError(errors)
    request.answered_by, request.shared = answered_by.strip(), shared.strip()
    request.received_at, request.recorded_by = received_at, _user(actor)
    request.save(update_fields=["answered_by", "shared", "received_at", "recorded_by"])
    late = " (after the due time)" if received_at > request.due_at else ""
    _event(
        request.screening,
        actor=actor,
        kind="information_received",
        at=received_at,
        record=request,
        summary=f"Information received from {request.get_agency_display().lower()}{late}",
    )
    return request


# -- consent ----------------------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    actor: Any,
    screening: Screening,
    sought: bool,
    outcome: str,
    reason: str = "",
    explanation: str = "",
    now: datetime | None = None,
) -> Screening:
    """Record whether consent to share was sought and its outcome; proceeding without consent
    needs the reason (and then a manager's authorisation)."""
    _refuse(guards.can_work_on(actor, screening))
    now = now or timezone.now()
    explanation = (explanation or "").strip()
    errors: dict[str, str] = {}
    if outcome not in ConsentOutcome.values:
        errors["outcome"] = "Select the outcome of consent"
    elif sought and outcome == ConsentOutcome.NOT_SOUGHT:
        errors["outcome"] = "Consent was sought: select whether it was given or refused"
    elif not sought and outcome != ConsentOutcome.NOT_SOUGHT:
        errors["outcome"] = "Consent was not sought: select 'Consent not sought'"
    without = outcome in (ConsentOutcome.REFUSED, ConsentOutcome.NOT_SOUGHT)
    if without and reason not in DispensationReason.values:
        errors["reason"] = "Select the reason for sharing information without consent"
    if without and reason == DispensationReason.OTHER and not explanation:
        errors["explanation"] = "Explain the other reason for sharing information without consent"
    if errors:
        raise ValidationError(errors)
    screening.consent_sought, screening.consent_outcome = sought, outcome
    screening.consent_reason = reason if without else ""
    screening.consent_explanation = explanation if without else ""
    screening.consent_recorded_at, screening.consent_recorded_by = now, _user(actor)
    screening.consent_authorised_at = screening.consent_authorised_by = (
        None  # a new record needs a new one
    )
    screening.save(
        update_fields=[
            "consent_sought",
            "consent_outcome",
            "consent_reason",
            "consent_explanation",
            "consent_recorded_at",
            "consent_recorded_by",
            "consent_authorised_at",
            "consent_authorised_by",
        ]
    )
    summary = screening.get_consent_outcome_display()
    if without:
        summary += (
            f": proceeding without consent ({screening.get_consent_reason_display().lower()})"
        )
    _event(
        screening, actor=actor, kind="consent", at=now, summary=summary, detail={"outcome": outcome}
    )
    return screening


@transaction.atomic
def consent_authorise(
    *, actor: Any, screening: Screening, now: datetime | None = None
) -> Screening:
    """A manager authorises sharing information without consent."""
    _refuse(guards.can_authorise_consent(actor, screening))
    now = now or timezone.now()
    screening.consent_authorised_at, screening.consent_authorised_by = now, actor
    screening.save(update_fields=["consent_authorised_at", "consent_authorised_by"])
    _event(
        screening,
        actor=actor,
        kind="consent_authorised",
        at=now,
        action="authorise",
        summary=f"Sharing without consent authorised by {actor.display_name}",
    )
    return screening


# -- decision ---------------------------------------------------------------------------------


def _check_decision(
    screening: Screening, data: dict[str, Any], *, decided_at: datetime
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {
        k: (data.get(k) or "").strip() if isinstance(data.get(k), str) else data.get(k)
        for k in DECISION_FIELDS
    }
    if clean["level_of_need"] not in (1, 2, 3, 4):
        errors["level_of_need"] = "Select the level of need (1 to 4)"
    if clean["outcome"] not in Outcome.values:
        errors["outcome"] = "Select the outcome of the decision"
    if not clean["rationale"]:
        errors["rationale"] = "Enter the rationale for the decision"
    if not clean["risks_and_protective_factors"]:
        errors["risks_and_protective_factors"] = (
            "Enter the analysis of risks and protective factors"
        )
    if clean["outcome"] in REFERRAL_OUTCOMES and not clean["primary_need"]:
        errors["primary_need"] = "Select the primary need: it is required for a referral"
    problem = guards.outcome_problem(
        clean["outcome"], open_referral_for(person_id=screening.person_id)
    )
    if problem:
        errors["outcome"] = problem
    late = decided_at > screening.contact.decision_due_at
    if late and not clean["delay_reason"]:
        due = timezone.localtime(screening.contact.decision_due_at)
        errors["delay_reason"] = (
            f"This decision is after the one-working-day deadline ({due.day} "
            f"{due:%B %Y, %H:%M}): select the reason for the delay"
        )
    elif late and clean["delay_reason"] not in DelayReason.values:
        errors["delay_reason"] = "Select a reason for the delay from the list"
    elif late and clean["delay_reason"] == "other" and not clean["delay_explanation"]:
        errors["delay_explanation"] = "Explain the other reason for the delay"
    if not errors:
        consent = guards.consent_problem(
            screening,
            clean["outcome"],
            authorising=False,
            shares_information=screening.requests.exists(),
        )
        if consent:
            errors["__all__"] = consent
    if errors:
        raise ValidationError(errors)
    if not late:
        clean["delay_reason"], clean["delay_explanation"] = "", ""
    if clean["outcome"] not in REFERRAL_OUTCOMES:
        clean["primary_need"] = clean["primary_need"] or ""
    clean["late"] = late
    return clean


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    screening: Screening,
    level_of_need: int | None,
    outcome: str,
    rationale: str,
    risks_and_protective_factors: str,
    primary_need: str = "",
    delay_reason: str = "",
    delay_explanation: str = "",
    applied_from: Decision | None = None,
    now: datetime | None = None,
) -> Decision:
    """Record the decision for one child and send it to a manager for authorisation.

    Working Together: a decision within one working day of receipt; later needs a recorded reason.
    """
    _refuse(guards.can_work_on(actor, screening))
    if hasattr(screening, "decision"):
        _refuse(
            "A decision has already been recorded for this child: answer the manager's challenge instead"
        )
    now = now or timezone.now()
    clean = _check_decision(
        screening,
        {
            "level_of_need": level_of_need,
            "outcome": outcome,
            "rationale": rationale,
            "risks_and_protective_factors": risks_and_protective_factors,
            "primary_need": primary_need,
            "delay_reason": delay_reason,
            "delay_explanation": delay_explanation,
        },
        decided_at=now,
    )
    decision = Decision.objects.create(
        screening=screening, decided_at=now, decided_by=actor, applied_from=applied_from, **clean
    )
    screening.status = ScreeningStatus.AWAITING_AUTHORISATION
    if screening.owner_id is None:
        screening.owner = actor
    screening.save(update_fields=["status", "owner"])
    applied = " (applied from a sibling's decision)" if applied_from else ""
    late = " after the deadline" if decision.late else ""
    _event(
        screening,
        actor=actor,
        kind="decision",
        at=now,
        record=decision,
        action="create",
        summary=f"Decision recorded{late}{applied}: {decision.get_outcome_display()} "
        f"(level {decision.level_of_need}); awaiting authorisation",
        detail={"outcome": decision.outcome, "late": decision.late},
    )
    return decision


@transaction.atomic
def decision_apply_to_siblings(
    *, actor: Any, decision: Decision, screenings: Sequence[Screening], now: datetime | None = None
) -> list[Decision]:
    """Apply one child's decision to siblings on the same contact: still one decision per child,
    each checked on its own (an open case or missing consent refuses that child)."""
    if not screenings:
        raise ValidationError({"siblings": "Select at least one sibling to apply the decision to"})
    created = []
    for sibling in screenings:
        if (
            sibling.contact_id != decision.screening.contact_id
            or sibling.pk == decision.screening_id
        ):
            raise ValidationError({"siblings": "Select siblings on the same contact"})
        try:
            created.append(
                decision_record(
                    actor=actor,
                    screening=sibling,
                    level_of_need=decision.level_of_need,
                    outcome=decision.outcome,
                    rationale=decision.rationale,
                    risks_and_protective_factors=decision.risks_and_protective_factors,
                    primary_need=decision.primary_need,
                    delay_reason=decision.delay_reason,
                    delay_explanation=decision.delay_explanation,
                    applied_from=decision,
                    now=now,
                )
            )
        except ValidationError as error:
            messages = "; ".join(m for ms in error.message_dict.values() for m in ms)
            raise ValidationError({"siblings": f"{sibling.person.full_name}: {messages}"}) from None
    return created


@transaction.atomic
def decision_return(
    *, actor: Any, decision: Decision, challenge: str, now: datetime | None = None
) -> Oversight:
    """A manager returns a decision with a challenge the practitioner must answer."""
    _refuse(guards.can_review_decision(actor, decision))
    if not (challenge or "").strip():
        raise ValidationError(
            {"text": "Enter the challenge: what the practitioner must answer or reconsider"}
        )
    now = now or timezone.now()
    entry = Oversight.objects.create(
        decision=decision, kind=OversightKind.CHALLENGE, text=challenge.strip(), at=now, by=actor
    )
    decision.status = DecisionStatus.RETURNED
    decision.save(update_fields=["status"])
    screening = decision.screening
    screening.status = ScreeningStatus.RETURNED
    screening.save(update_fields=["status"])
    _event(
        screening,
        actor=actor,
        kind="decision_challenge",
        at=now,
        record=entry,
        action="challenge",
        summary=f"Decision returned with a challenge by {actor.display_name}",
    )
    return entry


@transaction.atomic
def decision_answer(
    *, actor: Any, decision: Decision, answer: str, now: datetime | None = None, **revised: Any
) -> Oversight:
    """The practitioner answers a challenge (revising the decision if need be) and resubmits it."""
    _refuse(guards.can_answer_challenge(actor, decision))
    if not (answer or "").strip():
        raise ValidationError({"answer": "Enter your answer to the manager's challenge"})
    unknown = set(revised) - set(DECISION_FIELDS)
    if unknown:
        raise ValueError(f"Cannot revise {', '.join(sorted(unknown))}")
    now = now or timezone.now()
    screening = decision.screening
    data = {k: getattr(decision, k) for k in DECISION_FIELDS} | revised
    clean = _check_decision(screening, data, decided_at=decision.decided_at)
    for key, value in clean.items():
        setattr(decision, key, value)
    decision.status = DecisionStatus.AWAITING
    decision.save(update_fields=[*clean, "status"])
    entry = Oversight.objects.create(
        decision=decision, kind=OversightKind.ANSWER, text=answer.strip(), at=now, by=actor
    )
    screening.status = ScreeningStatus.AWAITING_AUTHORISATION
    screening.save(update_fields=["status"])
    _event(
        screening,
        actor=actor,
        kind="decision_answer",
        at=now,
        record=entry,
        action="answer",
        summary=f"Challenge answered: {decision.get_outcome_display()}; awaiting authorisation",
    )
    return entry


@transaction.atomic
def decision_authorise(
    *, actor: Any, decision: Decision, note: str = "", now: datetime | None = None
) -> Decision:
    """A manager authorises a decision; authorisation opens the referral, links the open case or
    requests the step-down, and completes the contact once every child on it is decided."""
    _refuse(guards.can_review_decision(actor, decision))
    screening = decision.screening
    consent = guards.consent_problem(
        screening,
        decision.outcome,
        authorising=True,
        shares_information=screening.requests.exists(),
    )
    _refuse(consent)
    now = now or timezone.now()
    Oversight.objects.create(
        decision=decision,
        kind=OversightKind.AUTHORISED,
        text=(note or "").strip(),
        at=now,
        by=actor,
    )
    decision.status, decision.authorised_at, decision.authorised_by = (
        DecisionStatus.AUTHORISED,
        now,
        actor,
    )
    update = ["status", "authorised_at", "authorised_by"]
    contact = screening.contact
    if decision.outcome in REFERRAL_OUTCOMES:
        decision.referral = referral_open(
            actor=actor,
            person=screening.person,
            referral_date=local_date(contact.received_at),
            source=contact.source,
            primary_need=decision.primary_need,
            contact=contact,
            team=Team.objects.filter(kind="assessment").order_by("name").first(),
            origin_type="screening_decision",
            origin_id=str(decision.pk),
            now=now,
        )
        update.append("referral")
    elif decision.outcome == "allocated_worker":
        referral = open_referral_for(person_id=screening.person_id)
        _refuse(guards.outcome_problem(decision.outcome, referral))
        decision.referral = referral
        update.append("referral")
    elif decision.outcome == "step_down":
        from frontdoor.earlyhelp.services import stepdown_request

        stepdown = stepdown_request(
            actor=actor,
            person=screening.person,
            source_type="screening",
            source_id=str(decision.pk),
            summary=f"MASH decision (level {decision.level_of_need}): {decision.rationale}",
            risks_and_protective_factors=decision.risks_and_protective_factors,
            at=now,
        )
        decision.stepdown_id = str(stepdown.pk)
        update.append("stepdown_id")
    decision.save(update_fields=update)
    screening.status = ScreeningStatus.AUTHORISED
    screening.save(update_fields=["status"])
    extra = ""
    if decision.outcome == "allocated_worker" and decision.referral is not None:
        worker = decision.referral.worker
        extra = f"; passed to {worker.display_name if worker else 'the allocated team'}"
    flag = " (strategy discussion)" if decision.is_strategy else ""
    _event(
        screening,
        actor=actor,
        kind="decision_authorised",
        at=now,
        record=decision,
        action="authorise",
        summary=f"Decision authorised by {actor.display_name}{flag}: {decision.get_outcome_display()}{extra}",
    )
    _contact_complete_if_decided(actor=actor, contact=contact, now=now)
    return decision


@transaction.atomic
def referral_record_nfa(
    *, actor: Any, decision: Decision, reason: str, now: datetime | None = None
) -> Any:
    """Record the referral a MASH decision opened as no further action (CIN census ReferralNFA=1):
    closed on its referral date with reason RC8, and counted in the census as an NFA referral."""
    _refuse(guards.can_record_referral_nfa(actor, decision))
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the referral needs no further action"})
    now = now or timezone.now()
    referral = decision.referral
    assert referral is not None  # the guard refuses a decision without one
    referral.nfa = True
    referral.save(update_fields=["nfa"])
    referral_close(
        actor=actor, referral=referral, closure_date=referral.referral_date, reason="RC8"
    )
    _event(
        decision.screening,
        actor=actor,
        kind="referral_nfa",
        at=now,
        record=referral,
        action="nfa",
        summary=f"Referral recorded as no further action by {actor.display_name}: {reason.strip()}",
    )
    return referral


def _contact_complete_if_decided(*, actor: Any, contact: Contact, now: datetime) -> None:
    """When every child on the contact has an authorised decision, the contact is decided; its
    short outcome is what the referring partner sees (no rationale, no names)."""
    links = list(contact.children.select_related("screening__decision"))
    decisions = []
    for link in links:
        decision = getattr(getattr(link, "screening", None), "decision", None)
        if decision is None or decision.status != DecisionStatus.AUTHORISED:
            return
        decisions.append(decision)
    outcomes = list(dict.fromkeys(OUTCOME_SHORT[d.outcome] for d in decisions))
    contact.status, contact.decided_at = ContactStatus.DECIDED, now
    contact.outcome_summary = "; ".join(outcomes)[:200]
    contact.save(update_fields=["status", "decided_at", "outcome_summary"])
    for link in links:
        audit_record(
            actor=actor,
            action="decide",
            record_type="contact",
            record_id=contact.pk,
            person_id=link.person_id,
            detail={"outcome_summary": contact.outcome_summary},
        )


# -- the referrer -----------------------------------------------------------------------------


@transaction.atomic
def referrer_update_record(
    *,
    actor: Any,
    contact: Contact,
    kind: str,
    method: str,
    given_at: datetime | None = None,
    note: str = "",
    now: datetime | None = None,
) -> ReferrerUpdate:
    """Record that the referrer was acknowledged (within one working day) or told the outcome.

    Working Together / KCSIE: acknowledge within one working day and feed back the outcome,
    except to anonymous referrers.
    """
    now = now or timezone.now()
    given_at = given_at or now
    errors: dict[str, str] = {}
    if contact.anonymous:
        errors["__all__"] = "The referrer is anonymous: no acknowledgement or feedback is owed"
    elif kind == UpdateKind.FEEDBACK and contact.status != ContactStatus.DECIDED:
        errors["kind"] = (
            "Outcome feedback can be given once every child on the contact has an authorised decision"
        )
    elif kind not in UpdateKind.values:
        errors["kind"] = "Select acknowledgement or outcome feedback"
    if not method:
        errors["method"] = "Select how the referrer was told"
    if given_at > now:
        errors["given_at"] = "The time must be now or in the past"
    elif given_at < contact.received_at:
        errors["given_at"] = "The time must be after the contact was received"
    if errors:
        raise ValidationError(errors)
    update = ReferrerUpdate.objects.create(
        contact=contact,
        kind=kind,
        method=method,
        given_at=given_at,
        given_by=actor,
        note=(note or "").strip(),
    )
    label = (
        "Referrer acknowledged"
        if kind == UpdateKind.ACKNOWLEDGEMENT
        else "Outcome fed back to the referrer"
    )
    url = reverse("intake:contact_detail", args=[contact.pk])
    for link in contact.children.select_related("person"):
        chronology_add(
            person=link.person,
            kind=f"referrer_{kind}",
            actor=actor,
            occurred_at=given_at,
            record=update,
            url=url,
            summary=f"{label} ({update.get_method_display().lower()})",
        )
        audit_record(
            actor=actor,
            action="create",
            record_type="referrer_update",
            record_id=update.pk,
            person_id=link.person_id,
            detail={"kind": kind, "contact": contact.pk},
        )
    return update
