"""The access matrix's world: seeded objects for every URL pattern with an id (one, another, a
sealed child's, a sealed child's with every matrix user on the list, a missing id), the users and
their clients. The people a record is about are read from the gate's own audit rows of one probe
request, so the builder needs no knowledge of each model's shape."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import client_for, make_user
from frontdoor.core.calendar import months_before

from .matrix_records import matrix_records
from .matrix_table import ANONYMOUS, TABLE, variants_of

MISSING_ID = 987654
SEEDED_CONTACTS = 60
PROBED_IDS = 79  # ids 1..PROBED_IDS are tried when looking for each pattern's objects


@dataclass
class Pattern:
    name: str
    route: str
    kwarg: str  # the object id's name ("" for none)
    extra: list[str] = field(default_factory=list)  # other URL arguments


def url_patterns() -> list[Pattern]:
    found: list[Pattern] = []

    def walk(entries: list[Any], namespace: str) -> None:
        for entry in entries:
            if isinstance(entry, URLResolver):
                ns = ":".join(p for p in (namespace, entry.namespace or "") if p)
                walk(entry.url_patterns, ns)
            elif isinstance(entry, URLPattern):
                converters = getattr(entry.pattern, "converters", {})
                names = list(converters)
                # The object id: pk, person_id or another integer id (token_id). The partner
                # API's string ids are not objects here: every session is refused before them.
                kwarg = next(
                    (
                        n
                        for n in names
                        if n in ("pk", "person_id")
                        or (n.endswith("_id") and isinstance(converters[n], IntConverter))
                    ),
                    "",
                )
                extra = [n for n in names if n != kwarg]
                full = f"{namespace}:{entry.name}" if namespace else str(entry.name)
                found.append(Pattern(full, str(entry.pattern), kwarg, extra))

    walk(get_resolver().url_patterns, "")
    return found


@dataclass
class World:
    users: dict[str, User]
    clients: dict[str, Client]
    objects: dict[str, dict[str, int]]  # URL name -> variant -> id
    extra: dict[str, dict[str, str]]  # URL name -> other URL arguments
    per_object: dict[str, dict[str, dict[str, str]]]  # URL name -> variant -> other URL arguments
    sealed_names: dict[str, list[str]]  # URL name -> names of the sealed variant's people
    post_data: dict[str, dict[str, str]]  # URL name -> what an allowed POST sends (else nothing)
    query: dict[str, str]  # URL name -> query string
    unbuildable: dict[str, str]  # URL name -> why its object variants could not be built
    seconds: dict[str, float] = field(default_factory=dict)  # how long each stage of the build took


def _people_seen(response: Any) -> set[int]:
    request_id = response.get("X-Request-Id", "")
    return set(
        AuditEvent.objects.filter(request_id=request_id, person_id__isnull=False)
        .exclude(action="refused")
        .values_list("person_id", flat=True)
    )


def _extra_arguments(today: date) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    from frontdoor.reporting.figures import REGISTRY, compute
    from frontdoor.reporting.periods import Period

    period = Period(start=months_before(today, 12), end=today, team_id=None)
    key, row = next(iter(REGISTRY)), ""
    for candidate in REGISTRY:
        figure = compute(candidate, period)
        if figure.rows:
            key, row = candidate, figure.rows[0].key
            break
    extra = {
        "police:day": {"day": today.isoformat()},
        "reporting:figure_csv": {"key": key},
        "reporting:drilldown": {"key": key, "row": row},
        # The partner API refuses every session before it reads an id: any id will do.
        "api:concern": {"concern_id": "1"},
        "api:encompass_acknowledge": {"notice_id": "1"},
        "api:information_answer": {"information_request_id": "1"},
    }
    # The figures for the period the row was found in (the pages default to one ending today).
    query = {"reporting:figure_csv": period.query(), "reporting:drilldown": period.query()}
    return extra, query


def _engagement_extra(pk: int) -> dict[str, str] | None:
    """The engagement page is about one parent or significant other named for the assessment."""
    from frontdoor.assessments.models import PersonToSee

    see = PersonToSee.objects.filter(guidance__assessment=pk).values_list("pk", flat=True).first()
    return {"see_pk": str(see)} if see else None


# URL arguments that depend on the object (a sub-record of it): URL name -> id -> arguments, or None
# when that object has no such sub-record (the builder then looks further).
PER_OBJECT: dict[str, Callable[[int], dict[str, str] | None]] = {
    "assessments:assessment_engagement": _engagement_extra,
}


def _action_items() -> list[tuple[int, int]]:
    from frontdoor.child_protection.models import ActionItem

    items = ActionItem.objects.filter(discussion__isnull=False).order_by("pk")
    return list(items.values_list("pk", "discussion_id"))


def _meeting_actions() -> list[tuple[int, int]]:
    from frontdoor.allegations.models import MeetingAction

    return list(MeetingAction.objects.order_by("pk").values_list("pk", "meeting_id"))


def _api_tokens() -> list[tuple[int, int]]:
    """Two partner API tokens (none are seeded), made through the service by an administrator."""
    from frontdoor.administration.models import PartnerOrganisation
    from frontdoor.api.services import api_token_create

    admin = make_user("matrix_api_admin", Role.ADMIN, "Systems")
    found = []
    for name in ("Matrix School", "Matrix Surgery"):
        org = PartnerOrganisation.objects.create(name=name, agency="education")
        token, _secret = api_token_create(
            actor=admin, organisation=org, name="Case system", scopes=["concerns"]
        )
        found.append((token.pk, token.pk))
    return found


def _partner_organisations() -> list[tuple[int, int]]:
    """Two partner organisations of the administration area's own (none are seeded)."""
    from frontdoor.administration.models import PartnerOrganisation

    return [
        (org.pk, org.pk)
        for org in (
            PartnerOrganisation.objects.get_or_create(name=name, defaults={"agency": "police"})[0]
            for name in ("Matrix Police North", "Matrix Police South")
        )
    ]


