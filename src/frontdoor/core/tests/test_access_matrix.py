"""The access matrix: every URL pattern x every role (and an anonymous visitor) x, for patterns with
an object id, four objects (one, another, a sealed child's, a sealed child's with the user on the
access list) x GET and POST, checked against ONE table keyed by URL name.

The patterns come from the URL resolver, so a new page without an entry in TABLE fails the test.
Each entry says which capability opens the page (roles come from accounts/roles.py, so the table
reads as the access rules), whether it takes an object id, and how a wrong role is refused. The
rules behind every entry: partner users never reach a child's record; only designated officers
reach allegations; the administrator manages accounts and settings, not cases; a sealed child's
record answers 404 unless the user is on the access list; refusals (also of ids that do not exist)
are audited, with the request's server id.

Objects come from `seed_demo` (reproducible synthetic data), built once for the module. The people
a record is about are read from the gate's own audit rows of one probe request, so the test needs
no knowledge of each model's shape; the sealed variants seal exactly those people.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import CAPABILITIES, Role
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import client_for, make_user

MISSING_ID = 987654
SEEDED_CONTACTS = 60
PROBED_IDS = 79  # ids 1..PROBED_IDS are tried when looking for each pattern's objects
ANONYMOUS = "anonymous"
ROLES = [str(r) for r in Role] + [ANONYMOUS]


def who(*capabilities: str) -> frozenset[str]:
    """The roles holding any of these capabilities."""
    return frozenset(str(r) for r, caps in CAPABILITIES.items() if caps & set(capabilities))


EVERYONE = frozenset(str(r) for r in Role)


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    obj: bool = False  # the pattern takes an object id (pk / person_id)
    like: str = ""  # find the object through this pattern (same id) when this one is POST-only
    public: bool = False  # no sign-in needed (login page, health check)
    get_ok: int = 200  # what an allowed GET answers (302 for redirecting pages, 405 POST-only)
    # The record is the user's own (a partner's submission), not a child's: "another" is someone
    # else's and answers 404; sealing the child does not change it, as the page shows only what the
    # user sent and the outcome, never the child's record.
    own: bool = False


def page(*caps: str, get_ok: int = 200) -> Rule:
    return Rule(who(*caps), get_ok=get_ok)


def record(*caps: str, like: str = "", get_ok: int = 200) -> Rule:
    return Rule(who(*caps), obj=True, like=like, get_ok=get_ok)


def action(*caps: str, like: str) -> Rule:
    """A POST-only action on a record: GET answers 405 to anyone allowed."""
    return Rule(who(*caps), obj=True, like=like, get_ok=405)


TABLE: dict[str, Rule] = {
    # Core and accounts: the home page sends each role to its start page.
    "core:home": Rule(EVERYONE, get_ok=302),
    "core:health": Rule(EVERYONE, public=True),
    "core:admin_home": page("admin"),
    "accounts:login": Rule(EVERYONE, public=True, get_ok=302),
    "accounts:logout": Rule(EVERYONE, get_ok=405),
    # People: practitioners open records; partner, analyst and administrator never do.
    "people:search": page("view_people"),
    "people:create": page("edit_people"),
    "people:detail": record("view_people"),
    # Who has viewed a child, and a child's access list, show the child: the role must also open
    # people's records, so the administrator (audit and access lists, but no casework) is refused.
    "people:who_viewed": Rule(who("view_audit") & who("view_people"), obj=True),
    "people:access_list": Rule(who("manage_access") & who("view_people"), obj=True),
    # Intake: contacts by staff; partners submit and see only their own submissions.
    "intake:queue": page("view_queue"),
    "intake:contact_new": page("record_contact"),
    # Contacts belong to the MASH queue: the designated officer, EDT worker and exploitation
    # specialist open children's records in their own areas, not the queue's contacts.
    "intake:contact_detail": record("view_queue"),
    "intake:partner_home": page("submit_concern"),
    "intake:partner_submit": page("submit_concern"),
    "intake:partner_submission": Rule(who("submit_concern"), obj=True, own=True),
    # Screening.
    "screening:trays": page("screen"),
    "screening:late": page("authorise"),  # the managers' view of late decisions and why
    # Restricted-records managers (a flag on named users, not a role) and anyone on a sealed
    # person's access list who screens. Every matrix user is on the access lists of the
    # sealed_listed people, so every screening role is allowed here; screening/tests/
    # test_restricted.py refuses a screener on no list.
    "screening:restricted": page("screen"),
    "screening:contact_start": action("screen", like="intake:contact_detail"),
    "screening:referrer_update": record("give_feedback", like="intake:contact_detail"),
    "screening:detail": record("screen"),
    "screening:take": action("screen", like="screening:detail"),
    "screening:rag": record("screen", like="screening:detail"),
    "screening:request_new": record("request_information", like="screening:detail"),
    "screening:request_answer": record("request_information"),
    "screening:consent": record("screen", like="screening:detail"),
    "screening:consent_authorise": action("authorise", like="screening:detail"),
    "screening:decision": record("screen", like="screening:detail"),
    "screening:review": record("authorise", like="screening:detail"),
    "screening:siblings": record("screen", like="screening:detail"),
    "screening:referral_nfa": record("screen", like="screening:detail"),
    # Child protection and assessments.
    "child_protection:home": page("child_protection"),
    "child_protection:referral_detail": record("child_protection"),
    "child_protection:strategy_new": record(
        "child_protection", like="child_protection:referral_detail"
    ),
    "child_protection:strategy_detail": record("child_protection"),
    "child_protection:strategy_edit": record(
        "child_protection", like="child_protection:strategy_detail"
    ),
    "child_protection:action_done": action(
        "child_protection", like="child_protection:strategy_detail"
    ),
    "child_protection:s47_detail": record("child_protection"),
    "child_protection:s47_findings": record("child_protection", like="child_protection:s47_detail"),
    "child_protection:icpc_new": record("child_protection", like="child_protection:s47_detail"),
    "child_protection:plan_detail": record("child_protection"),
    "child_protection:plan_review": record("child_protection", like="child_protection:plan_detail"),
    "child_protection:plan_end": record("child_protection", like="child_protection:plan_detail"),
    "assessments:guidance_new": record("guide_assessment", like="child_protection:referral_detail"),
    "assessments:assessment_new": record("assess", like="child_protection:referral_detail"),
    "assessments:mapping_new": record("child_protection", like="child_protection:referral_detail"),
    "assessments:supervision_new": record(
        "child_protection", like="child_protection:referral_detail"
    ),
    "assessments:guidance_detail": record("assess", "guide_assessment"),
    "assessments:guidance_edit": record("guide_assessment", like="assessments:guidance_detail"),
    "assessments:assessment_detail": record("assess", "guide_assessment"),
    "assessments:assessment_print": record("assess", "guide_assessment"),
    "assessments:assessment_visit": record("assess", like="assessments:assessment_detail"),
    "assessments:assessment_voice": record("assess", like="assessments:assessment_detail"),
    "assessments:assessment_engagement": record("assess"),
    "assessments:assessment_conclude": record("assess", like="assessments:assessment_detail"),
    "assessments:assessment_signoff": record(
        "guide_assessment", like="assessments:assessment_detail"
    ),
    "assessments:mapping_detail": record("assess", "guide_assessment"),
    "assessments:safety_plan": record("assess", like="assessments:mapping_detail"),
    "assessments:mapping_edit": record("child_protection", like="assessments:mapping_detail"),
    "assessments:supervision_detail": record("assess", "guide_assessment"),
    "assessments:supervision_edit": record(
        "guide_assessment", like="assessments:supervision_detail"
    ),
    # Allegations: the designated officer only.
    "allegations:home": page("allegations"),
    "allegations:consultation_new": page("allegations"),
    "allegations:referral_new": page("allegations"),
    "allegations:detail": record("allegations"),
    "allegations:child_add": record("allegations", like="allegations:detail"),
    "allegations:initial_consideration": record("allegations", like="allegations:detail"),
    "allegations:meeting_new": record("allegations", like="allegations:detail"),
    "allegations:outcome": record("allegations", like="allegations:detail"),
    "allegations:outcome_decide": record("allegations", like="allegations:detail"),
    "allegations:meeting": record("allegations"),
    "allegations:meeting_feedback": record("allegations", like="allegations:meeting"),
    "allegations:action_done": action("allegations", like="allegations:meeting"),
    "allegations:subjects": page("allegations"),
    "allegations:subject_detail": record("allegations"),
    "allegations:report": page("allegations"),
    "allegations:report_csv": page("allegations"),
    # Police notifications.
    "police:home": page("police_screening"),
    "police:upload": page("police_screening"),
    "police:import": record("police_screening"),
    "police:day": page("police_screening"),
    "police:child": record("police_screening"),
    "police:child_confirm": record("police_screening", like="police:child"),
    "police:school_nurse": record("police_screening", like="police:child"),
    "police:marac": record("police_screening"),
    "police:review": page("police_screening"),
    "police:my_cases": page("police_screening"),
    "police:encompass": page("police_screening"),
    "police:encompass_record": record("police_screening"),
    # Out of hours.
    "out_of_hours:home": page("edt", "acknowledge_handover"),
    "out_of_hours:new": page("edt"),
    "out_of_hours:detail": record("edt", "acknowledge_handover"),
    "out_of_hours:handovers": page("edt", "acknowledge_handover"),
    "out_of_hours:acknowledge": action("acknowledge_handover", like="out_of_hours:detail"),
    # Exploitation.
    "exploitation:home": page("exploitation"),
    "exploitation:new": record("exploitation", like="people:detail"),
    "exploitation:detail": record("exploitation"),
    "exploitation:history": record("exploitation", like="people:detail"),
    # Early help.
    "earlyhelp:home": page("early_help"),
    "earlyhelp:stepdown_detail": record("early_help"),
    "earlyhelp:stepdown_accept": record("early_help", like="earlyhelp:stepdown_detail"),
    "earlyhelp:stepdown_decline": record("early_help", like="earlyhelp:stepdown_detail"),
    "earlyhelp:episode_detail": record("early_help"),
    "earlyhelp:episode_assessment": record("early_help", like="earlyhelp:episode_detail"),
    "earlyhelp:episode_end": record("early_help", like="earlyhelp:episode_detail"),
    "earlyhelp:episode_step_up": record("early_help", like="earlyhelp:episode_detail"),
    # Reporting: figures and returns, no casework.
    "reporting:dashboard": page("view_reports"),
    "reporting:figure_csv": page("view_reports"),
    "reporting:drilldown": page("view_reports"),
    "reporting:returns": page("export_returns"),
    "reporting:census_check": page("export_returns"),
    "reporting:census_download": page("export_returns"),
    "reporting:annex_a_download": page("export_returns"),
}

VARIANTS = ("one", "another", "sealed", "sealed_listed", "missing")


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
                names = list(getattr(entry.pattern, "converters", {}))
                kwarg = next((n for n in names if n in ("pk", "person_id")), "")
                extra = [n for n in names if n != kwarg]
                full = f"{namespace}:{entry.name}" if namespace else str(entry.name)
                found.append(Pattern(full, str(entry.pattern), kwarg, extra))

    walk(get_resolver().url_patterns, "")
    return found


def test_every_url_pattern_has_exactly_one_entry_in_the_table() -> None:
    names = [p.name for p in url_patterns()]
    assert sorted(set(names) - set(TABLE)) == [], "add these URL names to TABLE"
    assert sorted(set(TABLE) - set(names)) == [], "these TABLE entries name no URL pattern"


@dataclass
class World:
    users: dict[str, User]
    clients: dict[str, Client]
    objects: dict[str, dict[str, int]]  # URL name -> variant -> id
    extra: dict[str, dict[str, str]]  # URL name -> other URL arguments
    per_object: dict[str, dict[str, dict[str, str]]]  # URL name -> variant -> other URL arguments
    unbuildable: dict[str, str]  # URL name -> why its object variants could not be built


def _people_seen(response: Any) -> set[int]:
    request_id = response.get("X-Request-Id", "")
    return set(
        AuditEvent.objects.filter(request_id=request_id, person_id__isnull=False)
        .exclude(action="refused")
        .values_list("person_id", flat=True)
    )


def _extra_arguments(today: date) -> dict[str, dict[str, str]]:
    from frontdoor.reporting.figures import REGISTRY, compute
    from frontdoor.reporting.periods import Period

    period = Period(start=today - timedelta(days=365), end=today, team_id=None)
    key, row = next(iter(REGISTRY)), ""
    for candidate in REGISTRY:
        figure = compute(candidate, period)
        if figure.rows:
            key, row = candidate, figure.rows[0].key
            break
    return {
        "police:day": {"day": today.isoformat()},
        "reporting:figure_csv": {"key": key},
        "reporting:drilldown": {"key": key, "row": row},
    }


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


def _build_world() -> World:
    from frontdoor.demo.management.commands.seed_demo import seed_demo

    now = timezone.make_aware(datetime(2026, 11, 25, 11, 0))
    seed_demo(contacts=SEEDED_CONTACTS, seed=7, now=now)
    users = {str(r): make_user(f"matrix_{r}", str(r), f"Team {r}") for r in Role}
    clients: dict[str, Client] = {r: client_for(u) for r, u in users.items()}
    clients[ANONYMOUS] = Client()
    # Probers find the objects: one per role, on every sealed person's access list, so a record
    # about someone already sealed can serve as a later pattern's sealed variant.
    probers = {str(r): make_user(f"probe_{r}", str(r), f"Team {r}") for r in Role}
    probe_clients = {r: client_for(u) for r, u in probers.items()}
    sealing = Sealing(probers=list(probers.values()))
    patterns = {p.name: p for p in url_patterns()}
    objects: dict[str, dict[str, int]] = {}
    per_object: dict[str, dict[str, dict[str, str]]] = {}
    unbuildable: dict[str, str] = {}
    # Pages whose object is found through themselves first, then those found through another.
    order = sorted(
        (p for p in patterns.values() if p.kwarg), key=lambda p: bool(TABLE[p.name].like)
    )
    for pattern in order:
        rule = TABLE[pattern.name]
        if rule.like:
            if rule.like in objects:
                objects[pattern.name] = objects[rule.like]
            else:
                unbuildable[pattern.name] = unbuildable.get(rule.like, f"{rule.like} not built")
            continue
        if rule.own:
            objects[pattern.name] = _partner_submissions(users, sealing)
            continue
        client = probe_clients[sorted(rule.roles)[0] if rule.roles else Role.MASH_MANAGER]
        chosen: dict[str, int] = {"missing": MISSING_ID}
        extras: dict[str, dict[str, str]] = {"missing": {}}
        for pk in range(1, PROBED_IDS + 1):
            if len(chosen) == len(VARIANTS):
                break
            extra: dict[str, str] | None = {}
            if pattern.name in PER_OBJECT:
                extra = PER_OBJECT[pattern.name](pk)
                if extra is None:
                    continue
                extras["missing"] = {k: str(MISSING_ID) for k in extra}
            kwargs = {pattern.kwarg: pk, **extra}
            response = client.get(reverse(pattern.name, kwargs=kwargs))
            if response.status_code != 200:
                continue
            people = _people_seen(response)
            variant = sealing.variant_for(people, chosen) if people else ""
            if not variant:
                continue
            if variant in ("one", "another"):
                sealing.open |= people
            elif variant == "sealed" and not people & sealing.unlisted:
                sealing.seal(people, listed=[])
            elif variant == "sealed_listed" and not people & sealing.listed:
                sealing.seal(people, listed=list(users.values()))
            chosen[variant] = pk
            extras[variant] = extra
        if len(chosen) == len(VARIANTS):
            objects[pattern.name] = chosen
            if pattern.name in PER_OBJECT:
                per_object[pattern.name] = extras
        else:
            unbuildable[pattern.name] = f"found only {sorted(chosen)} among ids 1-{PROBED_IDS}"
    return World(users, clients, objects, _extra_arguments(now.date()), per_object, unbuildable)


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Seeded objects for the whole module, rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@dataclass
class Cell:
    pattern: str
    role: str
    variant: str
    method: str
    expected: str
    status: int

    def __str__(self) -> str:
        return (
            f"{self.pattern} {self.method} as {self.role} on {self.variant}: "
            f"expected {self.expected}, got {self.status}"
        )


def _expected(rule: Rule, role: str, variant: str, method: str) -> str:
    if role == ANONYMOUS:
        return "allowed" if rule.public else "login"
    if role not in rule.roles:
        return "refused"
    if rule.own:
        return "404" if variant in ("another", "missing") else "allowed"
    if variant in ("sealed", "missing"):
        return "404"
    return "allowed"


def _answer_matches(expected: str, rule: Rule, role: str, method: str, response: Any) -> bool:
    status = response.status_code
    if expected == "login":
        return status == 302 and response["Location"].startswith("/accounts/login/")
    if expected == "refused":
        return status in (403, 404)
    if expected == "404":
        # A POST-only action answers 405 to any GET, before it looks at the id: nothing leaks.
        return status == 404 or (method == "GET" and rule.get_ok == 405 and status == 405)
    if method == "GET":
        return status == (200 if role == ANONYMOUS else rule.get_ok)
    return status not in (403, 404) and status < 500


def _refusal_audited(response: Any) -> bool:
    return AuditEvent.objects.filter(request_id=response["X-Request-Id"], action="refused").exists()


@pytest.mark.django_db
def test_the_access_matrix(world: World, django_db_blocker: Any) -> None:
    started = time.monotonic()
    failures: list[str] = []
    cells = 0
    patterns = url_patterns()
    with django_db_blocker.unblock():
        for method in ("GET", "POST"):
            for pattern in patterns:
                rule = TABLE[pattern.name]
                if pattern.kwarg and pattern.name not in world.objects:
                    continue
                variants = VARIANTS if pattern.kwarg else ("page",)
                for role in ROLES:
                    for variant in variants:
                        kwargs = dict(world.extra.get(pattern.name, {}))
                        if pattern.kwarg:
                            kwargs[pattern.kwarg] = str(world.objects[pattern.name][variant])
                            kwargs.update(world.per_object.get(pattern.name, {}).get(variant, {}))
                        url = reverse(pattern.name, kwargs=kwargs)
                        client = world.clients[role]
                        if pattern.name == "accounts:logout" and role != ANONYMOUS:
                            client = client_for(world.users[role])  # signing out ends it
                        response = client.get(url) if method == "GET" else client.post(url, {})
                        cells += 1
                        expected = _expected(rule, role, variant, method)
                        cell = Cell(
                            pattern.name, role, variant, method, expected, response.status_code
                        )
                        if not _answer_matches(expected, rule, role, method, response):
                            failures.append(str(cell))
                        elif expected in ("refused", "404") and response.status_code != 405:
                            if not _refusal_audited(response):
                                failures.append(f"{cell} (refusal not audited)")
    built = sum(1 for p in patterns if p.kwarg and p.name in world.objects)
    summary = (
        f"\naccess matrix: {len(patterns)} URL patterns ({built} with objects built, "
        f"{len(world.unbuildable)} without), {cells} cells, {len(failures)} failing, "
        f"{time.monotonic() - started:.0f}s\n"
    )
    sys.__stderr__.write(summary)
    for name, why in sorted(world.unbuildable.items()):
        sys.__stderr__.write(f"  objects not built for {name}: {why}\n")
    assert failures == [], f"{len(failures)} cells differ from TABLE:\n" + "\n".join(failures)


@pytest.mark.django_db
def test_every_object_pattern_has_its_objects_built(world: World) -> None:
    assert world.unbuildable == {}, "\n".join(
        f"{name}: {why}" for name, why in sorted(world.unbuildable.items())
    )
