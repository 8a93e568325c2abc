"""Benchmark: the returns health page for a large council.

Usage: .venv/bin/python bench/bench_return_health.py [--children 12000] [--problems 30000]

Builds a throwaway SQLite database in a temporary folder and bulk-loads stored check results the
size a large council might have at its worst: `--problems` results over `--children` children, 40
teams and 200 workers, across 60 rules, with a daily snapshot per rule, team and worker for the
last 12 weeks (what `run_return_checks` stores every night). Then times what the page does (the
`returns.health` reads and the template), as a team manager, best of five, and prints the query
count. Bulk loading is only for speed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=12000)
    parser.add_argument("--problems", type=int, default=30000)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from frontdoor.accounts.models import Team, User
    from frontdoor.people.models import Person
    from frontdoor.reporting.forms import CensusForm
    from frontdoor.reporting.models import CheckResult, CheckRun, CheckSnapshot
    from frontdoor.reporting.returns.health import named, return_health
    from frontdoor.reporting.returns.rules import rules_for

    rng = random.Random(1)
    now = datetime(2026, 1, 15, 9, tzinfo=UTC)
    teams = Team.objects.bulk_create([Team(name=f"Team {n}") for n in range(40)])
    workers = User.objects.bulk_create(
        [
            User(username=f"w{i}", role="assessment_social_worker", team=teams[i % 40])
            for i in range(200)
        ]
    )
    manager = User.objects.create(username="manager", role="mash_manager", team=teams[0])
    people = Person.objects.bulk_create(
        [
            Person(
                first_name="Child",
                last_name=f"N{i}",
                created_at=now,
                date_of_birth=date(2015, 1, 1),
            )
            for i in range(args.children)
        ],
        batch_size=1000,
    )
    codes = [r.code for r in rules_for(2026) if not r.la][:60]
    rows = []
    for _ in range(args.problems):
        worker = rng.choice(workers)
        rows.append(
            CheckResult(
                year=2026,
                rule=rng.choice(codes),
                is_query=False,
                person=rng.choice(people),
                team_id=worker.team_id,
                worker=worker,
                message="Referral of 2 June 2025: record the primary need.",
                url="/child-protection/referrals/1/",
                found_at=now,
            )
        )
    CheckResult.objects.bulk_create(rows, batch_size=2000)
    combos = {(r.rule, r.team_id, r.worker_id) for r in rows}
    snaps = [
        CheckSnapshot(
            day=now.date() - timedelta(days=d),
            year=2026,
            rule=rule,
            team_id=team,
            worker_id=worker,
            count=rng.randint(1, 5),
        )
        for d in range(0, 84, 7)
        for rule, team, worker in combos
    ]
    CheckSnapshot.objects.bulk_create(snaps, batch_size=5000)
    CheckRun.objects.create(
        year=2026, started_at=now, finished_at=now, children=args.children, problems=len(rows)
    )

    def page() -> int:
        with CaptureQueriesContext(connection) as queries:
            report = return_health(manager, 2026, today=now.date())
            render_to_string(
                "reporting/return_health.html",
                {
                    "report": report,
                    "rows": named(report),
                    "form": CensusForm(today=now.date()),
                    "start": date(2025, 4, 1),
                    "ref": date(2026, 3, 31),
                },
            )
        return len(queries.captured_queries)

    times, count = [], 0
    for _ in range(5):
        started = time.perf_counter()
        count = page()
        times.append(time.perf_counter() - started)
    print(
        f"| {args.children:,} children | {len(rows):,} problems | {len(snaps):,} snapshot rows | "
        f"{min(times) * 1000:.0f} ms (best of 5) | {count} queries |"
    )


if __name__ == "__main__":
    main()
