"""`frontdoor check_cin_census_file FILE.xml --year YEAR`: run the DfE rules Front Door implements
on a census file (one written earlier, or another system's being migrated in) and print the
count of failures by rule, then each failure (LA child ID and explanation, never a name)."""

from __future__ import annotations

from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from frontdoor.reporting.returns.cin_file import read_census, reference_date
from frontdoor.reporting.returns.rules import REGISTRY, check_census


class Command(BaseCommand):
    help = "Check a CIN census XML file against the DfE validation rules Front Door implements."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--list", action="store_true", help="also list each failure")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        year = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError("--year must be the year of the 31 March reference date, e.g. 2026")
        stated = reference_date(options["file"])
        failures = list(check_census(read_census(options["file"]), year, stated))
        children: dict[str, set[str]] = {}
        for f in failures:
            children.setdefault(f.rule, set()).add(f.child_id)
        counts = Counter(f.rule for f in failures)
        for code in sorted(counts, key=lambda c: (c.rstrip("Q"), c)):
            kind = REGISTRY[code].kind
            self.stdout.write(f"{code}\t{kind}\t{counts[code]}\t{len(children[code])} children")
        if options["list"]:
            for f in failures:
                self.stdout.write(f"{f.rule} {f.child_id or '(return)'}: {f.message}")
        errors = sum(1 for f in failures if not f.is_query)
        self.stdout.write(f"{errors} error(s), {len(failures) - errors} query(ies).")
