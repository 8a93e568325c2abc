"""Demo households, people and contacts, made through the same services the pages use."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from frontdoor.core.calendar import LONDON
from frontdoor.intake.models import Channel, ConcernCategory, ParentsAware
from frontdoor.intake.services import contact_record
from frontdoor.people.models import Person, PersonKind
from frontdoor.people.services import household_create, person_create, relationship_add

from . import names
from .context import SeedContext

# Contact sources, weighted roughly as national figures (police ~30%, schools ~20%, health ~15%).
SOURCE_WEIGHTS = {
    "6": 30,
    "2A": 18,
    "2B": 2,
    "3A": 3,
    "3B": 3,
    "3C": 1,
    "3D": 2,
    "3E": 4,
    "3F": 3,
    "4": 2,
    "5A": 2,
    "5B": 2,
    "5C": 2,
    "5D": 3,
    "7": 3,
    "8": 4,
    "1A": 7,
    "1B": 2,
    "1C": 1,
    "1D": 1,
    "9": 3,
    "10": 1,
}
ORGANISATIONS = {
    "6": "Demoshire Police",
    "2A": "Demoton Primary School",
    "2B": "Education Welfare Service",
    "3A": "Riverside GP Practice",
    "3B": "Health Visiting Service",
    "3C": "School Nursing Service",
    "3D": "Community Midwifery",
    "3E": "Demoton General Hospital A&E",
    "3F": "Child and Adolescent Mental Health",
    "4": "Demoshire Housing",
    "5A": "Adult Social Care",
    "5B": "Youth Justice Service",
    "5C": "Another council's children's services",
    "5D": "Early Help Hub",
    "7": "Probation Service",
    "8": "Family Support Charity",
}
CONCERN_TEXT = {
    "neglect": "The children often arrive hungry and in unwashed clothes; the home was cold and without food.",
    "physical": "The child had bruising to the upper arm and said a parent grabbed them.",
    "sexual": "The child disclosed something that may indicate sexual harm.",
    "emotional": "The child is frequently shouted at and described as withdrawn and anxious.",
    "domestic_abuse": "Police attended a domestic incident at the address; the children were in the house.",
    "exploitation": "The young person has been missing overnight and seen with older males in cars.",
    "mental_health": "A parent has been struggling with their mental health and is not coping.",
    "substance": "A parent was found under the influence of drugs while caring for the children.",
    "missing": "The young person went missing from home and was found by police the next day.",
    "family_stress": "The family is facing eviction and the parent says they cannot cope.",
    "behaviour": "Behaviour at school has deteriorated sharply; there are concerns about home life.",
    "disability": "A parent caring for a disabled child is asking for support.",
}


def _postcode(ctx: SeedContext) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"{ctx.rng.choice(names.POSTCODE_AREAS)} {ctx.rng.randint(1, 9)}{ctx.rng.choice(letters)}{ctx.rng.choice(letters)}"


def _synthetic_nhs(ctx: SeedContext) -> str:
    """A valid-checksum NHS number in the 999 range, which the NHS reserves for test data."""
    while True:
        base = "999" + "".join(str(ctx.rng.randint(0, 9)) for _ in range(6))
        check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(base)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return base + str(check)


# Synthetic UPNs use a real LA code (the demo council's own code, 999, is not one) so they pass the
# DfE's UPN rules (1510-1550); every UPN is unique (a running serial).
UPN_LA_CODE = "873"


def _synthetic_upn(ctx: SeedContext, dob: date) -> str:
    """A UPN in the DfE format with its check letter: LA code, school number, year, serial."""
    from stdnum.gb import upn

    ctx.count("UPNs")
    n = ctx.counts["UPNs"]
    body = f"{UPN_LA_CODE}{2000 + n // 1000:04d}{(dob.year + 5) % 100:02d}{n % 1000:03d}"
    return upn.calc_check_digit(body) + body


def _upn_fields(ctx: SeedContext, dob: date, age: float, nhs_number: str) -> dict[str, str]:
    """Most school-age children have a UPN (about 9 in 10; the rest "not yet known"); younger
    children are "not of school age". Chosen from the NHS number, not the random generator, so
    the rest of the demo is unchanged by it."""
    if age < 5:
        return {"upn_unknown": "UN1"}
    if int(nhs_number) % 10 == 0:
        return {"upn_unknown": "UN4"}
    return {"upn": _synthetic_upn(ctx, dob), "upn_unknown": ""}


def _dob(ctx: SeedContext, min_age: float, max_age: float) -> date:
    days = ctx.rng.randint(int(min_age * 365), int(max_age * 365))
    return (ctx.now - timedelta(days=days)).date()


def make_household(ctx: SeedContext, admin) -> list[Person]:  # type: ignore[no-untyped-def]
    """A household of one or two parents and one to four children (sometimes an unborn child)."""
    rng = ctx.rng
    last = rng.choice(names.LAST_NAMES)
    household = household_create(actor=admin, label=f"{last} household")
    address = {
        "line1": f"{rng.randint(1, 180)} {rng.choice(names.STREETS)}",
        "town": rng.choice(names.TOWNS),
        "postcode": _postcode(ctx),
    }
    created = ctx.now - timedelta(days=800)
    ethnicity = rng.choices(
        ["WBRI", "WOTH", "MWBC", "APKN", "ABAN", "BAFR", "BCRB", "AIND", "NOBT"],
        weights=[70, 5, 3, 5, 3, 4, 2, 3, 5],
    )[0]
    parents = []
    mother = person_create(
        actor=admin,
        kind=PersonKind.ADULT,
        first_name=rng.choice(names.FIRST_NAMES_F),
        last_name=last,
        date_of_birth=_dob(ctx, 22, 45),
        sex="F",
        ethnicity=ethnicity,
        household=household,
        address=address,
        created_at=created,
    )
    parents.append(mother)
    if rng.random() < 0.55:
        father = person_create(
            actor=admin,
            kind=PersonKind.ADULT,
            first_name=rng.choice(names.FIRST_NAMES_M),
            last_name=last,
            date_of_birth=_dob(ctx, 23, 50),
            sex="M",
            ethnicity=ethnicity,
            household=household if rng.random() < 0.7 else None,
            address=address,
            created_at=created,
        )
        parents.append(father)
    children = []
    for _ in range(rng.choices([1, 2, 3, 4], weights=[40, 35, 18, 7])[0]):
        sex = rng.choice("MF")
        first = rng.choice(names.FIRST_NAMES_M if sex == "M" else names.FIRST_NAMES_F)
        dob = _dob(ctx, 0.2, 17.5)
        age = (ctx.now.date() - dob).days / 365.25
        nhs_number = _synthetic_nhs(ctx)
        child = person_create(
            actor=admin,
            kind=PersonKind.CHILD,
            first_name=first,
            last_name=last,
            date_of_birth=dob,
            sex=sex,
            ethnicity=ethnicity,
            household=household,
            address=address,
            created_at=created,
            nhs_number=nhs_number,
            school=rng.choice(names.SCHOOLS) if age >= 4 else "",
            **_upn_fields(ctx, dob, age, nhs_number),
            disabilities=["NONE"]
            if rng.random() < 0.9
            else [rng.choice(["LD", "AUT", "COMM", "BEH", "MOB"])],
            first_language="English"
            if ethnicity in ("WBRI", "MWBC", "BCRB")
            else rng.choice(["English", "Urdu", "Polish", "Bengali", "Somali"]),
        )
        children.append(child)
    if rng.random() < 0.04:
        unborn = person_create(
            actor=admin,
            kind=PersonKind.UNBORN,
            first_name="Unborn",
            last_name=last,
            expected_date_of_birth=(ctx.now + timedelta(days=rng.randint(20, 150))).date(),
            household=household,
            address=address,
            created_at=created,
            ethnicity=ethnicity,
        )
        children.append(unborn)
    for parent in parents:
        for child in children:
            relationship_add(
                actor=admin,
                person=parent,
                other=child,
                kind="parent",
                parental_responsibility=True,
                lives_with=parent.household_id == household.pk,
            )
    for i, a in enumerate(children):
        for b in children[i + 1 :]:
            relationship_add(actor=admin, person=a, other=b, kind="sibling")
    ctx.count("households")
    ctx.count("people", len(parents) + len(children))
    return children


def _received_at(ctx: SeedContext, days_back: int) -> datetime:
    day = (ctx.now - timedelta(days=days_back)).astimezone(LONDON).date()
    while day.weekday() >= 5 and ctx.rng.random() < 0.85:  # fewer contacts at weekends
        day -= timedelta(days=1)
    hour = ctx.rng.choices(range(24), weights=[1] * 8 + [8] * 9 + [3] * 7)[0]
    moment = datetime(day.year, day.month, day.day, hour, ctx.rng.randint(0, 59), tzinfo=LONDON)
    return min(moment, ctx.now - timedelta(minutes=5))


def seed(ctx: SeedContext) -> None:
    """Households and contacts spread over the 24 months before now (about 60% about children
    already known, so histories, re-referrals and sibling groups appear)."""
    rng = ctx.rng
    mash = [ctx.users["mash.worker"]] + ctx.staff.get("mash_practitioner", [])
    police_partner = ctx.users.get("police.partner")
    school_partner = ctx.users.get("school.partner")
    families: list[list[Person]] = []
    sources, weights = zip(*SOURCE_WEIGHTS.items(), strict=True)
    offsets = sorted((rng.randint(0, 730) for _ in range(ctx.contacts_wanted)), reverse=True)
    for days_back in offsets:
        if families and rng.random() < 0.45:
            family = rng.choice(families)
        else:
            family = make_household(ctx, ctx.users["admin"])
            families.append(family)
        received = _received_at(ctx, days_back)
        kids = [c for c in family if c.kind == "child" or c.expected_date_of_birth]
        kids = [
            c
            for c in kids
            if (c.date_of_birth or c.expected_date_of_birth)
            <= received.date() + timedelta(days=200)
        ]
        if not kids:
            continue
        chosen = kids if rng.random() < 0.5 else [rng.choice(kids)]
        source = rng.choices(sources, weights=weights)[0]
        category = rng.choice(list(CONCERN_TEXT))
        channel = {"6": Channel.POLICE}.get(source) or rng.choice(
            [Channel.PHONE, Channel.EMAIL, Channel.ONLINE]
        )
        if received.hour < 8 or received.hour >= 18:
            channel = Channel.OUT_OF_HOURS if source != "6" else Channel.POLICE
        anonymous = source == "9"
        partner = (
            police_partner
            if source == "6" and rng.random() < 0.3
            else (school_partner if source == "2A" and rng.random() < 0.3 else None)
        )
        contact = contact_record(
            actor=rng.choice(mash),
            received_at=received,
            channel=channel,
            source=source,
            concerns=CONCERN_TEXT[category],
            categories=[category if category in ConcernCategory.values else "other"],
            parents_aware=rng.choice(ParentsAware.values),
            children=chosen,
            source_organisation=ORGANISATIONS.get(source, ""),
            referrer_name=""
            if anonymous
            else f"{rng.choice(names.FIRST_NAMES_F + names.FIRST_NAMES_M)} {rng.choice(names.LAST_NAMES)}",
            referrer_role={"6": "Police constable", "2A": "Designated safeguarding lead"}.get(
                source, "Referrer"
            ),
            referrer_phone=""
            if anonymous
            else f"01632 {rng.randint(100000, 999999)}",  # Ofcom drama range
            anonymous=anonymous,
            submitted_by_partner=partner,
            now=ctx.now,
        )
        ctx.contacts.append(contact)
        ctx.count("contacts")
