"""Demo stage: people loaded from the council's previous system (one file imported, one refused
for a mistyped date), and children recorded twice, as happens at every front door (a typo in the
surname, a nickname, day and month swapped), found by the duplicate pass and queued for review.
Some are merged by the MASH manager (one merge then undone), one is marked "not the same person"."""

from __future__ import annotations

import io
from datetime import date

from frontdoor.demo.context import SeedContext
from frontdoor.duplicates.finding import find_duplicates
from frontdoor.duplicates.models import DuplicatePair
from frontdoor.duplicates.services import merge_undo, pair_mark_not_same, person_merge
from frontdoor.people.models import Person
from frontdoor.people.services import person_create
from frontdoor.peopleimport.services import people_import

TWINS = 10  # children recorded a second time
MERGED = 5  # of them, merged by the manager (the first merge then undone)

NICKNAMES = {"William": "Bill", "Elizabeth": "Beth", "Thomas": "Tom", "Jessica": "Jess"}


def _variant(child: Person, n: int) -> tuple[str, str, date | None]:
    first, last, born = child.first_name, child.last_name, child.date_of_birth
    if n % 3 == 0 and len(last) > 3:  # two letters swapped
        last = last[:2] + last[3] + last[2] + last[4:]
    elif n % 3 == 1:
        first = NICKNAMES.get(first, first)
        if born and born.day <= 12 and born.day != born.month:
            born = date(born.year, born.day, born.month)
    elif born:
        born = date(born.year, born.month, (born.day % 28) + 1)
    return first, last, born


LEGACY_HEADER = "legacy_id,kind,first_name,last_name,date_of_birth,sex,address_line1,town,postcode,household,relationships"


def _legacy_files(ctx: SeedContext) -> tuple[bytes, bytes]:
    """A small file from the old system (two families), and the same with a mistyped date."""
    from frontdoor.demo import names

    rows = []
    for family in range(2):
        last = ctx.rng.choice(names.LAST_NAMES)
        street = f"{ctx.rng.randrange(1, 90)} {ctx.rng.choice(names.STREETS)}"
        postcode = f"DM{family + 3} {ctx.rng.randrange(10)}AB"
        parent, child = f"OLD-{family}01", f"OLD-{family}02"
        rows.append(
            f"{parent},adult,{ctx.rng.choice(names.FIRST_NAMES_F)},{last},1986-05-1{family},F,"
            f"{street},Demoton,{postcode},HH-{family},{child}:parent"
        )
        rows.append(
            f"{child},child,{ctx.rng.choice(names.FIRST_NAMES_M)},{last},2016-0{family + 2}-21,M,"
            f"{street},Demoton,,HH-{family},"
        )
    good = "\n".join([LEGACY_HEADER, *rows]).encode()
    bad = "\n".join([LEGACY_HEADER, rows[0], rows[1].replace("2016-02-21", "2016-02-31")])
    return good, bad.encode()


def seed(ctx: SeedContext) -> None:
    admin = ctx.users.get("admin")
    good, bad = _legacy_files(ctx)
    people_import(
        actor=admin, stream=io.BytesIO(good), filename="carefirst-people.csv", system="CareFirst"
    )
    people_import(
        actor=admin, stream=io.BytesIO(bad), filename="carefirst-more.csv", system="CareFirst"
    )
    children = list(
        Person.objects.filter(
            kind="child", sealed=False, merged_into__isnull=True, date_of_birth__isnull=False
        ).order_by("pk")[:400]
    )
    if len(children) < TWINS:
        return
    chosen = ctx.rng.sample(children, TWINS)
    manager = ctx.users.get("mash.manager")
    twins = []
    for n, child in enumerate(chosen):
        first, last, born = _variant(child, n)
        twin = person_create(
            actor=None,
            first_name=first,
            last_name=last,
            date_of_birth=born,
            sex=child.sex,
            created_at=ctx.now,
        )
        twins.append((child, twin))
    found = find_duplicates(actor=None)
    ctx.count("duplicate pairs", found.new_pairs)
    if manager is None:
        return
    merged = 0
    for child, twin in twins:
        pair = DuplicatePair.objects.filter(
            person_a=min(child, twin, key=lambda p: p.pk),
            person_b=max(child, twin, key=lambda p: p.pk),
        ).first()
        if pair is None:
            continue
        if merged < MERGED:
            merge = person_merge(
                actor=manager,
                survivor_id=child.pk,
                merged_id=twin.pk,
                survivor_version=None,
                merged_version=None,
                take=[],
                reason="The same child, recorded again when a second concern came in.",
                pair=pair,
            )
            if merged == 0:
                merge_undo(
                    actor=manager,
                    merge_id=merge.pk,
                    version=None,
                    reason="Merged by mistake: checked with the school, these are two children.",
                )
            merged += 1
        elif merged == MERGED:
            pair_mark_not_same(
                actor=manager, pair_id=pair.pk, version=None, note="Cousins with the same name."
            )
            merged += 1
    ctx.count("merges", min(merged, MERGED))
