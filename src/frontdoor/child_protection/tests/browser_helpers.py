"""Shared steps for the child protection and assessment browser journeys."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from frontdoor.core.calendar import get_calendar


def working_days() -> tuple[date, date]:
    """The latest working day up to today, and the working day before it."""
    cal = get_calendar()
    day = timezone.localdate()
    while not cal.is_working_day(day):
        day -= timedelta(days=1)
    before = day - timedelta(days=1)
    while not cal.is_working_day(before):
        before -= timedelta(days=1)
    return day, before


def fill_date(page, field_id: str, day: date, time: str | None = None) -> None:
    page.locator(f"#{field_id}").fill(str(day.day))
    page.locator(f"#{field_id}_month").fill(str(day.month))
    page.locator(f"#{field_id}_year").fill(str(day.year))
    if time:
        page.locator(f"#{field_id}_time").fill(time)


def go(page, name: str, role: str = "link") -> None:
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state("load")
    page.axe.check()
