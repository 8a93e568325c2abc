"""Reads for the designated officer: the work tray, finding people, timeliness and the annual
report. The work tray and the person panel check the user themselves; the report and people
search are reached only through `access.lado_required` pages."""

from __future__ import annotations

import calendar as pycalendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from frontdoor.accounts.models import User
from frontdoor.core.calendar import local_date
from frontdoor.core.home import ROWS, HomeItem, HomeSection, end_of_today

from .models import (
    Allegation,
    AllegationSubject,
    ApproachKind,
    HarmLimb,
    Meeting,
    MeetingAction,
    Outcome,
    ReferrerType,
    Sector,
    Status,
)

# DOMAIN.md §3 (DfE statutory guidance, older edition): 80% resolved within one month, 90% within
# three months, all but exceptional cases within twelve months. Configurable with the setting
# FRONTDOOR_LADO_TARGETS = [(months, percent), ...].
DEFAULT_TARGETS: list[tuple[int, int]] = [(1, 80), (3, 90), (12, 100)]


def targets() -> list[tuple[int, int]]:
    return list(getattr(settings, "FRONTDOOR_LADO_TARGETS", None) or DEFAULT_TARGETS)


# -- work tray ---------------------------------------------------------------------------------
@dataclass
class WorkTray:
    awaiting_initial_consideration: list[Allegation]
    overdue_actions: list[MeetingAction]
    overdue_feedback: list[Meeting]
    open_referrals: Sequence[Allegation]
    recent_consultations: list[Allegation]


def work_tray(user: User, *, now: datetime) -> WorkTray:
    """Everything the designated officer must act on; a fixed number of queries. Empty for anyone
    who is not a designated officer."""
    from .access import can_use_allegations

    if not can_use_allegations(user):
        return WorkTray([], [], [], [], [])
    today = local_date(now)
    awaiting = list(
        Allegation.objects.filter(
            kind=ApproachKind.REFERRAL, status=Status.OPEN, initial_consideration__isnull=True
        )
        .select_related("subject")
        .order_by("initial_consideration_due")[:200]
    )
    overdue_actions = list(
        MeetingAction.objects.filter(
            meeting__final=True,
            completed_on__isnull=True,
            due_on__lt=today,
            meeting__allegation__status=Status.OPEN,
        )
        .select_related("meeting__allegation__subject")
        .order_by("due_on")[:200]
    )
    overdue_feedback = list(
        Meeting.objects.filter(
            final=True,
            feedback_received_on__isnull=True,
            feedback_due_on__lt=today,
            allegation__status=Status.OPEN,
        )
        .select_related("allegation__subject")
        .order_by("feedback_due_on")[:200]
    )
    open_referrals = list(
        Allegation.objects.filter(kind=ApproachKind.REFERRAL, status=Status.OPEN)
        .select_related("subject", "initial_consideration")
        .annotate(draft_meetings=Count("meetings", filter=Q(meetings__final=False)))
        .order_by("received_at")[:500]
    )
    _officers(open_referrals)
    recent = list(
        Allegation.objects.filter(
            kind=ApproachKind.CONSULTATION, received_at__gte=now - timedelta(days=14)
        )
        .select_related("subject")
        .order_by("-received_at")[:50]
    )
    return WorkTray(awaiting, overdue_actions, overdue_feedback, open_referrals, recent)


def _officers(allegations: Sequence[Allegation]) -> None:
    """Set `officer` on each allegation: the designated officer who holds its follow-up work now
    (`cases.Allocation`), or None. One query."""
    from frontdoor.cases.models import Allocation

    held = {
        a.allegation_id: a.worker
        for a in Allocation.objects.filter(
            allegation__in=[a.pk for a in allegations], end__isnull=True
        ).select_related("worker")
    }
    for allegation in allegations:
        allegation.officer = held.get(allegation.pk)  # type: ignore[attr-defined]


