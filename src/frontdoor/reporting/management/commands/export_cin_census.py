"""`frontdoor export_cin_census --year YEAR --output FILE.xml` (YEAR: year of the 31 March
reference date). The pre-submission checks (the DfE's rules) run first; failures are listed and
the file is still written unless --strict is given and there are errors (queries are answered
with the return, so they do not stop it). YEAR 2027 on writes the 2026-27 layout."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from frontdoor.reporting.returns.service import census_export
from frontdoor.reporting.selectors import census_failures, census_size


class Command(BaseCommand):
    help = "Write the DfE CIN census XML for the collection year ending 31 March YEAR."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--output", required=True)
        parser.add_argument("--strict", action="store_true", help="refuse to write if checks fail")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError("--year must be the year of the 31 March reference date, e.g. 2026")
        failures = census_failures(year)
        for f in failures:
            self.stderr.write(f"{f.rule} {f.child_id or '(return)'}: {f.message}")
        errors = [f for f in failures if not f.is_query]
        if errors and options["strict"]:
            raise CommandError(f"{len(errors)} pre-submission error(s); nothing written")
        with open(options["output"], "wb") as out:
            for chunk in census_export(actor=None, year=year, now=timezone.now()):
                out.write(chunk)
        self.stdout.write(
            f"CIN census {year}: {census_size(year)} children written to "
            f"{options['output']}; {len(errors)} error(s), {len(failures) - len(errors)} "
            "query(ies)."
        )
