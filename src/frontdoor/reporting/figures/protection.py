"""Figures from child protection and assessment (DOMAIN.md §3 timescales, §10 comparators)."""

from __future__ import annotations

from collections import defaultdict
from typing import TypeVar

from django.db.models import Model, QuerySet

from frontdoor.assessments.models import Assessment
from frontdoor.child_protection.models import Section47Enquiry, StrategyDiscussion
from frontdoor.core.calendar import local_date

from ..periods import Period
from .base import Figure, Row, WorkingDays, count, figure, no_data, percent

M = TypeVar("M", bound=Model)


def _team(qs: QuerySet[M], period: Period) -> QuerySet[M]:
    return qs.filter(referral__team_id=period.team_id) if period.team_id else qs


@figure(
    "strategy_s47", area="Child protection", title="Strategy discussions and section 47 enquiries"
)
def strategy_s47(period: Period) -> Figure:
    if not StrategyDiscussion.objects.exists():
        return no_data("No strategy discussions have been recorded.")
    held = list(
        _team(
            StrategyDiscussion.objects.filter(
                held_at__gte=period.start_at, held_at__lt=period.end_at
            ),
            period,
        ).values_list("person_id", "initiates_s47")
    )
    started = list(
        _team(
            Section47Enquiry.objects.filter(
                start_date__gte=period.start, start_date__lte=period.end
            ),
            period,
        ).values_list("person_id", flat=True)
    )
    rows = [
        Row(
            key="discussions",
            label="Strategy discussions held",
            value=len(held),
            people=frozenset(p for p, _ in held),
        ),
        Row(
            key="initiating",
            label="Strategy discussions that started a section 47",
            value=sum(1 for _, s in held if s),
            people=frozenset(p for p, s in held if s),
        ),
        Row(
            key="s47",
            label="Section 47 enquiries started",
            value=len(started),
            people=frozenset(started),
        ),
    ]
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Number",
        headline=f"{count(len(held), 'strategy discussion')} and "
        f"{count(len(started), 'section 47 enquiry', 'section 47 enquiries')} in the period",
        comparator="England 2024-25: 230,590 section 47 enquiries (about 800 a year in "
        "a mid-sized council)",
    )


@figure(
    "icpc_timeliness",
    area="Child protection",
    title="Initial child protection conferences within 15 working days",
)
def icpc_timeliness(period: Period) -> Figure:
    """Working Together: the ICPC within 15 working days of the strategy discussion that
    initiated the section 47 enquiry. Counts ICPCs held in the period."""
    if not Section47Enquiry.objects.filter(icpc_date__isnull=False).exists():
        return no_data("No initial child protection conferences have been recorded.")
    calendar = WorkingDays()
    groups: dict[str, set[int]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for held_at, icpc, person in _team(
        Section47Enquiry.objects.filter(icpc_date__gte=period.start, icpc_date__lte=period.end),
        period,
    ).values_list("strategy_discussion__held_at", "icpc_date", "person_id"):
        if icpc is None:  # excluded by the filter; narrows the type
            continue
        key = "on_time" if calendar.between(local_date(held_at), icpc) <= 15 else "late"
        counts[key] += 1
        groups[key].add(person)
    rows = [
        Row(
            key="on_time",
            label="Within 15 working days",
            value=counts["on_time"],
            people=frozenset(groups["on_time"]),
        ),
        Row(
            key="late",
            label="More than 15 working days",
            value=counts["late"],
            people=frozenset(groups["late"]),
        ),
    ]
    total = counts["on_time"] + counts["late"]
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="ICPCs",
        headline=f"{percent(counts['on_time'], total)} of {count(total, 'ICPC')} held within "
        "15 working days of the initiating strategy discussion",
        comparator="England 2024-25: 81% within 15 working days",
    )


@figure(
    "assessment_timeliness", area="Child protection", title="Assessments within 45 working days"
)
def assessment_timeliness(period: Period) -> Figure:
    """Working Together: a child and family assessment at most 45 working days from the referral
    date. Completed = authorised in the period; open ones are judged at the end of the period."""
    if not Assessment.objects.exists():
        return no_data("No child and family assessments have been recorded.")
    calendar = WorkingDays()
    groups: dict[str, set[int]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    qs = _team(Assessment.objects.filter(start_date__lte=period.end), period).exclude(
        authorised_date__lt=period.start
    )
    for referred, authorised, person in qs.values_list(
        "referral__referral_date", "authorised_date", "person_id"
    ):
        done = authorised if authorised and authorised <= period.end else None
        days = calendar.between(referred, done or period.end)
        if done:
            key = "on_time" if days <= 45 else "late"
        else:
            key = "open_over" if days > 45 else "open"
        counts[key] += 1
        groups[key].add(person)
    labels = {
        "on_time": "Completed within 45 working days",
        "late": "Completed after 45 working days",
        "open_over": "Open beyond 45 working days",
        "open": "Open, within 45 working days",
    }
    rows = [
        Row(key=k, label=labels[k], value=counts[k], people=frozenset(groups[k])) for k in labels
    ]
    completed = counts["on_time"] + counts["late"]
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Assessments",
        headline=f"{percent(counts['on_time'], completed)} of {count(completed, 'assessment')} "
        f"completed within 45 working days; {counts['open_over']} open beyond it",
        comparator="England 2024-25: 85.7% completed within 45 working days",
    )


@figure(
    "pre_proceedings",
    area="Child protection",
    title="Pre-proceedings and family group decision-making",
)
def pre_proceedings(period: Period) -> Figure:
    """Children's Wellbeing and Schools Act 2026 s1: the letter before proceedings offers an FGDM
    meeting. Open = started by the period's end and not yet decided by then."""
    from django.db.models import Q

    from frontdoor.preproceedings.models import PreProceedings

    if not PreProceedings.objects.exists():
        return no_data("No pre-proceedings have been recorded.")
    all_pp = _team(PreProceedings.objects.all(), period)
    open_now = set(
        all_pp.filter(pp_start_date__lte=period.end)
        .filter(Q(step_decision_date__isnull=True) | Q(step_decision_date__gt=period.end))
        .values_list("person_id", flat=True)
    )
    started = list(
        all_pp.filter(pp_start_date__gte=period.start, pp_start_date__lte=period.end).values_list(
            "person_id", "fgdm_meeting_offer", "fgdm_meeting_fac", "step_decision"
        )
    )
    rows = [
        Row(
            "open",
            "Children in pre-proceedings at the end of the period",
            len(open_now),
            frozenset(open_now),
        ),
        Row(
            "started",
            "Pre-proceedings started in the period",
            len(started),
            frozenset(p for p, *_ in started),
        ),
        Row(
            "fgdm_offered",
            "Of those, an FGDM meeting offered in the letter before proceedings",
            sum(1 for _, offer, _, _ in started if offer),
            frozenset(p for p, offer, _, _ in started if offer),
        ),
        Row(
            "fgdm_held",
            "Of those, an FGDM meeting held",
            sum(1 for _, _, held, _ in started if held),
            frozenset(p for p, _, held, _ in started if held),
        ),
        Row(
            "stepped_up",
            "Of those, stepped up to care proceedings",
            sum(1 for *_, step in started if step == "step_up"),
            frozenset(p for p, *_, step in started if step == "step_up"),
        ),
    ]
    offered = rows[2].value
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Children",
        headline=f"{count(len(open_now), 'child', 'children')} in pre-proceedings; "
        f"FGDM offered in {percent(offered, len(started))} of pre-proceedings started",
        comparator="The Children's Wellbeing and Schools Act 2026 requires the offer in every "
        "letter before proceedings",
    )
