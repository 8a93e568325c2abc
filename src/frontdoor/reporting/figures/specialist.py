"""Figures from out-of-hours work, Operation Encompass and exploitation screening, early help
step-downs and step-ups, and the designated officer's timeliness."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from frontdoor.allegations.models import Allegation
from frontdoor.core.calendar import local_date, within_months
from frontdoor.earlyhelp.models import EarlyHelpEpisode, StepDown
from frontdoor.exploitation.models import ExploitationScreening
from frontdoor.out_of_hours.models import EdtRecord
from frontdoor.police.models import EncompassNotice

from ..periods import Period
from .base import Figure, Row, count, figure, no_data, percent

ON_TIME = {
    "on_time": "On time",
    "late": "Late",
    "overdue": "Not done and overdue",
    "waiting": "Not done, not yet due",
}


def _timeliness(
    records: Sequence[tuple[Any, Any, int | None]], period: Period
) -> tuple[dict[str, int], dict[str, set[int]]]:
    counts: dict[str, int] = {k: 0 for k in ON_TIME}
    groups: dict[str, set[int]] = defaultdict(set)
    for done, due, person in records:
        key = (
            ("on_time" if done <= due else "late")
            if done
            else ("overdue" if due < period.end_at else "waiting")
        )
        counts[key] += 1
        if person:
            groups[key].add(person)
    return counts, groups


def _rows(counts: dict[str, int], groups: dict[str, set[int]], labels: dict[str, str]) -> list[Row]:
    return [
        Row(key=k, label=labels[k], value=counts[k], people=frozenset(groups[k])) for k in labels
    ]


def _on_time_figure(
    records: Sequence[tuple[Any, Any, int | None]],
    period: Period,
    labels: dict[str, str],
    value_label: str,
    noun: str,
    headline_end: str,
    note: str = "",
) -> Figure:
    """A "done by the deadline" figure: on time, late, overdue and waiting, headed
    "<share on time> of <n nouns done> <headline_end>"."""
    counts, groups = _timeliness(records, period)
    done = counts["on_time"] + counts["late"]
    return Figure(
        key="",
        title="",
        rows=_rows(counts, groups, labels),
        value_label=value_label,
        headline=f"{percent(counts['on_time'], done)} of {count(done, noun)} {headline_end}",
        note=note,
    )


@figure("edt_handovers", area="Pathways", title="EDT handovers picked up on time")
def edt_handovers(period: Period) -> Figure:
    """Local practice: out-of-hours work handed to the day service by 09:00 the next working day."""
    if not EdtRecord.objects.exists():
        return no_data("No out-of-hours (EDT) records have been recorded.")
    records = list(
        EdtRecord.objects.filter(
            received_at__gte=period.start_at, received_at__lt=period.end_at
        ).values_list("acknowledged_at", "handover_due_at", "person_id")
    )
    labels = {
        "on_time": "Acknowledged by the day service by the deadline",
        "late": "Acknowledged late",
        "overdue": "Not acknowledged and overdue",
        "waiting": "Not acknowledged, not yet due",
    }
    return _on_time_figure(
        records,
        period,
        labels,
        "Handovers",
        "EDT handover",
        "picked up by 09:00 the next working day",
    )


@figure("encompass", area="Pathways", title="Operation Encompass notices on time")
def encompass(period: Period) -> Figure:
    """National practice standard: the school told before the start of the next school day."""
    if not EncompassNotice.objects.exists():
        return no_data("No Operation Encompass notices have been recorded.")
    records = list(
        EncompassNotice.objects.filter(
            due_at__gte=period.start_at, due_at__lt=period.end_at
        ).values_list("notified_at", "due_at", "child__person_id")
    )
    labels = {
        "on_time": "Told before the next school day",
        "late": "Told late",
        "overdue": "Not told and overdue",
        "waiting": "Not told, not yet due",
    }
    return _on_time_figure(
        records,
        period,
        labels,
        "Notices",
        "notice",
        "reached the school or health service on time",
        note="Notices due in the period. Children not yet matched to a person record "
        "are counted but cannot be listed.",
    )


@figure("exploitation_reviews", area="Pathways", title="Exploitation screening reviews")
def exploitation_reviews(period: Period) -> Figure:
    """Reviews due in the period: done on time (a later screening by the due date), done late,
    or still outstanding (overdue at the end of the period)."""
    if not ExploitationScreening.objects.exists():
        return no_data("No exploitation screenings have been recorded.")
    due = list(
        ExploitationScreening.objects.filter(
            review_due__gte=period.start, review_due__lte=period.end
        ).values_list("pk", "review_due", "person_id")
    )
    reviewed = dict(
        ExploitationScreening.objects.filter(previous_id__in=[pk for pk, *_ in due]).values_list(
            "previous_id", "screened_at"
        )
    )
    counts: dict[str, int] = {"on_time": 0, "late": 0, "overdue": 0}
    groups: dict[str, set[int]] = defaultdict(set)
    for pk, review_due, person in due:
        if review_due is None:  # excluded by the filter; narrows the type
            continue
        done = reviewed.get(pk)
        if done is not None and local_date(done) <= period.end:
            key = "on_time" if local_date(done) <= review_due else "late"
        else:
            key = "overdue" if review_due < period.end else "on_time_pending"
        if key == "on_time_pending":
            continue
        counts[key] += 1
        groups[key].add(person)
    labels = {
        "on_time": "Reviewed by the due date",
        "late": "Reviewed late",
        "overdue": "Review overdue",
    }
    return Figure(
        key="",
        title="",
        rows=_rows(counts, groups, labels),
        value_label="Reviews",
        headline=f"{count(counts['overdue'], 'exploitation review')} overdue at the end of the period",
    )


@figure("step_downs", area="Early help", title="Step-downs and step-ups")
def step_downs(period: Period) -> Figure:
    if not (StepDown.objects.exists() or EarlyHelpEpisode.objects.exists()):
        return no_data("No step-downs or early help episodes have been recorded.")
    requests = list(
        StepDown.objects.filter(
            requested_at__gte=period.start_at, requested_at__lt=period.end_at
        ).values_list("status", "person_id")
    )
    ups = list(
        EarlyHelpEpisode.objects.filter(
            end_reason="step_up", end_date__gte=period.start, end_date__lte=period.end
        ).values_list("person_id", flat=True)
    )
    labels = {
        "accepted": "Step-downs accepted by early help",
        "declined": "Step-downs declined",
        "pending": "Step-downs awaiting a decision",
    }
    rows = [
        Row(
            key=k,
            label=label,
            value=sum(1 for s, _ in requests if s == k),
            people=frozenset(p for s, p in requests if s == k),
        )
        for k, label in labels.items()
    ]
    rows.append(
        Row(
            key="step_up",
            label="Step-ups back to social care",
            value=len(ups),
            people=frozenset(ups),
        )
    )
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Number",
        headline=f"{count(len(requests), 'step-down')} requested and {count(len(ups), 'step-up')} in the period",
    )


@figure(
    "lado_timeliness",
    area="Allegations",
    title="Allegations resolved within one, three and twelve months",
)
def lado_timeliness(period: Period) -> Figure:
    """DfE statutory guidance (older edition): 80% within one month, 90% within three months,
    all but exceptional cases within 12 months. Allegation referrals concluded in the period.
    Counts only: allegation records are the designated officer's, so no children are listed."""
    if not Allegation.objects.filter(kind="referral").exists():
        return no_data("No allegation referrals have been recorded by the designated officer.")
    counts = {"one": 0, "three": 0, "twelve": 0, "over": 0}
    for received, concluded in Allegation.objects.filter(
        kind="referral", concluded_on__gte=period.start, concluded_on__lte=period.end
    ).values_list("received_at", "concluded_on"):
        if concluded is not None:  # always, by the filter; narrows the type
            counts[_band(local_date(received), concluded)] += 1
    labels = {
        "one": "Within one month",
        "three": "Within one to three months",
        "twelve": "Within three to twelve months",
        "over": "More than twelve months",
    }
    rows = [Row(key=k, label=labels[k], value=counts[k]) for k in labels]
    total = sum(counts.values())
    within_three = counts["one"] + counts["three"]
    return Figure(
        key="",
        title="",
        rows=rows,
        value_label="Allegations",
        headline=f"Of {count(total, 'allegation')} concluded: {percent(counts['one'], total)} "
        f"within one month (target 80%), {percent(within_three, total)} within "
        "three months (target 90%)",
        note="Counts only: allegation records are open to the designated officer alone.",
    )


def _band(received: date, concluded: date) -> str:
    """The first of one, three and twelve calendar months within which the allegation was
    concluded (the calendar module's one definition of "within N months")."""
    for months, band in ((1, "one"), (3, "three"), (12, "twelve")):
        if within_months(received, concluded, months):
            return band
    return "over"
