"""Benchmark: importing people from a legacy system, then finding duplicates over the index.

Usage: .venv/bin/python bench/bench_people_import.py [--people 100000] [--seed 1]
       [--database-url postgres://postgres@127.0.0.1:5432/fd_import] [--skip-duplicates]

Builds a throwaway database (SQLite in a temporary folder unless --database-url names a PostgreSQL
database, which is emptied) and writes a legacy CSV file in the documented layout (docs/people.md)
from the demo name lists: households of one to four (a parent and children, with their
relationships), NHS numbers on 60%, aliases on 5%, no postcode on 10%, an address abroad on 1%.
It then times the product's own import service (`people_import`, as the page and the command call
it) three times:

1. the whole file into an empty index (every row checked, matched, written in one transaction);
2. the same file again (every row already imported: nothing written);
3. a second system's file of 10% of the same people under new ids, half with a typo in the
   surname and a slipped date of birth and no NHS number (the scorer's work), half with their NHS
   number (matched exactly), plus as many new people;

and then `find_duplicates` over the whole index. Prints a Markdown section for docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

TODAY = date(2026, 11, 25)
COLUMNS = [
    "legacy_id",
    "kind",
    "first_name",
    "last_name",
    "other_names",
    "date_of_birth",
    "sex",
    "nhs_number",
    "address_line1",
    "town",
    "postcode",
    "country",
    "household",
    "relationships",
]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if "postgres" in database_url:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def nhs_number(rng: random.Random) -> str:
    """A valid NHS number in the 999 range the NHS keeps for testing."""
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def people(n: int, rng: random.Random) -> list[dict[str, str]]:
    from frontdoor.demo import names

    rows: list[dict[str, str]] = []
    today = TODAY
    household = 0
    while len(rows) < n:
        household += 1
        last = rng.choice(names.LAST_NAMES)
        area = rng.choice(names.POSTCODE_AREAS)
        postcode = f"{area} {rng.randrange(10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        street = f"{rng.randrange(1, 200)} {rng.choice(names.STREETS)}"
        abroad = rng.random() < 0.01
        no_postcode = rng.random() < 0.1
        members = rng.randint(1, 4)
        parent_id = ""
        for m in range(min(members, n - len(rows))):
            adult = m == 0 and members > 1
            female = rng.random() < 0.5
            first = rng.choice(names.FIRST_NAMES_F if female else names.FIRST_NAMES_M)
            born = today - timedelta(
                days=rng.randrange(30 * 365, 45 * 365) if adult else rng.randrange(30, 17 * 365)
            )
            legacy = f"L{len(rows) + 1:07d}"
            row = {
                "legacy_id": legacy,
                "kind": "adult" if adult else "child",
                "first_name": first,
                "last_name": last,
                "other_names": f"{first[:3]} {last}" if rng.random() < 0.05 else "",
                "date_of_birth": born.isoformat(),
                "sex": "F" if female else "M",
                "nhs_number": nhs_number(rng) if rng.random() < 0.6 else "",
                "address_line1": street,
                "town": "Lisbon" if abroad else rng.choice(names.TOWNS),
                "postcode": "1100-148" if abroad else ("" if no_postcode else postcode),
                "country": "Portugal" if abroad else "",
                "household": f"H{household}" if members > 1 else "",
                # This person is the <kind> of another: the parent's row names the children.
                "relationships": "",
            }
            if adult:
                parent_id = legacy
            elif parent_id:
                parent = next(r for r in reversed(rows) if r["legacy_id"] == parent_id)
                parent["relationships"] = "|".join(
                    p for p in (parent["relationships"], f"{legacy}:parent") if p
                )
            rows.append(row)
    return rows


def later_system(rows: list[dict[str, str]], rng: random.Random) -> list[dict[str, str]]:
    """10% of the people again under another system's ids (half typo'd, half by NHS number), and
    as many new people."""
    again = []
    sample = rng.sample(rows, len(rows) // 10)
    for n, row in enumerate(sample):
        copy = dict(row, legacy_id=f"B{n:07d}", relationships="", household="")
        if n % 2 == 0 or not copy["nhs_number"]:
            last = copy["last_name"]
            copy["last_name"] = (
                last[:2] + last[3] + last[2] + last[4:] if len(last) > 4 else last + "e"
            )
            born = date.fromisoformat(copy["date_of_birth"])
            swapped = date(born.year, born.day, born.month) if born.day <= 12 else born
            if swapped <= TODAY:  # a swap into the future would (rightly) be refused
                copy["date_of_birth"] = swapped.isoformat()
            copy["nhs_number"] = ""
        again.append(copy)
    fresh = people(len(sample), random.Random(rng.random()))
    for n, row in enumerate(fresh):
        row.update(legacy_id=f"N{n:07d}", relationships="", household="")
    return again + fresh


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def timed(path: Path, system: str):  # type: ignore[no-untyped-def]
    from frontdoor.peopleimport.services import people_import

    started, cpu = time.monotonic(), time.process_time()
    with path.open("rb") as stream:
        record = people_import(actor=None, stream=stream, filename=path.name, system=system)
    return time.monotonic() - started, time.process_time() - cpu, record


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    return f"{os.cpu_count()} CPUs (nproc), {cpu}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-duplicates", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="bench-people-import-"))
    url = args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
    setup_django(url)
    from django.db import connection

    from frontdoor.duplicates.finding import find_duplicates
    from frontdoor.people.models import Person, Relationship

    rows = people(args.people, rng)
    first_file, second_file = tmp / "legacy.csv", tmp / "other.csv"
    write(first_file, rows)
    write(second_file, later_system(rows, rng))
    load_before = os.getloadavg()[0]
    first, first_cpu, one = timed(first_file, "CareFirst")
    assert one.status == "imported", one.problems[:5]
    again, again_cpu, two = timed(first_file, "CareFirst")
    other, other_cpu, three = timed(second_file, "Liquidlogic")
    load = os.getloadavg()[0]
    print("## People import from a legacy system, and finding duplicates\n")
    print(
        f"`bench/bench_people_import.py --people {args.people}` on {connection.vendor}, "
        f"{machine()}, Python {platform.python_version()}; load average (1 min) {load_before:.1f} "
        f"before and {load:.1f} after the imports (the machine is shared).\n"
    )
    print("| Step | Result |\n|---|---|")
    print(
        f"| Import {one.rows:,} people into an empty index ({one.created:,} created, "
        f"{Relationship.objects.count():,} relationships) | {first:.1f} s wall "
        f"(**{one.rows / first:,.0f} rows/s**), {first_cpu:.1f} s CPU |"
    )
    print(
        f"| The same file again ({two.already_imported:,} already imported, nothing written) | "
        f"{again:.1f} s ({two.rows / again:,.0f} rows/s) |"
    )
    print(
        f"| Another system's {three.rows:,} rows against the index of {args.people:,}: "
        f"{three.matched:,} matched by NHS number, {three.needs_review:,} need review (scored), "
        f"{three.created:,} created | {other:.1f} s ({three.rows / other:,.0f} rows/s), "
        f"{other_cpu:.1f} s CPU |"
    )
    if not args.skip_duplicates:
        result = find_duplicates()
        passes = ", ".join(f"{k} {v:.1f} s" for k, v in result.passes.items())
        print(
            f"| `find_duplicates` over {Person.objects.count():,} people: {result.compared:,} "
            f"candidate pairs compared, {result.new_pairs:,} new pairs queued, "
            f"{result.skipped_blocks:,} blocks over 200 skipped | {result.seconds:.1f} s "
            f"({passes}) |"
        )


if __name__ == "__main__":
    main()
