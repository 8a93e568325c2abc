"""Demo stage: families and case notes. Two new families recorded the way a practitioner would
(a household started for the first child, brothers, sisters and a parent added to it) with one
contact for all the children of each, waiting in the MASH queue to be screened together; a few
parents who moved out, their relationship ended with a date and a reason (kept as history).

Then case notes on recent cases (visits, phone calls, meetings and supervision by the
allocated worker, dated when they happened), management oversight by the MASH manager on most of
the recent screening decisions, allocations and assessment sign-offs — a few deliberately left
without, so the manager's record and home page show "management oversight needed".

Made through `casenotes.services.case_note_record`, deterministic for a seed (`ctx.rng`,
`ctx.now`), and bounded (at most about 150 notes) so the full seed stays fast.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q

from frontdoor.casenotes.models import NoteKind, OversightPoint
from frontdoor.casenotes.selectors import open_oversight_points
from frontdoor.casenotes.services import case_note_record, related_ids
from frontdoor.cases.models import Referral
from frontdoor.core.calendar import months_before
from frontdoor.demo.context import SeedContext
from frontdoor.intake.services import contact_record
from frontdoor.people.models import Person, PersonKind, Relationship, RelationshipKind
from frontdoor.people.services import (
    family_member_add,
    household_start,
    person_create,
    relationship_end,
)

VISIT_TEXT = [
    "Home visit. {child} showed me their bedroom, which was clean and warm. {child} said they "
    "feel safe at home and likes their new school.",
    "Unannounced visit after school. Home conditions had improved since the last visit; food in "
    "the fridge. {child} was seen alone and spoke about their friends.",
    "Visit with the health visitor. Parent engaged well and agreed the plan for the next fortnight.",
]
CALL_TEXT = [
    "Phone call with the school's designated safeguarding lead: attendance is 92% this half term; "
    "no new concerns.",
    "Phone call with parent to arrange the next visit. Parent said {child} has a GP appointment on "
    "Thursday.",
]
MEETING_TEXT = [
    "Core group meeting. School, health and the family attended. Actions agreed and shared.",
    "Network meeting with the school and the youth worker about {child}'s attendance.",
]
SUPERVISION_TEXT = [
    "Case discussed in supervision. Hypothesis reviewed; next steps: direct work with {child} "
    "and a joint visit with the school nurse.",
]
OVERSIGHT_TEXT = (
    "Management oversight: I have read the record and agree with the {point}. The child's "
    "lived experience is clear. Next: review in four weeks."
)
WANTED_CASES = 40
LEFT_WITHOUT_OVERSIGHT = 4  # recent points left for the manager to record


def _text(choices: list[str], ctx: SeedContext, child: Person) -> str:
    return ctx.rng.choice(choices).format(child=child.first_name)


def seed(ctx: SeedContext) -> None:
    referrals = list(
        Referral.objects.filter(closure_date__isnull=True, worker__isnull=False)
        .select_related("person", "worker")
        .order_by("-referral_date", "-id")[:WANTED_CASES]
    )
    for referral in referrals:
        child, worker = referral.person, referral.worker
        household = sorted(related_ids(child) - {child.pk})
        start = max(
            ctx.now - timedelta(days=60),
            ctx.now.replace(hour=9, minute=0)
            - timedelta(days=(ctx.now.date() - referral.referral_date).days),
        )
        for kind, texts in (
            (NoteKind.VISIT, VISIT_TEXT),
            (NoteKind.PHONE_CALL, CALL_TEXT),
            (NoteKind.MEETING, MEETING_TEXT),
            (NoteKind.SUPERVISION, SUPERVISION_TEXT),
        ):
            if ctx.rng.random() < 0.35 and kind != NoteKind.VISIT:
                continue
            span = max(1, int((ctx.now - start).total_seconds() // 3600) - 2)
            happened = start + timedelta(hours=ctx.rng.randint(0, span))
            seen = [child.pk] if kind == NoteKind.VISIT else []
            if household and kind == NoteKind.VISIT:
                seen.append(ctx.rng.choice(household))
            case_note_record(
                actor=worker,
                person=child,
                kind=kind,
                occurred_at=happened,
                text=_text(texts, ctx, child),
                seen=list(Person.objects.filter(pk__in=seen)),
                now=min(ctx.now, happened + timedelta(hours=ctx.rng.randint(1, 30))),
            )
            ctx.count("case notes")
    _oversight(ctx)
    _families(ctx)


def _oversight(ctx: SeedContext) -> None:
    """The MASH manager records oversight on the recent points, leaving the latest few open."""
    manager = ctx.users.get("mash.manager")
    if manager is None:
        return
    latest = {}
    for entry in open_oversight_points(ctx.now):
        latest[entry.person_id] = entry
    points = sorted(latest.values(), key=lambda e: e.occurred_at)
    for entry in points[: max(0, len(points) - LEFT_WITHOUT_OVERSIGHT)][-60:]:
        happened = min(ctx.now, entry.occurred_at + timedelta(hours=ctx.rng.randint(2, 48)))
        label = str(OversightPoint(entry.kind).label).lower()
        case_note_record(
            actor=manager,
            person=entry.person,
            kind=NoteKind.MANAGEMENT_OVERSIGHT,
            occurred_at=happened,
            text=OVERSIGHT_TEXT.format(point=label),
            oversight_point=entry.kind,
            now=happened,
        )
        ctx.count("management oversight notes")


NEW_FAMILIES = [
    ("Okafor", [("Chidi", 9), ("Ada", 6), ("Ngozi", 2)], ("Grace", 34)),
    ("Lindqvist", [("Freya", 12), ("Elias", 8)], ("Anna", 41)),
]


def _families(ctx: SeedContext) -> None:
    worker = ctx.users.get("mash.worker")
    when = ctx.now - timedelta(hours=3)
    for surname, children, (parent, parent_age) in NEW_FAMILIES:
        (first, age), *others = children
        eldest = person_create(
            actor=worker,
            first_name=first,
            last_name=surname,
            date_of_birth=_born(ctx, age),
            created_at=when,
        )
        household_start(actor=worker, person=eldest, now=when)
        kids = [eldest]
        for name, years in others:
            kids.append(
                family_member_add(
                    actor=worker,
                    child=eldest,
                    relationship=RelationshipKind.SIBLING,
                    first_name=name,
                    last_name=surname,
                    kind=PersonKind.CHILD,
                    date_of_birth=_born(ctx, years),
                    now=when,
                )
            )
        family_member_add(
            actor=worker,
            child=eldest,
            relationship=RelationshipKind.PARENT,
            first_name=parent,
            last_name=surname,
            kind=PersonKind.ADULT,
            date_of_birth=_born(ctx, parent_age),
            parental_responsibility=True,
            now=when,
        )
        contact_record(
            actor=worker,
            received_at=when + timedelta(minutes=30),
            channel="phone",
            source="2A",
            concerns="A new family to the area: the school says the children often arrive hungry "
            "and the youngest has not been seen by a health visitor since the move.",
            parents_aware="yes",
            children=kids,
            categories=["neglect"],
            source_organisation="Demoton Primary School",
            referrer_name="Designated safeguarding lead",
            now=ctx.now,
        )
        ctx.count("new families (one contact for all their children)")
    # Parents who moved out: the relationship ended with a date and a reason, kept as history.
    # Only relationships that began at least 90 days ago (or whose start is not recorded), so the
    # end falls after the start.
    latest_start = (ctx.now - timedelta(days=90)).date()
    moved = (
        Relationship.objects.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=latest_start),
            kind=RelationshipKind.PARENT,
            end_date__isnull=True,
            other__sealed=False,
        )
        .select_related("person", "other")
        .order_by("-pk")[:40]
    )
    for rel in ctx.rng.sample(list(moved), min(3, len(moved))):
        relationship_end(
            actor=worker,
            relationship=rel,
            end_date=(ctx.now - timedelta(days=ctx.rng.randint(10, 90))).date(),
            reason="Moved out of the family home after the parents separated",
            expected_version=None,
            now=ctx.now,
        )
        ctx.count("relationships ended")


def _born(ctx: SeedContext, years: int) -> date:
    return months_before(ctx.now.date(), years * 12) - timedelta(days=ctx.rng.randint(20, 300))
