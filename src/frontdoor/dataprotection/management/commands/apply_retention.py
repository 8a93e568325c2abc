"""`frontdoor apply_retention [--dry-run] [--on YYYY-MM-DD]`: destroy the records whose retention
has ended (docs/data-protection.md). Prints ids and LAchildIDs only, never a name; each person is
destroyed in its own transaction and leaves an audit stub. Run monthly, after the review page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from frontdoor.dataprotection.models import LegalHold
from frontdoor.dataprotection.retention import due_allegations, due_people
from frontdoor.dataprotection.services import (
    DestructionRefused,
    allegation_destroy,
    person_destroy,
)
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
        due = due_people(day)
        held = set(
            LegalHold.objects.filter(
                person_id__in=[r.person_id for r in due], released_at__isnull=True
            ).values_list("person_id", flat=True)
        )
        kinds = dict(
            Person.objects.filter(pk__in=[r.person_id for r in due]).values_list("pk", "kind")
        )
        verb = "Would destroy" if dry else "Destroyed"
        destroyed = kept = 0
        for r in due:
            ref = f"person {r.person_id} (FD{r.person_id:08d}, {kinds.get(r.person_id)})"
            if r.person_id in held:
                self.stdout.write(f"Kept {ref}: under a legal hold")
                kept += 1
                continue
            if not dry:
                try:
                    person_destroy(actor=None, person_id=r.person_id, day=day)
                except DestructionRefused as error:
                    self.stdout.write(f"Kept {ref}: {error}")
                    kept += 1
                    continue
            self.stdout.write(f"{verb} {ref}: kept until {r.until}, rule {r.rule}")
            destroyed += 1
        for allegation, until in due_allegations(day):
            if not dry:
                try:
                    allegation_destroy(actor=None, allegation_id=allegation.pk, day=day)
                except DestructionRefused as error:
                    self.stdout.write(f"Kept allegation {allegation.reference}: {error}")
                    kept += 1
                    continue
            self.stdout.write(f"{verb} allegation {allegation.reference}: kept until {until}")
            destroyed += 1
        self.stdout.write(
            f"{'Dry run' if dry else 'Done'} on {day}: {destroyed} "
            f"{'would be destroyed' if dry else 'destroyed'}, {kept} kept."
        )