# POST-only actions on a sub-record: URL name -> (the page showing its parent, the (id, parent id)
# pairs to try). The parent's page tells which people the action is about.
THROUGH: dict[str, tuple[str, Callable[[], list[tuple[int, int]]]]] = {
    "child_protection:action_done": ("child_protection:strategy_detail", _action_items),
    "allegations:action_done": ("allegations:meeting", _meeting_actions),
    "api_tokens:detail": ("api_tokens:detail", _api_tokens),
    "administration:organisation_edit": (
        "administration:organisation_edit",
        _partner_organisations,
    ),
}


def _names(people: set[int]) -> list[str]:
    from frontdoor.people.models import Person

    return [p.full_name for p in Person.objects.filter(pk__in=people)]


@dataclass
class Sealing:
    """Who is sealed so far: records about them serve as the sealed variants of later patterns."""

    probers: list[User]
    open: set[int] = field(default_factory=set)  # people behind a "one"/"another" object
    unlisted: set[int] = field(default_factory=set)  # sealed, no matrix user on the list
    listed: set[int] = field(default_factory=set)  # sealed, every matrix user on the list

    def variant_for(self, people: set[int], chosen: dict[str, int]) -> str:
        """Which still-missing variant a record about `people` can be, sealing them if needed."""
        sealed = self.unlisted | self.listed
        if not people & sealed:
            for variant in ("one", "another"):
                if variant not in chosen:
                    return variant
        if "sealed" not in chosen and people & self.unlisted:
            return "sealed"
        if "sealed_listed" not in chosen and people & self.listed and not people & self.unlisted:
            return "sealed_listed"
        if not people & (self.open | sealed):
            for variant in ("sealed", "sealed_listed"):
                if variant not in chosen:
                    return variant
        return ""

    def seal(self, people: set[int], *, listed: list[User]) -> None:
        """Seal these people through the service, with `listed` and the probers on each list."""
        from frontdoor.people.models import Person
        from frontdoor.people.services import person_access_grant, person_seal

        manager = User.objects.get(username=f"matrix_{Role.MASH_MANAGER}")
        for person in Person.objects.filter(pk__in=people):
            person_seal(actor=manager, person=person, reason="Access matrix test")
            for user in listed + self.probers:
                person_access_grant(actor=manager, person=person, user=user)
        (self.listed if listed else self.unlisted).update(people)


def _partner_submissions(users: dict[str, User], sealing: Sealing) -> dict[str, int]:
    """The matrix partner's own concerns (one open, one about a child sealed without them on the
    list, one sealed with them on it) and another partner's concern, for `own` patterns."""
    from frontdoor.intake.models import Contact
    from frontdoor.intake.partner import partner_concern_submit

    partner = users[Role.PARTNER]
    mine: list[Contact] = []
    for n, first in enumerate(("Ada", "Bea", "Cal")):
        mine.append(
            partner_concern_submit(
                actor=partner,
                first_name=first,
                last_name="Matrixton",
                date_of_birth=date(2015, 1, 1 + n),
                concerns="Synthetic concern for the access matrix",
                categories=["neglect"],
                parents_aware="yes",
            )
        )
    child = {c.pk: set(c.children.values_list("person_id", flat=True)) for c in mine}
    sealing.seal(child[mine[1].pk], listed=[])
    sealing.seal(child[mine[2].pk], listed=list(users.values()))
    other = (
        Contact.objects.filter(submitted_by_partner__isnull=False)
        .exclude(submitted_by_partner=partner)
        .values_list("pk", flat=True)
        .first()
    )
    assert other is not None, "seed_demo made no other partner's concern"
    return {
        "one": mine[0].pk,
        "another": other,
        "sealed": mine[1].pk,
        "sealed_listed": mine[2].pk,
        "missing": MISSING_ID,
    }


