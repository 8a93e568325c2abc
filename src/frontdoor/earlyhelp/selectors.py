"""Reads for early help: the manager's inbox, a child's early help history, reporting ranges."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from frontdoor.core.home import ROWS, HomeItem, HomeSection
from frontdoor.core.templatetags.govuk import ukdate
from frontdoor.people.access import visible_people

from .models import EarlyHelpEpisode, StepDown, StepDownStatus


def pending_stepdowns(user: Any) -> QuerySet[StepDown]:
    """Step-downs awaiting the early help manager's decision, oldest first, for people the user
    may see (none for anyone outside early help)."""
    if not user.can("early_help"):
        return StepDown.objects.none()
    return (
        StepDown.objects.filter(status=StepDownStatus.PENDING, person__in=visible_people(user))
        .select_related("person", "requested_by")
        .order_by("requested_at", "id")
    )


def recent_decisions(user: Any, limit: int = 20) -> QuerySet[StepDown]:
    if not user.can("early_help"):
        return StepDown.objects.none()
    return (
        StepDown.objects.exclude(status=StepDownStatus.PENDING)
        .filter(person__in=visible_people(user))
        .select_related("person", "decided_by", "episode")
        .order_by("-decided_at", "-id")[:limit]
    )


def open_episodes(user: Any) -> QuerySet[EarlyHelpEpisode]:
    if not user.can("early_help"):
        return EarlyHelpEpisode.objects.none()
    return (
        EarlyHelpEpisode.objects.filter(end_date__isnull=True, person__in=visible_people(user))
        .select_related("person")
        .order_by("start_date", "id")
    )


def early_help_history(person_id: int) -> list[dict[str, Any]]:
    """A child's early help episodes, newest first, as plain dictionaries so other areas can
    show or summarise them without importing models. The caller is responsible for having passed the person through the access gate."""
    episodes = (
        EarlyHelpEpisode.objects.filter(person_id=person_id)
        .select_related("stepdown")
        .order_by("-start_date", "-id")
    )
    items: list[dict[str, Any]] = []
    for episode in episodes:
        items.append(
            {
                "kind": "episode",
                "id": episode.pk,
                "start_date": episode.start_date,
                "lead_professional": episode.lead_professional,
                "organisation": episode.organisation,
                "assessment_start_date": episode.assessment_start_date,
                "assessment_completion_date": episode.assessment_completion_date,
                "assessment_organisation": episode.assessment_organisation,
                "end_date": episode.end_date,
                "end_reason": episode.end_reason,
                "end_reason_display": episode.get_end_reason_display()
                if episode.end_reason
                else "",
                "step_up_contact_id": episode.step_up_contact_id,
                "stepdown_id": episode.stepdown_id,
                "from_source": episode.stepdown.source_phrase if episode.stepdown else "",
            }
        )
    return items


def stepdowns_for(person_id: int) -> QuerySet[StepDown]:
    return StepDown.objects.filter(person_id=person_id).order_by("-requested_at", "-id")


def episodes_in_range(start: date, end: date) -> QuerySet[EarlyHelpEpisode]:
    """Episodes open at any time between `start` and `end` (inclusive)."""
    return (
        EarlyHelpEpisode.objects.filter(start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .select_related("person")
        .order_by("start_date", "id")
    )


def assessments_in_range(start: date, end: date) -> list[dict[str, Any]]:
    """Annex A list 2: early help assessments started, or completed, between `start` and `end`:
    the child, the assessment start date, completion date and the organisation completing it."""
    rows = (
        EarlyHelpEpisode.objects.filter(assessment_start_date__isnull=False)
        .filter(
            Q(assessment_start_date__range=(start, end))
            | Q(assessment_completion_date__range=(start, end))
        )
        .select_related("person")
        .order_by("assessment_start_date", "id")
    )
    return [
        {
            "person_id": e.person_id,
            "person": e.person,
            "child_id": e.person.la_child_id,
            "episode_id": e.pk,
            "assessment_start_date": e.assessment_start_date,
            "assessment_completion_date": e.assessment_completion_date,
            "assessment_organisation": e.assessment_organisation or e.organisation,
        }
        for e in rows
    ]


def person_early_help_panel(user: Any, person: Any) -> dict[str, Any] | None:
    """The person page's early help section: every episode and any step-down awaiting decision.
    The person has already been through the access gate."""
    if not person.is_child:
        return None
    history = early_help_history(person.pk)
    pending = StepDown.objects.filter(person=person, status=StepDownStatus.PENDING).count()
    if not history and not pending:
        return None
    return {
        "title": "Early help",
        "template": "earlyhelp/person_panel.html",
        "history": history,
        "pending": pending,
        "link": user.can("early_help"),
    }


def home_early_help(*, user: Any, now: datetime) -> list[HomeSection]:
    """The early help manager's home page: step-downs waiting for their decision, oldest first
    (only children the user may see; two queries)."""
    pending = pending_stepdowns(user)
    rows = list(pending[:ROWS])
    return [
        HomeSection(
            "stepdowns",
            "Step-downs waiting for your decision",
            pending.count(),
            [
                HomeItem(
                    label="Accept or decline the step-down",
                    url=reverse("earlyhelp:stepdown_detail", args=[s.pk]),
                    person=s.person,
                    detail=f"requested {ukdate(s.requested_at)}",
                )
                for s in rows
            ],
            more_url=reverse("earlyhelp:home"),
            more_label="All step-downs and episodes",
            empty="No step-down is waiting for a decision.",
        )
    ]
