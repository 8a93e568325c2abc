"""`frontdoor export_annex_a --end DATE --output FILE.xlsx`: Ofsted Annex A lists 1–11 for the
six months to DATE."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from frontdoor.reporting.returns.service import annex_a_export


class Command(BaseCommand):
    help = "Write Ofsted's Annex A lists (xlsx) for the six months to --end (YYYY-MM-DD)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--end", required=True, help="last day of the period, YYYY-MM-DD")
        parser.add_argument("--output", required=True)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            end = date.fromisoformat(options["end"])
        except ValueError as error:
            raise CommandError(
                "--end must be a date written YYYY-MM-DD, e.g. 2026-03-31"
            ) from error
        annex = annex_a_export(actor=None, end=end, path=options["output"])
        self.stdout.write(
            f"Annex A {annex.start:%d/%m/%Y} to {annex.end:%d/%m/%Y}: "
            f"{len(annex.children)} children written to {options['output']}."
        )