# -- a child's person page ----------------------------------------------------------------------
def person_allegation_panel(user: Any, person: Any) -> dict[str, Any] | None:
    """Referrals a child is involved in, on the child's page, for designated officers only (other
    roles see just the neutral chronology entry). The view is audited by the allegation gate when
    a referral is opened."""
    from .access import can_use_allegations

    if not can_use_allegations(user):
        return None
    referrals = list(
        Allegation.objects.filter(child_links__person=person)
        .select_related("subject")
        .order_by("-received_at")
    )
    if not referrals:
        return None
    return {
        "title": "Allegations (designated officer)",
        "referrals": referrals,
        "template": "allegations/person_panel.html",
    }


# -- people the allegations are about -----------------------------------------------------------
def subject_search(
    *, text: str = "", date_of_birth: date | None = None, limit: int = 50
) -> list[AllegationSubject]:
    """Adults by name (every word must match a first or last name) and/or date of birth, with the
    number of approaches about each."""
    words = [w for w in text.replace(",", " ").split() if w]
    if not words and date_of_birth is None:
        return []
    query = Q()
    for word in words:
        query &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    if date_of_birth is not None:
        query &= Q(date_of_birth=date_of_birth)
    return list(
        AllegationSubject.objects.filter(query)
        .annotate(approach_count=Count("allegations"))
        .order_by("last_name", "first_name")[:limit]
    )


def earlier_approaches(allegation: Allegation) -> list[Allegation]:
    """Other approaches about the same person, or about someone with the same name and date of
    birth (a possible earlier record of the same person)."""
    subject = allegation.subject
    if subject is None:
        return []
    same_name = Q(
        subject__first_name__iexact=subject.first_name, subject__last_name__iexact=subject.last_name
    )
    if subject.date_of_birth:
        same_name &= Q(subject__date_of_birth=subject.date_of_birth) | Q(
            subject__date_of_birth__isnull=True
        )
    return list(
        Allegation.objects.filter(Q(subject=subject) | same_name)
        .exclude(pk=allegation.pk)
        .select_related("subject")
        .order_by("-received_at")[:50]
    )


# -- timeliness and the annual report -----------------------------------------------------------
def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (the last day of the month if shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, pycalendar.monthrange(year, month)[1]))


def percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class TimelinessRow:
    months: int
    target: int
    within: int
    total: int

    @property
    def share(self) -> Decimal | None:
        return percent(self.within, self.total)

    @property
    def met(self) -> bool | None:
        share = self.share
        return None if share is None else share >= self.target

    @property
    def label(self) -> str:
        return "Within 1 month" if self.months == 1 else f"Within {self.months} months"


@dataclass
class Timeliness:
    total: int
    rows: list[TimelinessRow]
    average_working_days: Decimal | None


def _concluded_within(allegation: Allegation, months: int) -> bool:
    limit = add_months(local_date(allegation.received_at), months)
    return allegation.concluded_on is not None and allegation.concluded_on <= limit


def timeliness(referrals: list[Allegation]) -> Timeliness:
    """Shares of concluded referrals concluded within each target period. A referral counts as
    within N months when it was concluded on or before the same day N calendar months after the
    date it reached the designated officer."""
    concluded = [a for a in referrals if a.concluded_on is not None]
    rows = []
    for months, target in targets():
        within = len([a for a in concluded if _concluded_within(a, months)])
        rows.append(TimelinessRow(months, target, within, len(concluded)))
    days = [a.working_days_to_conclusion or 0 for a in concluded]
    average = (
        (Decimal(sum(days)) / len(days)).quantize(Decimal("0.1"), ROUND_HALF_UP) if days else None
    )
    return Timeliness(len(concluded), rows, average)


