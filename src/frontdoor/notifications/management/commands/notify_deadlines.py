"""`frontdoor notify_deadlines`: run the deadline scan once, now. Not needed on a schedule: the
scan is a periodic job the worker runs every few minutes (jobs/periodic.py). Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from frontdoor.notifications.scan import run


class Command(BaseCommand):
    help = (
        "Tell people about deadlines within 2 working hours, handovers due, challenged decisions, "
        "decisions awaiting authorisation and answered information requests. Safe to run every "
        "few minutes: nobody is told the same thing twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        made = run(timezone.now())
        summary = ", ".join(f"{kind} {n}" for kind, n in made.items())
        self.stdout.write(f"Notifications made: {summary}")
