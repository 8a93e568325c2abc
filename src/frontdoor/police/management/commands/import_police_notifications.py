"""`frontdoor import_police_notifications FILE`: import the daily police notifications CSV."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from frontdoor.accounts.models import User
from frontdoor.police.importer import ImportFileError, police_notifications_import
from frontdoor.police.models import PoliceImport

BAR = 30
PROGRESS_FROM_ROWS = 2000  # about two seconds: smaller files finish before a bar would help


class Command(BaseCommand):
    help = "Import a police notifications file (CSV; columns in docs/imports.md). Safe to re-run."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", help="path to the CSV file (UTF-8)")
        parser.add_argument("--user", help="username to record as the importer (default: none)")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = None
        if options.get("user"):
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(
                    f"No user called {options['user']}: give the username of an account, "
                    "or leave out --user"
                )
        path = options["file"]
        try:
            with open(path, "rb") as stream:
                result = police_notifications_import(
                    actor=actor, stream=stream, filename=path, progress=self._progress
                )
        except FileNotFoundError:
            raise CommandError(f"No such file: {path}. Check the path and try again") from None
        except IsADirectoryError:
            raise CommandError(f"{path} is a folder: give the path of the CSV file") from None
        except ImportFileError as error:
            raise CommandError(f"{path}: {error}") from None
        for bad in result.errors:
            self.stderr.write(
                f"Row {bad['row']} ({bad['reference'] or 'no reference'}): {bad['reason']}"
            )
        self.stdout.write(result.summary)

    def _progress(self, record: PoliceImport) -> None:
        """A progress bar on the terminal (stderr) for files that take more than a moment."""
        if record.rows_read < PROGRESS_FROM_ROWS:
            return
        done = BAR * record.rows_done // record.rows_read
        finished = record.rows_done >= record.rows_read
        self.stderr.write(
            f"\r[{'#' * done}{'.' * (BAR - done)}] {record.rows_done:,} of "
            f"{record.rows_read:,} rows",
            ending="\n" if finished or not self.stderr.isatty() else "",
        )
