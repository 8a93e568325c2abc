from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from frontdoor.core.services import closure_add


class Command(BaseCommand):
    help = "Add a local closure day (YYYY-MM-DD) to the working-day calendar."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("day")
        parser.add_argument("reason")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            day = date.fromisoformat(options["day"])
        except ValueError:
            raise CommandError(
                f"'{options['day']}' is not a date: write it as YYYY-MM-DD."
            ) from None
        try:
            closure_add(actor=None, day=day, reason=options["reason"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"Added closure day {day:%d %B %Y}.")
