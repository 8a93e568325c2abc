"""Benchmark: person search and the MASH queue at 10,000 and 100,000 people.

Usage: .venv/bin/python bench/bench_people.py --people 10000 100000 [--database-url URL]

Builds a throwaway database (SQLite in a temporary folder unless --database-url names a PostgreSQL
database, which is emptied), bulk-loads synthetic people with the same search keys the services
write (bulk loading is only for speed; the search code measured is the product's own), plus
households' contacts for the queue, then times:
  - person_search by misspelt name, by exact NHS number, by date of birth + surname, by postcode;
  - the MASH queue page (HTTP through Django's test client: selector + template), 2 queries.
Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0) if "postgres" in database_url else None
    call_command("migrate", verbosity=0)


def load(n_people: int, rng: random.Random) -> dict:
    from django.utils import timezone

    from frontdoor.demo import names
    from frontdoor.demo.users import create_demo_users
    from frontdoor.intake.models import Contact, ContactChild
    from frontdoor.intake.services import contact_decision_deadline
    from frontdoor.people.matching import name_keys
    from frontdoor.people.models import Address, Person, PersonName
    from frontdoor.search_index.indexing import write_keys

    users = create_demo_users()
    now = timezone.now()
    batch = 5000
    samples = []
    for start in range(0, n_people, batch):
        people = []
        for i in range(start, min(start + batch, n_people)):
            sex = rng.choice("MF")
            first = rng.choice(names.FIRST_NAMES_M if sex == "M" else names.FIRST_NAMES_F)
            people.append(
                Person(
                    kind="child",
                    first_name=first,
                    last_name=rng.choice(names.LAST_NAMES),
                    sex=sex,
                    date_of_birth=date(2008, 1, 1) + timedelta(days=rng.randint(0, 6500)),
                    nhs_number=f"{9000000000 + i}",
                    created_at=now,
                    ethnicity="WBRI",
                )
            )
        people = Person.objects.bulk_create(people, batch_size=1000)
        names = PersonName.objects.bulk_create(
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
        # The search index's keys, as the person service writes them.
        write_keys((n.pk, n.first_name, n.last_name, n.person.date_of_birth) for n in names)
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        Address.objects.bulk_create(
            [
                Address(
                    person=p,
                    line1="1 Bench Street",
                    postcode=(
                        pc
                        := f"DM{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
                    ),
                    postcode_key=pc.replace(" ", ""),
                    start_date=date(2020, 1, 1),
                )
                for p in people
            ],
            batch_size=1000,
        )
        samples.extend(rng.sample(people, min(20, len(people))))
    # Contacts: 10 a year per 100 people (the §10 ratio), over two years; 60 open in the queue.
    all_ids = list(Person.objects.values_list("pk", flat=True))
    n_contacts = max(100, n_people // 5)
    contacts = []
    for i in range(n_contacts):
        received = now - timedelta(minutes=rng.randint(30, 730 * 24 * 60))
        is_open = i < 60
        if is_open:
            received = now - timedelta(minutes=rng.randint(30, 3 * 24 * 60))
        contacts.append(
            Contact(
                received_at=received,
                channel="phone",
                source="2A",
                concerns="Benchmark",
                categories=["neglect"],
                parents_aware="no",
                status="open" if is_open else "decided",
                decision_due_at=contact_decision_deadline(received),
                recorded_at=received,
                recorded_by=users["mash.worker"],
                referrer_name="Bench",
            )
        )
    contacts = Contact.objects.bulk_create(contacts, batch_size=1000)
    ContactChild.objects.bulk_create(
        [ContactChild(contact=c, person_id=rng.choice(all_ids)) for c in contacts], batch_size=1000
    )
    return {"samples": samples, "users": users}


def timed(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def misspell(name: str, rng: random.Random) -> str:
    if len(name) < 4:
        return name
    i = rng.randint(1, len(name) - 3)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def run(n_people: int, database_url: str | None) -> list[str]:
    rng = random.Random(n_people)
    tmp = tempfile.mkdtemp()
    setup_django(database_url or f"sqlite:///{tmp}/bench.sqlite3")
    from django.db import connection
    from django.test import Client

    from frontdoor.people.selectors import person_search

    started = time.perf_counter()
    data = load(n_people, rng)
    load_s = time.perf_counter() - started
    user = data["users"]["mash.worker"]
    samples = data["samples"]
    rows = []
    it = iter(samples * 10)

    def by_misspelt_name():
        p = next(it)
        results = person_search(
            user=user, text=f"{misspell(p.first_name, rng)} {misspell(p.last_name, rng)}"
        )
        return results

    def by_nhs():
        p = next(it)
        assert person_search(user=user, text=p.nhs_number)[0].person.pk == p.pk

    def by_dob_surname():
        p = next(it)
        person_search(user=user, text=p.last_name, dob=p.date_of_birth)

    def by_postcode():
        p = next(it)
        person_search(user=user, postcode=p.addresses.first().postcode)

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def queue():
        response = client.get("/contacts/queue/")
        assert response.status_code == 200

    for label, fn in [
        ("search: misspelt first and last name", by_misspelt_name),
        ("search: NHS number", by_nhs),
        ("search: surname + date of birth", by_dob_surname),
        ("search: postcode", by_postcode),
        ("MASH queue page (60 open contacts)", queue),
    ]:
        median, p95 = timed(fn, 40)
        rows.append(f"| {n_people:,} | {label} | {median:.1f} | {p95:.1f} |")
    # Found rate of misspelt-name search, as a quality measure.
    found = sum(
        any(
            r.person.pk == p.pk
            for r in person_search(
                user=user, text=f"{misspell(p.first_name, rng)} {misspell(p.last_name, rng)}"
            )
        )
        for p in samples[:100]
    )
    rows.append(
        f"| {n_people:,} | misspelt-name search finds the person (of {min(100, len(samples))}) | {found} | |"
    )
    print(f"# {n_people:,} people loaded in {load_s:.0f}s on {connection.vendor}", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--database-url")
    args = parser.parse_args()
    if len(args.people) > 1:
        # Django can be set up once per process: run each size in its own process.
        import subprocess

        print("| People | Measure | Median ms | p95 ms |\n|---:|---|---:|---:|")
        for n in args.people:
            cmd = [sys.executable, __file__, "--people", str(n)]
            if args.database_url:
                cmd += ["--database-url", args.database_url]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True)
            sys.stderr.write(out.stderr)
            print(out.stdout.strip())
        return
    for row in run(args.people[0], args.database_url):
        print(row)


if __name__ == "__main__":
    main()