def reporting_year(year: int) -> tuple[date, date]:
    """The LADO annual report covers a financial year: 1 April `year` to 31 March `year + 1`."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def year_label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def current_reporting_year(today: date) -> int:
    return today.year if today.month >= 4 else today.year - 1


@dataclass
class AnnualReport:
    year: int
    start: date
    end: date
    approaches: int
    consultations: int
    referrals: int
    reported_late: int
    by_sector: list[tuple[str, int]]
    by_referrer: list[tuple[str, int]]
    by_harm_limb: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]
    timeliness: Timeliness

    @property
    def label(self) -> str:
        return year_label(self.year)


def _received_between(start: date, end: date) -> QuerySet[Allegation]:
    from frontdoor.core.calendar import LONDON

    lower = datetime.combine(start, datetime.min.time(), tzinfo=LONDON)
    upper = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=LONDON)
    return Allegation.objects.filter(received_at__gte=lower, received_at__lt=upper)


def _counted(rows: Iterable[Any], key: str, choices: Any) -> list[tuple[str, int]]:
    counts = {row[key]: row["n"] for row in rows}
    return [(label, counts.get(value, 0)) for value, label in choices]


def annual_report(year: int) -> AnnualReport:
    """Counts for the LADO annual report: approaches received in the year by kind; referrals
    received in the year by sector, referrer and harm-test limb; referrals concluded in the year
    by outcome, with timeliness."""
    start, end = reporting_year(year)
    received = _received_between(start, end)
    by_kind = {r["kind"]: r["n"] for r in received.values("kind").annotate(n=Count("id"))}
    referrals = received.filter(kind=ApproachKind.REFERRAL)
    limbs = {value: 0 for value in HarmLimb.values}
    late = 0
    for harm_limbs, reported_late in referrals.values_list("harm_limbs", "reported_late"):
        for limb in harm_limbs:
            if limb in limbs:
                limbs[limb] += 1
        late += 1 if reported_late else 0
    concluded = list(
        Allegation.objects.filter(
            kind=ApproachKind.REFERRAL, concluded_on__gte=start, concluded_on__lte=end
        ).only("received_at", "concluded_on", "working_days_to_conclusion", "outcome")
    )
    outcome_counts: dict[str, int] = {}
    for item in concluded:
        outcome_counts[item.outcome] = outcome_counts.get(item.outcome, 0) + 1
    return AnnualReport(
        year=year,
        start=start,
        end=end,
        approaches=sum(by_kind.values()),
        consultations=by_kind.get(ApproachKind.CONSULTATION, 0),
        referrals=by_kind.get(ApproachKind.REFERRAL, 0),
        reported_late=late,
        by_sector=_counted(
            referrals.values("sector").annotate(n=Count("id")), "sector", Sector.choices
        ),
        by_referrer=_counted(
            referrals.values("referrer_type").annotate(n=Count("id")),
            "referrer_type",
            ReferrerType.choices,
        ),
        by_harm_limb=[(label, limbs[value]) for value, label in HarmLimb.choices],
        by_outcome=[(label, outcome_counts.get(value, 0)) for value, label in Outcome.choices],
        timeliness=timeliness(concluded),
    )


def _safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas: a text cell starting with = + - @ gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def annual_report_rows(report: AnnualReport) -> list[list[Any]]:
    """The report as a table (section, item, value) for the CSV download."""
    rows: list[list[Any]] = [["Section", "Item", "Value"]]
    rows += [
        ["Approaches", "All approaches received", report.approaches],
        ["Approaches", "Consultations", report.consultations],
        ["Approaches", "Referrals", report.referrals],
        ["Approaches", "Referrals reported late (over 1 working day)", report.reported_late],
    ]
    rows += [["Referrals by sector", label, n] for label, n in report.by_sector]
    rows += [["Referrals by referrer", label, n] for label, n in report.by_referrer]
    rows += [["Referrals by harm-test limb", label, n] for label, n in report.by_harm_limb]
    rows += [["Concluded referrals by outcome", label, n] for label, n in report.by_outcome]
    t = report.timeliness
    rows.append(["Timeliness", "Referrals concluded", t.total])
    rows.append(
        [
            "Timeliness",
            "Average working days to conclusion",
            "" if t.average_working_days is None else str(t.average_working_days),
        ]
    )
    for row in t.rows:
        rows.append(
            [
                "Timeliness",
                f"{row.label} (target {row.target}%)",
                "" if row.share is None else f"{row.share}%",
            ]
        )
    return [[_safe_cell(cell) for cell in row] for row in rows]


# -- the home page -------------------------------------------------------------------------------
def home_allegations(*, user: User, now: datetime) -> list[HomeSection]:
    """The designated officer's home page: initial considerations due, meeting actions and
    employers' feedback due today or overdue, and outcomes another officer proposed that wait
    for this one's authorisation (four eyes). About adults who work with children: no child is
    named here. Two queries a section."""
    from .access import can_use_allegations
    from .models import OutcomeProposal, ProposalState

    if not can_use_allegations(user):
        return []
    today = local_date(now)
    by = end_of_today(now)
    home = reverse("allegations:home")
    initial = Allegation.objects.filter(
        kind=ApproachKind.REFERRAL,
        status=Status.OPEN,
        initial_consideration__isnull=True,
        initial_consideration_due__lt=by,
    ).select_related("subject")
    rows = list(initial.order_by("initial_consideration_due", "pk")[:ROWS])
    actions = MeetingAction.objects.filter(
        meeting__final=True,
        completed_on__isnull=True,
        due_on__lte=today,
        meeting__allegation__status=Status.OPEN,
    ).select_related("meeting__allegation__subject")
    rows_a = list(actions.order_by("due_on", "pk")[:ROWS])
    feedback = Meeting.objects.filter(
        final=True,
        feedback_received_on__isnull=True,
        feedback_due_on__lte=today,
        allegation__status=Status.OPEN,
    ).select_related("allegation__subject")
    rows_f = list(feedback.order_by("feedback_due_on", "pk")[:ROWS])
    proposals = (
        OutcomeProposal.objects.filter(state=ProposalState.PROPOSED)
        .exclude(proposed_by=user)
        .exclude(involved=user)
        .select_related("allegation__subject")
    )
    rows_p = list(proposals.order_by("proposed_at", "pk")[:ROWS])
    action_items = [
        HomeItem(
            label=f"Meeting action: {a.description[:60] or a}",
            url=reverse("allegations:meeting", args=[a.meeting_id]),
            due=a.due_on,
            detail=f"About {a.meeting.allegation.subject}",
        )
        for a in rows_a
    ] + [
        HomeItem(
            label="Employer’s feedback",
            url=reverse("allegations:meeting", args=[m.pk]),
            due=m.feedback_due_on,
            detail=f"About {m.allegation.subject}",
        )
        for m in rows_f
    ]
    action_items.sort(key=lambda i: i.due or today)
    return [
        HomeSection(
            "initial_consideration",
            "Referrals awaiting initial consideration",
            initial.count(),
            [
                HomeItem(
                    label="Initial consideration",
                    url=reverse("allegations:detail", args=[a.pk]),
                    due=a.initial_consideration_due,
                    detail=f"About {a.subject}",
                )
                for a in rows
            ],
            more_url=home,
            more_label="The designated officer’s work tray",
            empty="No initial consideration is due today.",
            overdue=initial.filter(initial_consideration_due__lt=now).count(),
        ),
        HomeSection(
            "lado_actions",
            "Meeting actions and employers’ feedback",
            actions.count() + feedback.count(),
            action_items[:ROWS],
            more_url=home,
            more_label="The designated officer’s work tray",
            empty="No action or feedback is due today.",
            overdue=actions.filter(due_on__lt=today).count()
            + feedback.filter(feedback_due_on__lt=today).count(),
        ),
        HomeSection(
            "outcomes",
            "Outcomes awaiting your authorisation",
            proposals.count(),
            [
                HomeItem(
                    label=f"Proposed outcome: {p.get_outcome_display()}",
                    url=reverse("allegations:detail", args=[p.allegation_id]),
                    due=None,
                    detail=f"About {p.allegation.subject}",
                )
                for p in rows_p
            ],
            more_url=home,
            more_label="The designated officer’s work tray",
            empty="No outcome is waiting for you.",
        ),
    ]
