"""`frontdoor import_police_notifications FILE`: import the daily police notifications CSV."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from frontdoor.accounts.models import User
from frontdoor.police.importer import ImportFileError, police_notifications_import


class Command(BaseCommand):
    help = "Import a police notifications file (CSV; columns in docs/imports.md). Safe to re-run."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", help="path to the CSV file")
        parser.add_argument("--user", help="username to record as the importer (default: none)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        actor = None
        if options.get("user"):
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"No user called {options['user']}")
        try:
            with open(options["file"], encoding="utf-8-sig", newline="") as stream:
                result = police_notifications_import(
                    actor=actor, stream=stream, filename=options["file"]
                )
        except FileNotFoundError:
            raise CommandError(f"No such file: {options['file']}") from None
        except (ImportFileError, UnicodeDecodeError) as error:
            raise CommandError(f"{options['file']}: {error}") from None
        for error in result.errors:
            self.stderr.write(
                f"Row {error['row']} ({error['reference'] or 'no reference'}): {error['reason']}"
            )
        self.stdout.write(result.summary)
