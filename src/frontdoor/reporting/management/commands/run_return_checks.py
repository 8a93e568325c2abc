"""`frontdoor run_return_checks [--year YEAR]`: run every DfE census rule for the collection year
(by default the one being recorded now) and store the results and today's counts for the returns
health page. Run nightly (docs/operations.md); a second run on one day replaces the first."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from frontdoor.core.calendar import local_date
from frontdoor.reporting.forms import current_census_year
from frontdoor.reporting.services import check_results_refresh


class Command(BaseCommand):
    help = "Run the CIN census checks for a collection year and store the results."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--year", type=int, help="year of the 31 March reference date")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        year = options["year"] or current_census_year(local_date(timezone.now()))
        if not 2000 <= year <= 2100:
            raise CommandError("--year must be the year of the 31 March reference date, e.g. 2026")
        run = check_results_refresh(actor=None, year=year)
        seconds = (run.finished_at - run.started_at).total_seconds()
        self.stdout.write(
            f"CIN census {year}: {run.children} children checked, {run.problems} problem(s) "
            f"stored in {seconds:.1f} s."
        )
