"""Benchmark: importing 10,000 police notification rows, with every child matched to the index.

Usage: .venv/bin/python bench/bench_police_import.py [--rows 10000] [--people 20000]
       [--database-url postgresql://...] [--seed 1]

Builds a throwaway database (SQLite in a temporary folder unless --database-url names a
PostgreSQL database, which is emptied), bulk-loads a people index of synthetic children with the
same search keys the services write (bulk loading is only for speed), then writes a CSV file in
the police format (docs/imports.md): one row per child, one to three children per notification,
about 70% of children already in the index (some with a typo in the first name), 30% unknown,
85% domestic abuse. It then times the product's own import service reading that file as bytes, as the upload page
and the command do (`police_notifications_import`: decoding and checking the whole file,
validation, person matching, open-case routing, MARAC counting, Operation Encompass notices,
audit and chronology, in batches), and a second import of the same file (every
notification already there). Peak memory is the process's peak resident set size
(resource.getrusage) and the Python allocations during the import (tracemalloc, second run).
Prints a Markdown section for docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if "postgres" in database_url:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def load_people(n: int, rng: random.Random) -> list[tuple[str, str, date, str]]:
    from django.utils import timezone

    from frontdoor.demo import names
    from frontdoor.people.matching import name_keys
    from frontdoor.people.models import Address, Person, PersonName

    now = timezone.now()
    known = []
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    for start in range(0, n, 5000):
        people = [
            Person(
                kind="child",
                first_name=rng.choice(names.FIRST_NAMES_F + names.FIRST_NAMES_M),
                last_name=rng.choice(names.LAST_NAMES),
                created_at=now,
                ethnicity="WBRI",
                date_of_birth=date(2009, 1, 1) + timedelta(days=rng.randint(0, 6000)),
            )
            for _ in range(start, min(start + 5000, n))
        ]
        people = Person.objects.bulk_create(people, batch_size=1000)
        PersonName.objects.bulk_create(
            [
                PersonName(
                    person=p,
                    kind="current",
                    first_name=p.first_name,
                    last_name=p.last_name,
                    **name_keys(p.first_name, p.last_name),
                )
                for p in people
            ],
            batch_size=1000,
        )
        addresses = []
        for p in people:
            pc = f"DM{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
            addresses.append(
                Address(
                    person=p,
                    line1="1 Bench Street",
                    postcode=pc,
                    postcode_key=pc.replace(" ", ""),
                    start_date=date(2020, 1, 1),
                )
            )
            known.append((p.first_name, p.last_name, p.date_of_birth, pc))
        Address.objects.bulk_create(addresses, batch_size=1000)
    return known


def write_csv(path: Path, rows: int, known: list, rng: random.Random) -> int:
    from frontdoor.demo import names
    from frontdoor.police.importer import COLUMNS

    notifications = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        written = 0
        while written < rows:
            notifications += 1
            incident = date(2026, 11, 20) - timedelta(days=rng.randint(0, 365))
            domestic = rng.random() < 0.85
            dash = rng.choice(["standard", "medium", "high"]) if domestic else ""
            for _ in range(min(rng.choice([1, 1, 2, 2, 3]), rows - written)):
                if rng.random() < 0.7:
                    first, last, dob, pc = rng.choice(known)
                    if rng.random() < 0.05 and len(first) > 4:
                        first = first[:-1]
                else:
                    first, last = rng.choice(names.FIRST_NAMES_M), rng.choice(names.LAST_NAMES)
                    dob, pc = date(2010, 1, 1) + timedelta(days=rng.randint(0, 5000)), "DM1 1AB"
                if dob >= incident or (incident - dob).days > 17 * 365:
                    dob = incident - timedelta(days=rng.randint(100, 16 * 365))
                writer.writerow(
                    {
                        "police_reference": f"BENCH/{notifications:07d}",
                        "incident_date": f"{incident:%d/%m/%Y}",
                        "incident_time": "22:15",
                        "incident_type": "domestic abuse" if domestic else "other",
                        "dash_level": dash,
                        "victim_name": f"Victim {notifications % 3000}",
                        "perpetrator_name": "A Person",
                        "child_first_name": first,
                        "child_last_name": last,
                        "child_date_of_birth": f"{dob:%d/%m/%Y}",
                        "child_address": "1 Bench Street",
                        "child_postcode": pc,
                        "child_school": "Bench Primary School",
                        "child_present": rng.choice(["yes", "no"]),
                        "summary": "Synthetic benchmark notification.",
                    }
                )
                written += 1
    return notifications


def timed(path: Path, run, now: datetime):  # type: ignore[no-untyped-def]
    """Wall-clock and CPU seconds (user + system) of one import of the file, streamed."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    with path.open("rb") as stream:  # as the upload page and the command read it: bytes
        result = run(actor=None, stream=stream, filename=path.name, now=now)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return wall, usage.ru_utime + usage.ru_stime - cpu, result


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return f"{os.cpu_count()} CPUs (nproc), {cpu}, {mem_kb / 1024 / 1024:.1f} GB memory"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="bench-police-"))
    url = args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
    setup_django(url)
    from django.db import connection
    from django.utils import timezone

    from frontdoor.core.calendar import LONDON
    from frontdoor.police.importer import police_notifications_import
    from frontdoor.police.models import EncompassNotice, MatchStatus, NotificationChild

    known = load_people(args.people, rng)
    path = tmp / "police.csv"
    notifications = write_csv(path, args.rows, known, rng)
    now = datetime(2026, 11, 24, 7, 30, tzinfo=LONDON)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    load_before = os.getloadavg()[0]
    first, first_cpu, result = timed(path, police_notifications_import, now)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    second, second_cpu, again = timed(path, police_notifications_import, now)
    tracemalloc.start()
    timed(path, police_notifications_import, now)
    _, peak_again = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    load = os.getloadavg()[0]
    linked = NotificationChild.objects.filter(match_status=MatchStatus.LINKED).count()
    review = NotificationChild.objects.filter(match_status=MatchStatus.AWAITING_REVIEW).count()
    print("## Police notification import\n")
    print(
        f"Run {timezone.now():%d %B %Y} on {machine()}; {connection.vendor} "
        f"({'Python ' + platform.python_version()}). `bench/bench_police_import.py --rows "
        f"{args.rows} --people {args.people}`: a people index of {args.people:,} children, a file "
        f"of {args.rows:,} rows ({notifications:,} notifications).\n"
    )
    print("| Step | Result |\n|---|---|")
    print(
        f"| First import ({result.record.rows_read:,} rows, {result.record.notifications_added:,} "
        f"notifications added, {len(result.errors)} rows refused) | {first:.1f} s wall "
        f"({args.rows / first:,.0f} rows/s), {first_cpu:.1f} s CPU |"
    )
    print(f"| Children matched confidently / awaiting review | {linked:,} / {review:,} |")
    print(f"| Operation Encompass notices created | {EncompassNotice.objects.count():,} |")
    print(
        f"| Peak resident memory of the process after the first import | "
        f"{rss_after / 1024:.0f} MB (before: {rss_before / 1024:.0f} MB) |"
    )
    print(
        f"| Re-import of the same file (all {again.record.rows_already_imported:,} rows already "
        f"imported, nothing added) | {second:.1f} s wall, {second_cpu:.1f} s CPU |"
    )
    print(
        "| Load average (1 min) before the first import and at the end, from other work on "
        f"the shared machine | {load_before:.1f} and {load:.1f} |"
    )
    print(
        f"| Peak Python allocations during a re-import (tracemalloc) | "
        f"{peak_again / 1024 / 1024:.1f} MB |"
    )


if __name__ == "__main__":
    main()
