"""`frontdoor apply_retention [--dry-run] [--on YYYY-MM-DD]`: destroy the records whose retention
has ended (docs/data-protection.md). Prints ids and LAchildIDs only, never a name; each person is
destroyed in its own transaction and leaves an audit stub. Run monthly, after the review page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from frontdoor.dataprotection.retention import RetentionStep, retention_apply, retention_due
from frontdoor.people.models import Person


class Command(BaseCommand):
    help = "Destroy records whose retention has ended (use --dry-run to list them first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list, destroy nothing")
        parser.add_argument("--on", help="the day to apply the schedule on (default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError:
            raise CommandError("--on must be a date like 2026-03-31") from None
        dry = options["dry_run"]
        due = retention_due(day)
        kinds: dict[int | None, str] = dict(
            Person.objects.filter(pk__in=[r.person_id for r in due.people]).values_list(
                "pk", "kind"
            )
        )
        verb = "Would destroy" if dry else "Destroyed"

        def report(step: RetentionStep) -> None:
            if step.allegation is not None:
                ref, rule = f"allegation {step.allegation.reference}", ""
            else:
                pk = step.person_id
                ref, rule = f"person {pk} (FD{pk:08d}, {kinds.get(pk)})", f", rule {step.rule}"
            if step.kept:
                self.stdout.write(f"Kept {ref}: {step.reason}")
            else:
                self.stdout.write(f"{verb} {ref}: kept until {step.until}{rule}")

        destroyed, kept = retention_apply(due, dry=dry, actor=None, progress=report)
        self.stdout.write(
            f"{'Dry run' if dry else 'Done'} on {day}: {destroyed} "
            f"{'would be destroyed' if dry else 'destroyed'}, {kept} kept."
        )
