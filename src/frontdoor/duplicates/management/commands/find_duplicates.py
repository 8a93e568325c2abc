"""frontdoor find_duplicates: fill the duplicate review queue (run nightly, or after an import)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from frontdoor.duplicates.finding import find_duplicates
from frontdoor.duplicates.scoring import REVIEW_AT


class Command(BaseCommand):
    help = "Find likely duplicate people across the whole index and queue them for review."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--threshold",
            type=float,
            default=REVIEW_AT,
            help=f"Lowest score queued for review (default {REVIEW_AT:g})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = find_duplicates(threshold=options["threshold"])
        self.stdout.write(
            f"{result.people} people, {result.compared} candidate pairs compared, "
            f"{result.new_pairs} new pairs to review, {result.skipped_blocks} blocks too large "
            f"to compare, {result.seconds} s"
        )
        for name, seconds in result.passes.items():
            self.stdout.write(f"  {name}: {seconds} s")