def _restart_id_sequences() -> None:
    """On PostgreSQL, earlier tests in the same run have moved every table's id sequence on (a
    rolled-back insert still uses up its id), so the seeded records would not be among ids
    1..PROBED_IDS. Set each sequence back to the table's largest id (1 when empty, as it is here)."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    if connection.vendor != "postgresql":
        return  # SQLite's test database is in memory and its ids follow the rows
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)


def build_world() -> World:
    from frontdoor.demo.management.commands.seed_demo import seed_demo

    started = time.monotonic()
    _restart_id_sequences()
    now = timezone.make_aware(datetime(2026, 11, 25, 11, 0))
    seed_demo(contacts=SEEDED_CONTACTS, seed=7, now=now)
    seconds = {"seed": time.monotonic() - started}
    users = {str(r): make_user(f"matrix_{r}", str(r), f"Team {r}") for r in Role}
    clients: dict[str, Client] = {r: client_for(u) for r, u in users.items()}
    clients[ANONYMOUS] = Client()
    # Probers find the objects: one per role, on every sealed person's access list, so a record
    # about someone already sealed can serve as a later pattern's sealed variant.
    probers = {str(r): make_user(f"probe_{r}", str(r), f"Team {r}") for r in Role}
    probe_clients = {r: client_for(u) for r, u in probers.items()}
    sealing = Sealing(probers=list(probers.values()))
    # Records the demo holds too few of, made for the matrix: each page probes its own records
    # (a meeting's action through its meeting's page).
    through = dict(THROUGH)
    for name, pairs in matrix_records(users).items():
        probe = "allegations:meeting" if name == "allegations:action_done" else name
        through[name] = (probe, pairs)
    seconds["records"] = time.monotonic() - started - seconds["seed"]
    patterns = {p.name: p for p in url_patterns()}
    objects: dict[str, dict[str, int]] = {}
    per_object: dict[str, dict[str, dict[str, str]]] = {}
    unbuildable: dict[str, str] = {}
    sealed_names: dict[str, list[str]] = {}
    # Pages whose object is found through themselves first, then those found through another.
    order = sorted(
        (p for p in patterns.values() if p.kwarg and p.name in TABLE),
        key=lambda p: bool(TABLE[p.name].like) and p.name not in through,
    )
    for pattern in order:
        rule = TABLE[pattern.name]
        if rule.like and pattern.name not in through:
            if rule.like in objects:
                objects[pattern.name] = objects[rule.like]
                if rule.like in sealed_names:
                    sealed_names[pattern.name] = sealed_names[rule.like]
            else:
                unbuildable[pattern.name] = unbuildable.get(rule.like, f"{rule.like} not built")
            continue
        if rule.own:
            objects[pattern.name] = _partner_submissions(users, sealing)
            continue
        client = probe_clients[sorted(rule.roles)[0] if rule.roles else Role.MASH_MANAGER]
        wanted = variants_of(rule)
        chosen: dict[str, int] = {"missing": MISSING_ID}
        extras: dict[str, dict[str, str]] = {"missing": {}}
        own = through.get(pattern.name)
        candidates = own[1]() if own else [(pk, pk) for pk in range(1, PROBED_IDS + 1)]
        for pk, probe_pk in candidates:
            if len(chosen) == len(wanted):
                break
            extra: dict[str, str] | None = {}
            if pattern.name in PER_OBJECT:
                extra = PER_OBJECT[pattern.name](pk)
                if extra is None:
                    continue
                extras["missing"] = {k: str(MISSING_ID) for k in extra}
            probe = own[0] if own else pattern.name
            response = client.get(reverse(probe, kwargs={pattern.kwarg: probe_pk, **extra}))
            if response.status_code != 200:
                continue
            people = _people_seen(response)
            if rule.no_child:
                variant = next((v for v in ("one", "another") if v not in chosen), "")
            else:
                variant = sealing.variant_for(people, chosen) if people else ""
            if not variant:
                continue
            if variant == "sealed":
                sealed_names[pattern.name] = _names(people)
            if variant in ("one", "another"):
                sealing.open |= people
            elif variant == "sealed" and not people & sealing.unlisted:
                sealing.seal(people, listed=[])
            elif variant == "sealed_listed" and not people & sealing.listed:
                sealing.seal(people, listed=list(users.values()))
            chosen[variant] = pk
            extras[variant] = extra
        if len(chosen) == len(wanted):
            objects[pattern.name] = chosen
            if pattern.name in PER_OBJECT:
                per_object[pattern.name] = extras
        else:
            unbuildable[pattern.name] = f"found only {sorted(chosen)} among ids 1-{PROBED_IDS}"
    extra, query = _extra_arguments(now.date())
    post_data = {
        # Link the first open child again and again: linked once, then "already linked".
        "allegations:child_add": {"person": str(objects.get("people:detail", {}).get("one", 0))},
    }
    seconds["probes"] = time.monotonic() - started - seconds["seed"] - seconds["records"]
    return World(
        users,
        clients,
        objects,
        extra,
        per_object,
        sealed_names,
        post_data,
        query,
        unbuildable,
        seconds,
    )
