"""frontdoor import_people FILE: load people from a council's previous system (docs/people.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.peopleimport.models import ImportStatus
from frontdoor.peopleimport.rows import FORMATS, ImportFileError
from frontdoor.peopleimport.services import people_import


class Command(BaseCommand):
    help = "Import people from a legacy system's CSV or JSON lines file (all of it, or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=FORMATS, default="", help="default: by extension")
        parser.add_argument(
            "--system", default="legacy", help="the old system's name, kept with each of its ids"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["file"], "rb") as stream:
                record = people_import(
                    actor=None,
                    stream=stream,
                    filename=options["file"],
                    system=options["system"],
                    fmt=options["format"],
                )
        except (OSError, ImportFileError) as error:
            raise CommandError(str(error)) from error
        if record.status == ImportStatus.REFUSED:
            for problem in record.problems:
                self.stderr.write(f"row {problem['row']}: {problem['field']}: {problem['message']}")
            raise CommandError(
                f"Nothing imported: {record.problem_count} problems in {record.rows} rows"
            )
        self.stdout.write(
            f"Imported {record.rows} rows from {record.system}: {record.created} created, "
            f"{record.matched} matched, {record.needs_review} need review, "
            f"{record.already_imported} already imported (report {record.pk})"
        )
