"""Workflow rules for early help: each returns a plain reason why something cannot happen."""

from __future__ import annotations

from datetime import date

from frontdoor.people.models import Person

from .models import EarlyHelpEpisode, StepDown, StepDownStatus


def stepdown_decision_blocked(stepdown: StepDown) -> str | None:
    """A step-down is decided once: accepted or declined."""
    if stepdown.status != StepDownStatus.PENDING:
        return f"This step-down has already been {stepdown.get_status_display().lower()}"
    return None


def open_episode_blocks(person: Person) -> str | None:
    """One open early help episode per child: a second would split the family's plan in two (the
    database refuses it too: `early_help_one_open_episode_per_child`)."""
    current = (
        EarlyHelpEpisode.objects.filter(person=person, end_date__isnull=True)
        .order_by("start_date")
        .first()
    )
    if current is not None:
        started = current.start_date
        return (
            f"{person.full_name} already has an open early help episode, started "
            f"{started.day} {started:%B %Y} (lead professional {current.lead_professional}); "
            f"end it first or decline the step-down"
        )
    return None


def episode_change_blocked(episode: EarlyHelpEpisode) -> str | None:
    """An ended episode is a closed record: no further assessment dates, end or step-up."""
    if not episode.is_open:
        return f"This early help episode ended on {episode.end_date:%d/%m/%Y} and cannot be changed"
    return None


def assessment_dates_problem(
    *,
    episode_start: date,
    start: date | None,
    completion: date | None,
    today: date,
) -> dict[str, str]:
    """Early help assessment dates: a start before any completion, none before the episode starts,
    none in the future."""
    errors: dict[str, str] = {}
    if start is None:
        errors["assessment_start_date"] = "Enter the date the early help assessment started"
    elif start < episode_start:
        errors["assessment_start_date"] = (
            f"The assessment cannot start before the early help episode started "
            f"({episode_start:%d/%m/%Y})"
        )
    elif start > today:
        errors["assessment_start_date"] = "The assessment start date must be today or in the past"
    if completion is not None:
        if completion > today:
            errors["assessment_completion_date"] = (
                "The assessment completion date must be today or in the past"
            )
        elif start is not None and completion < start:
            errors["assessment_completion_date"] = (
                "The assessment completion date must be the same as or after the start date"
            )
    return errors


def end_date_problem(*, episode: EarlyHelpEpisode, end: date | None, today: date) -> str | None:
    """An episode ends on or after its start and after any assessment date, never in the future."""
    if end is None:
        return "Enter the date the early help episode ended"
    if end > today:
        return "The end date must be today or in the past"
    if end < episode.start_date:
        return (
            f"The end date must be the same as or after the episode start date "
            f"({episode.start_date:%d/%m/%Y})"
        )
    latest = max(
        d
        for d in (
            episode.assessment_start_date,
            episode.assessment_completion_date,
            episode.start_date,
        )
        if d is not None
    )
    if end < latest:
        return (
            f"The end date must be the same as or after the early help assessment dates "
            f"({latest:%d/%m/%Y})"
        )
    return None
