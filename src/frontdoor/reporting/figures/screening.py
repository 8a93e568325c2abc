"""Figures from MASH screening: late decisions' reasons, partner checks against the RAG timescale,
consent, and feedback to referrers. Each says "no data recorded" until screening records exist."""

from __future__ import annotations

from collections import defaultdict
from typing import TypeVar

from django.db.models import Model, QuerySet

from frontdoor.intake.models import Contact
from frontdoor.screening.models import (
    Decision,
    DelayReason,
    InformationRequest,
    ReferrerUpdate,
    Screening,
)

from ..periods import Period
from .base import Figure, Row, count, figure, no_data, percent

M = TypeVar("M", bound=Model)


def _in_period(
    qs: QuerySet[M], period: Period, path: str = "screening__contact__received_at"
) -> QuerySet[M]:
    qs = qs.filter(**{f"{path}__gte": period.start_at, f"{path}__lt": period.end_at})
    if period.team_id:
        team_path = path.replace("received_at", "recorded_by__team_id")
        qs = qs.filter(**{team_path: period.team_id})
    return qs


@figure("late_reasons", area="Contacts", title="Reasons recorded for late decisions")
def late_reasons(period: Period) -> Figure:
    """The contacts "Contact decisions within one working day" counts as decided late, each once,
    by the reason its practitioner recorded, so the two figures always agree (issue 13: the
    dashboard showed 44 late decisions but 28 late reasons). A contact whose decision was recorded
    in time but authorised after the deadline was never asked for a reason: it is counted as such,
    not left out."""
    from .front_door import _children, _contacts, _people

    if not Decision.objects.exists():
        return no_data(
            "No screening decisions have been recorded, so there are no reasons for "
            "late decisions to show."
        )
    contacts, children = _contacts(period), _children(period)
    late = {pk for pk, _r, _s, decided_at, due in contacts if decided_at and decided_at > due}
    reasons: dict[int, set[str]] = defaultdict(set)
    recorded_late = _in_period(Decision.objects.filter(late=True), period).values_list(
        "screening__contact_id", "delay_reason"
    )
    for contact_id, reason in recorded_late:
        if contact_id in late:
            reasons[contact_id].add(reason or "none")
    groups: dict[str, list[int]] = defaultdict(list)
    for pk in sorted(late):
        given = sorted(reasons.get(pk, set()) - {"none"})
        if given:
            key = given[0]
        elif pk in reasons:
            key = "none"
        else:
            key = "authorised_late"
        groups[key].append(pk)
    labels = dict(DelayReason.choices) | {
        "none": "No reason recorded",
        "authorised_late": "Recorded in time, authorised after the deadline",
    }
    rows = [
        Row(key=k, label=labels[k], value=len(v), people=_people(v, children))
        for k, v in sorted(groups.items(), key=lambda kv: -len(kv[1]))
    ]
    missing = len(groups.get("none", ())) + len(groups.get("authorised_late", ()))
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Contacts decided late",
        headline=f"{count(len(late), 'contact')} decided late; {missing} without a recorded reason",
        note='The same contacts as "Decided late" in Contact decisions within one working day.',
    )


@figure("rag_compliance", area="Screening", title="Partner checks within the RAG timescale")
def rag_compliance(period: Period) -> Figure:
    if not InformationRequest.objects.exists():
        return no_data("No partner information requests have been recorded.")
    groups: dict[str, set[int]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for received, due, person in _in_period(InformationRequest.objects.all(), period).values_list(
        "received_at", "due_at", "screening__person_id"
    ):
        key = (
            ("on_time" if received <= due else "late")
            if received
            else ("overdue" if due < period.end_at else "waiting")
        )
        counts[key] += 1
        groups[key].add(person)
    labels = {
        "on_time": "Answered within the RAG timescale",
        "late": "Answered late",
        "overdue": "Not answered and overdue",
        "waiting": "Not answered, not yet due",
    }
    rows = [
        Row(key=k, label=labels[k], value=counts[k], people=frozenset(groups[k])) for k in labels
    ]
    answered = counts["on_time"] + counts["late"]
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Requests",
        headline=f"{percent(counts['on_time'], answered)} of {count(answered, 'partner answer')} "
        "came within the RAG timescale",
        note="Timescales are the council's RAG settings, stored on each request when sent.",
    )


@figure("consent", area="Screening", title="Consent sought or dispensed with")
def consent(period: Period) -> Figure:
    if not Screening.objects.exclude(consent_outcome="").exists():
        return no_data("No consent decisions have been recorded in screenings.")
    groups: dict[str, set[int]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    qs = _in_period(Screening.objects.all(), period, "contact__received_at")
    for outcome, authorised, person in qs.values_list(
        "consent_outcome", "consent_authorised_at", "person_id"
    ):
        if outcome == "given":
            key = "given"
        elif outcome in ("refused", "not_sought"):
            key = f"{outcome}_{'authorised' if authorised else 'unauthorised'}"
        else:
            key = "not_recorded"
        counts[key] += 1
        groups[key].add(person)
    labels = {
        "given": "Consent given",
        "not_sought_authorised": "Not sought: dispensation authorised by a manager",
        "not_sought_unauthorised": "Not sought: not (yet) authorised",
        "refused_authorised": "Refused: sharing authorised by a manager",
        "refused_unauthorised": "Refused: not (yet) authorised",
        "not_recorded": "Not recorded yet",
    }
    rows = [
        Row(key=k, label=labels[k], value=counts[k], people=frozenset(groups[k])) for k in labels
    ]
    without = sum(counts[k] for k in labels if k.startswith(("not_sought", "refused")))
    with_authority = counts["not_sought_authorised"] + counts["refused_authorised"]
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Screenings",
        headline=f"{percent(with_authority, without)} of {count(without, 'screening')} without "
        "consent had a manager's authorisation",
    )


@figure("referrer_feedback", area="Screening", title="Feedback given to referrers")
def referrer_feedback(period: Period) -> Figure:
    if not ReferrerUpdate.objects.exists():
        return no_data("No acknowledgements or feedback to referrers have been recorded.")
    qs = Contact.objects.filter(
        received_at__gte=period.start_at,
        received_at__lt=period.end_at,
        decided_at__isnull=False,
        anonymous=False,
    )
    if period.team_id:
        qs = qs.filter(recorded_by__team_id=period.team_id)
    given = set(
        ReferrerUpdate.objects.filter(kind="feedback", contact__in=qs).values_list(
            "contact_id", flat=True
        )
    )
    children: dict[int, set[int]] = defaultdict(set)
    for contact_id, person in qs.values_list("pk", "children__person_id"):
        children[contact_id].add(person)
    yes = [c for c in children if c in given]
    no = [c for c in children if c not in given]
    rows = [
        Row(
            key="given",
            label="Feedback given",
            value=len(yes),
            people=frozenset(p for c in yes for p in children[c]),
        ),
        Row(
            key="not_given",
            label="No feedback recorded",
            value=len(no),
            people=frozenset(p for c in no for p in children[c]),
        ),
    ]
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Decided contacts",
        headline=f"{percent(len(yes), len(children))} of {count(len(children), 'decided contact')} "
        "(not anonymous) had outcome feedback to the referrer",
        note="Working Together: feedback is expected for every decision except to "
        "anonymous referrers.",
    )
