"""`frontdoor seed_demo --contacts N --seed S`: reproducible synthetic demo data, never real data."""

from __future__ import annotations

import argparse
import importlib
import random
import time
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.demo import background
from frontdoor.demo.context import SeedContext
from frontdoor.demo.users import create_demo_users
from frontdoor.people.models import Person

# Each stage is a module with `seed(ctx)`, run in this order; later areas build on earlier ones.
STAGES = [
    "frontdoor.demo.people_contacts",
    "frontdoor.demo.screening",
    "frontdoor.demo.protection",
    "frontdoor.demo.allegations",
    "frontdoor.demo.police",
    "frontdoor.demo.earlyhelp",
    # Children who come back after their referral closed: re-referrals (docs/demo-data.md).
    "frontdoor.demo.returning",
    "frontdoor.demo.screening_followup",
    "frontdoor.demo.sealed",
    # Every open referral and episode allocated but a few urgent ones; lead practitioners;
    # notifications waiting (docs/allocation.md, docs/notifications.md).
    "frontdoor.demo.allocation",
    # Documents and letters on recent cases (after the areas whose records they are attached to).
    "frontdoor.demo.documents_letters",
    # Case notes and management oversight on recent cases (docs/case-notes.md).
    "frontdoor.demo.casenotes",
    # Children recorded twice: the duplicate review, merges and an undone merge (docs/people.md).
    "frontdoor.demo.duplicates",
    # Last: the census checks as the nightly job runs them, for the returns health page.
    "frontdoor.demo.returns",
]


class Command(BaseCommand):
    help = "Create reproducible synthetic demo data (the same seed gives the same data)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--contacts",
            type=int,
            default=2000,
            help="contacts over the last 24 months (default 2000)",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if people already exist"
        )
        parser.add_argument(
            "--now", help="pretend it is this moment (ISO 8601), for reproducible tests"
        )
        parser.add_argument(
            "--in-background",
            action="store_true",
            help="on the embedded SQLite database: create the demo logins now and load the rest "
            "in a separate process, shown on every page (make run; docs/demo-data.md)",
        )
        # Used by --in-background's own process: seed this (copied) database, then put it in place.
        parser.add_argument("--swap-into", help=argparse.SUPPRESS)
        parser.add_argument("--audit-after", type=int, default=0, help=argparse.SUPPRESS)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["if_empty"] and Person.objects.exists():
            self.stdout.write("Demo data already loaded; nothing to do.")
            return
        if options["contacts"] < 1:
            raise CommandError("--contacts must be at least 1")
        now = datetime.fromisoformat(options["now"]) if options["now"] else timezone.now()
        if timezone.is_naive(now):
            raise CommandError("--now must include a UTC offset, e.g. 2026-11-26T10:00:00+00:00")
        if options["in_background"] and background.start(
            contacts=options["contacts"], seed=options["seed"], now=now, log=self.stdout
        ):
            return
        started = time.monotonic()
        swap_into = options["swap_into"]
        progress = _write_progress if swap_into else None
        ctx = seed_demo(
            contacts=options["contacts"],
            seed=options["seed"],
            now=now,
            log=self.stdout,
            progress=progress,
        )
        summary = ", ".join(f"{v} {k}" for k, v in ctx.counts.items())
        self.stdout.write(f"Demo data created in {time.monotonic() - started:.0f}s: {summary}.")
        if swap_into:
            seeded = background.live_database_path()
            assert seeded is not None
            connection.close()
            background.swap_in(
                seeded=seeded, live=Path(swap_into), audit_after=options["audit_after"]
            )
            background.write_progress(state="done", finished=time.time())
            self.stdout.write(f"Demo data is in place in {swap_into}.")


def _write_progress(done: int, total: int, name: str) -> None:
    import os

    background.write_progress(
        state="running", pid=os.getpid(), stage=done, stages=total, name=name, started=0
    )


def seed_demo(*, contacts: int, seed: int, now: datetime, log=None, progress=None) -> SeedContext:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    with transaction.atomic():
        users = create_demo_users()
        ctx = SeedContext(rng=rng, now=now, contacts_wanted=contacts, users=users, log=log)
        for user in User.objects.filter(is_active=True).order_by("username"):
            ctx.staff.setdefault(user.role, []).append(user)
        for number, stage in enumerate(STAGES):
            if progress is not None:
                progress(number, len(STAGES), stage.rsplit(".", 1)[-1].replace("_", " "))
            try:
                module = importlib.import_module(stage)
            except ModuleNotFoundError as error:
                if error.name != stage:
                    raise
                continue
            module.seed(ctx)
    return ctx
