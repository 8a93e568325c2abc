"""Benchmark: does matching find the same child again, and how fast, at 10,000 to 1,000,000 people.

Usage: .venv/bin/python bench/bench_matching.py --people 10000 100000 [--database-url URL]
       [--queries 1000] [--seed 14]

Builds a throwaway database (SQLite in a temporary folder unless --database-url names a PostgreSQL
database, which is emptied) and bulk-loads, from the demo name lists (`demo/names.py`) and a seed:
  - people: given names (a quarter with a second given name), surnames (some double-barrelled, some
    with a particle such as "de" or "van der", some accented), dates of birth, a current postcode;
  - for a sample of them, a corrupted duplicate the way real records differ: a typo (letter added,
    dropped, changed or two swapped) in either name, first and last names swapped, a nickname, a
    wrong date-of-birth digit, day and month swapped, the year one out, a missing date of birth,
    only one of two surnames or given names, accents dropped or added, a changed surname (a parent's
    new relationship), a missing first name; one corruption (60%), two (35%) or three (5%).
Duplicates are loaded too, like a real index; each duplicate's details (names, date of birth,
postcode) are then searched with the product's matcher (`people.selectors.person_match`, as a MASH
practitioner) and its own record left out of the results. Reports recall at 1, 5 and 10 (the
original among the first k results), recall at 5 for each kind of corruption, search time (median,
p95), and the same for a plain `ILIKE '%first%' AND ILIKE '%last%'` scan of the names in the same
run. Bulk loading is only for speed: keys are the ones the services write.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

PARTICLES = ["de", "van der", "da", "al", "van", "di"]
ACCENTS = str.maketrans({"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ü", "n": "ñ", "c": "ç"})
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if "postgres" in database_url:
        call_command("migrate", verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def accent(word: str, rng: random.Random) -> str:
    if not word:
        return word
    i = rng.randrange(len(word))
    return word[:i] + word[i].translate(ACCENTS) + word[i + 1 :]


def make_person(rng: random.Random) -> dict:
    from frontdoor.demo import names

    sex = rng.choice("MF")
    pool = names.FIRST_NAMES_M if sex == "M" else names.FIRST_NAMES_F
    first = rng.choice(pool)
    if rng.random() < 0.25:
        first += " " + rng.choice(pool)
    last = rng.choice(names.LAST_NAMES)
    roll = rng.random()
    if roll < 0.15:
        last += rng.choice(["-", " "]) + rng.choice(names.LAST_NAMES)
    elif roll < 0.20:
        last = f"{rng.choice(PARTICLES).title() if rng.random() < 0.5 else rng.choice(PARTICLES)} {last}"
    if rng.random() < 0.05:
        first = accent(first, rng)
    if rng.random() < 0.05:
        last = accent(last, rng)
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    postcode = (
        f"DM{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    )
    dob = date(2001, 1, 1) + timedelta(days=rng.randint(0, 9400))
    return {"first": first, "last": last, "dob": dob, "sex": sex, "postcode": postcode}


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["insert", "delete", "substitute", "transpose"])
    if kind == "insert":
        return word[:i] + rng.choice(LETTERS) + word[i:]
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "substitute":
        return word[:i] + rng.choice(LETTERS) + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def corrupt(p: dict, rng: random.Random, kinds: list[str]) -> dict:
    """Apply the named corruptions to a copy of the person."""
    from nicknames import NickNamer

    from frontdoor.demo import names

    d = dict(p)
    for kind in kinds:
        if kind == "typo in surname":
            words = d["last"].split(" ")
            j = max(range(len(words)), key=lambda k: len(words[k]))
            words[j] = typo(words[j], rng)
            d["last"] = " ".join(words)
        elif kind == "typo in first name":
            words = d["first"].split(" ")
            words[0] = typo(words[0], rng)
            d["first"] = " ".join(words)
        elif kind == "names swapped":
            d["first"], d["last"] = d["last"], d["first"]
        elif kind == "nickname":
            first = d["first"].split(" ")[0]
            nicks = sorted(NickNamer().nicknames_of(first.lower()))
            if nicks:
                d["first"] = rng.choice(nicks).title()
        elif kind == "date of birth digit wrong" and d["dob"]:
            d["dob"] = wrong_digit(d["dob"], rng)
        elif kind == "day and month swapped" and d["dob"] and d["dob"].day <= 12:
            d["dob"] = date(d["dob"].year, d["dob"].day, d["dob"].month)
        elif kind == "year one out" and d["dob"]:
            try:
                d["dob"] = d["dob"].replace(year=d["dob"].year + rng.choice([-1, 1]))
            except ValueError:
                pass
        elif kind == "date of birth missing":
            d["dob"] = None
        elif kind == "one of two names":
            if " " in d["first"]:
                d["first"] = d["first"].split(" ")[0]
            elif "-" in d["last"] or " " in d["last"]:
                d["last"] = d["last"].replace("-", " ").split(" ")[-1]
            else:
                d["first"] = accent(d["first"], rng)
        elif kind == "accents":
            d["last"] = accent(d["last"], rng)
        elif kind == "surname changed":
            d["last"] = rng.choice([n for n in names.LAST_NAMES if n != d["last"]])
        elif kind == "first name missing":
            d["first"] = ""
        elif kind == "moved house":
            d["postcode"] = ""
    return d


def wrong_digit(dob: date, rng: random.Random) -> date:
    for _ in range(50):
        s = dob.strftime("%Y%m%d")
        i = rng.randrange(2, 8)
        s = s[:i] + rng.choice("0123456789") + s[i + 1 :]
        try:
            day = date(int(s[:4]), int(s[4:6]), int(s[6:]))
        except ValueError:
            continue
        if day != dob and day.year >= 1990:
            return day
    return dob


KINDS = [
    "typo in surname",
    "typo in first name",
    "names swapped",
    "nickname",
    "date of birth digit wrong",
    "day and month swapped",
    "year one out",
    "date of birth missing",
    "one of two names",
    "accents",
    "surname changed",
    "first name missing",
    "moved house",
]
# Combinations that leave nothing to find the child by (no name and no date).
INCOMPATIBLE = [
    {"surname changed", "date of birth missing"},
    {"surname changed", "first name missing"},
    {"surname changed", "date of birth digit wrong"},
    {"surname changed", "year one out"},
    {"surname changed", "day and month swapped"},
    {"first name missing", "date of birth missing"},
    {"date of birth missing", "moved house"},
]


def choose_kinds(rng: random.Random) -> list[str]:
    n = rng.choices([1, 2, 3], weights=[60, 35, 5])[0]
    while True:
        kinds = rng.sample(KINDS, n)
        if not any(bad <= set(kinds) for bad in INCOMPATIBLE):
            return kinds


def copy_rows(model, template, rows: list[dict]) -> None:
    """Insert rows with PostgreSQL's COPY: every concrete column, each value as Django would save
    it for `template` (so columns other areas add are filled with their defaults), with the
    values in each row dict put in its place."""
    from django.db import connection

    fields = list(model._meta.concrete_fields)
    base = [f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields]
    index = {f.attname: i for i, f in enumerate(fields)}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                values = list(base)
                for name, value in row.items():
                    values[index[name]] = value
                copy.write_row(values)


# The columns that differ from person to person (the rest are the same for all).
VARYING = {
    "Person": ("id", "first_name", "last_name", "sex", "date_of_birth"),
    "Address": ("id", "person_id", "postcode", "postcode_key"),
    "PersonName": (
        "id",
        "person_id",
        "first_name",
        "last_name",
        "first_norm",
        "last_norm",
        "first_key",
        "last_key",
        "first_soundex",
        "last_soundex",
        "last_anagram",
    ),
}


def changed(model, obj) -> dict:
    return {name: getattr(obj, name) for name in VARYING[model.__name__]}


def load(people: list[dict]) -> list[int]:
    """Bulk-load people with their names, current address and search keys; returns their ids."""
    from django.db import connection
    from django.db.models import Max
    from django.utils import timezone

    from frontdoor.people.matching import name_keys, stored_keys, stored_words
    from frontdoor.people.models import Address, Person, PersonName
    from frontdoor.search_index.indexing import add_words
    from frontdoor.search_index.models import NameKey

    postgres = connection.vendor == "postgresql"
    cached_name_keys = lru_cache(maxsize=None)(name_keys)
    now = timezone.now()
    ids: list[int] = []
    vocabulary: set[str] = set()
    next_id = {
        m: (m.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        for m in (Person, PersonName, Address, NameKey)
    }
    batch = 50000
    for start in range(0, len(people), batch):
        chunk = people[start : start + batch]
        persons, addresses, names, keys = [], [], [], []
        for p in chunk:
            pid, nid = next_id[Person], next_id[PersonName]
            next_id[Person] += 1
            next_id[PersonName] += 1
            persons.append(
                Person(
                    pk=pid,
                    kind="child",
                    first_name=p["first"][:100],
                    last_name=p["last"][:100],
                    sex=p["sex"],
                    date_of_birth=p["dob"],
                    created_at=now,
                    ethnicity="WBRI",
                )
            )
            if p["postcode"]:
                addresses.append(
                    Address(
                        pk=next_id[Address],
                        person_id=pid,
                        line1="1 Bench Street",
                        postcode=p["postcode"],
                        postcode_key=p["postcode"].replace(" ", ""),
                    )
                )
                next_id[Address] += 1
            names.append(
                PersonName(
                    pk=nid,
                    person_id=pid,
                    kind="current",
                    first_name=p["first"][:100],
                    last_name=p["last"][:100],
                    **cached_name_keys(p["first"], p["last"]),
                )
            )
            for k in stored_keys(p["first"], p["last"], p["dob"]):
                keys.append(NameKey(pk=next_id[NameKey], name_id=nid, key=k))
                next_id[NameKey] += 1
            vocabulary |= stored_words(p["first"], p["last"])
            ids.append(pid)
        for model, objs in ((Person, persons), (Address, addresses), (PersonName, names)):
            if postgres:
                copy_rows(model, objs[0], [changed(model, o) for o in objs])
            else:
                model.objects.bulk_create(objs, batch_size=2000)
        if postgres:
            copy_rows(
                NameKey, keys[0], [{"id": k.pk, "name_id": k.name_id, "key": k.key} for k in keys]
            )
        else:
            NameKey.objects.bulk_create(keys, batch_size=5000)
        print(f"  loaded {start + len(chunk):,}", file=sys.stderr, flush=True)
    add_words(vocabulary)
    if postgres:
        with connection.cursor() as cursor:
            for model in (Person, PersonName, Address, NameKey):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)",
                    [next_id[model]],
                )
            cursor.execute("ANALYZE")
    return ids


def percentile(times: list[float], p: float) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(round(len(ordered) * p)) - 1)]


def run(
    n_people: int, n_queries: int, seed: int, database_url: str | None, scan_queries: int = 200
) -> list[str]:
    rng = random.Random(seed * 1_000_003 + n_people)
    tmp = tempfile.mkdtemp()
    setup_django(database_url or f"sqlite:///{tmp}/bench.sqlite3")
    from django.db import connection

    from frontdoor.demo.users import create_demo_users
    from frontdoor.people.matching import MatchFields
    from frontdoor.people.models import PersonName
    from frontdoor.people.selectors import person_match

    user = create_demo_users()["mash.worker"]
    started = time.perf_counter()
    originals = [make_person(rng) for _ in range(n_people)]
    sample = rng.sample(range(n_people), n_queries)
    kinds = [choose_kinds(rng) for _ in sample]
    duplicates = [corrupt(originals[i], rng, k) for i, k in zip(sample, kinds, strict=True)]
    ids = load(originals + duplicates)
    load_s = time.perf_counter() - started
    original_ids = [ids[i] for i in sample]
    duplicate_ids = ids[n_people:]

    hits = {1: 0, 5: 0, 10: 0}
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    times: list[float] = []
    scan_times: list[float] = []
    scan_found = 0
    for dup, dup_id, want, k in zip(duplicates, duplicate_ids, original_ids, kinds, strict=True):
        query = MatchFields(
            first_name=dup["first"],
            last_name=dup["last"],
            date_of_birth=dup["dob"],
            postcode=dup["postcode"],
        )
        t0 = time.perf_counter()
        results = person_match(user=user, query=query, limit=11)
        times.append((time.perf_counter() - t0) * 1000)
        ranked = [r.person.pk for r in results if r.person.pk != dup_id]
        for cut in hits:
            hits[cut] += want in ranked[:cut]
        for kind in k:
            by_kind[kind][0] += want in ranked[:5]
            by_kind[kind][1] += 1
        if len(scan_times) >= scan_queries:
            continue
        # The plain scan a simple system does: both names as typed, anywhere in the name.
        t0 = time.perf_counter()
        scanned = list(
            PersonName.objects.filter(
                first_name__icontains=dup["first"].split(" ")[0],
                last_name__icontains=dup["last"].split(" ")[-1],
            ).values_list("person_id", flat=True)[:50]
        )
        scan_times.append((time.perf_counter() - t0) * 1000)
        scan_found += want in [i for i in scanned if i != dup_id]
    n_scans = len(scan_times)
    n = len(duplicates)
    median, p95 = statistics.median(times), percentile(times, 0.95)
    s_median, s_p95 = statistics.median(scan_times), percentile(scan_times, 0.95)
    label = f"{n_people:,} ({connection.vendor})"
    rows = [
        f"| {label} | {100 * hits[1] / n:.1f}% | {100 * hits[5] / n:.1f}% | {100 * hits[10] / n:.1f}%"
        f" | {median:.1f} | {p95:.1f} | {s_median:.1f} | {s_p95:.1f} | {s_median / median:.1f}×"
        f" | {100 * scan_found / n_scans:.1f}% |"
    ]
    detail = ", ".join(
        f"{kind} {100 * found / total:.0f}% ({total})"
        for kind, (found, total) in sorted(by_kind.items(), key=lambda kv: kv[0])
    )
    counts = Counter(len(k) for k in kinds)
    print(
        f"# {n_people:,} people + {n:,} duplicates loaded in {load_s:.0f}s on {connection.vendor};"
        f" corruptions per duplicate {dict(sorted(counts.items()))}",
        file=sys.stderr,
    )
    print(f"# recall@5 by corruption: {detail}", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument(
        "--scan-queries", type=int, default=200, help="how many queries also time the ILIKE scan"
    )
    parser.add_argument("--database-url")
    args = parser.parse_args()
    header = (
        "| People | Recall@1 | Recall@5 | Recall@10 | Median ms | p95 ms | ILIKE median ms"
        " | ILIKE p95 ms | Faster than ILIKE | ILIKE recall |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    if len(args.people) > 1:
        # Django can be set up once per process: run each size in its own process.
        import subprocess

        print(header)
        for n in args.people:
            cmd = [sys.executable, __file__, "--people", str(n), "--queries", str(args.queries)]
            cmd += ["--seed", str(args.seed), "--scan-queries", str(args.scan_queries)]
            if args.database_url:
                cmd += ["--database-url", args.database_url]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True)
            sys.stderr.write(out.stderr)
            print(out.stdout.strip().splitlines()[-1])
        return
    print(header)
    for row in run(args.people[0], args.queries, args.seed, args.database_url, args.scan_queries):
        print(row)


if __name__ == "__main__":
    main()
