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

import logging
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from frontdoor.accounts.roles import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import client_for

from .matrix_table import ANONYMOUS, ROLES, TABLE, Rule, variants_of
from .matrix_world import World, build_world, url_patterns


def test_every_url_pattern_has_exactly_one_entry_in_the_table() -> None:
    names = [p.name for p in url_patterns()]
    assert sorted(set(names) - set(TABLE)) == [], "add these URL names to TABLE"
    assert sorted(set(TABLE) - set(names)) == [], "these TABLE entries name no URL pattern"


def test_the_rules_hold_whatever_roles_py_says() -> None:
    """TABLE reads each page's roles from accounts/roles.py, so a capability given to the wrong
    role would move the matrix with it. These rules are pinned by role here instead."""
    child_records = [n for n, r in TABLE.items() if r.obj and not (r.no_child or r.own or r.api)]
    assert len(child_records) > 80
    for name in child_records:
        # Partners see only what they sent; the administrator manages accounts, not cases (break-
        # glass is a grant on one person, not a role); the analyst sees figures.
        assert not TABLE[name].roles & {Role.PARTNER, Role.ADMIN, Role.ANALYST}, name
    for name, rule in TABLE.items():
        if name.startswith("allegations:"):
            assert rule.roles == {Role.DESIGNATED_OFFICER}, name
        if name.startswith(("administration:", "api_tokens:", "accounts:admin_")):
            assert rule.roles == {Role.ADMIN}, name
        if rule.api:
            assert rule.roles == frozenset() and not rule.public, name
    # A subject access export only for the designated data protection role (docs/data-protection.md).
    assert TABLE["dataprotection:subject_access"].roles == {Role.MASH_MANAGER}


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Seeded objects for the whole module, rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
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
    if rule.absent:
        return "absent"
    if rule.api:
        return "api" if method in rule.methods else "405"
    if role == ANONYMOUS:
        return "allowed" if rule.public else "login"
    if role not in rule.roles:
        return "refused"
    if rule.own:
        return "404" if variant in ("another", "missing") else "allowed"
    if rule.masks_sealed and variant == "sealed":
        return "masked"
    if variant in ("sealed", "missing"):
        return "404"
    return "allowed"


def _answer_matches(expected: str, rule: Rule, role: str, method: str, response: Any) -> bool:
    status = response.status_code
    if expected == "login":
        return status == 302 and response["Location"].startswith("/accounts/login/")
    if expected == "api":
        return status == 401
    if expected == "absent":
        return status == 404
    if expected == "405":
        return status == 405
    if expected == "refused":
        return status in (403, 404)
    if expected == "404":
        # A POST-only action answers 405 to any GET, before it looks at the id: nothing leaks.
        return status == 404 or (method == "GET" and rule.post_only and status == rule.get_ok)
    if method == "GET":
        return status == (200 if role == ANONYMOUS else rule.get_ok)
    return status not in (403, 404) and status < 500


def _refusal_audited(response: Any) -> bool:
    return AuditEvent.objects.filter(request_id=response["X-Request-Id"], action="refused").exists()


@pytest.fixture
def quiet_refusals() -> Iterator[None]:
    """Thousands of cells are refused on purpose: Django's warning (with a traceback) for each
    403, 404 and 405 only slows the run. Errors (a 500) are still logged."""
    request_log = logging.getLogger("django.request")
    level = request_log.level
    request_log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        request_log.setLevel(level)


@pytest.mark.django_db
def _text_of(response: Any) -> str:
    """What a page or export shows as text (CSV exports stream); "" for binary downloads."""
    kind = response.get("Content-Type", "")
    if not (kind.startswith("text/") or "json" in kind):
        return ""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode(errors="replace")


def _hidden_names(world: World) -> dict[str, list[str]]:
    """For each role's matrix user, the names of the sealed people it is not on the access list of
    (the matrix's own sealed children and the demo's), as they would appear in a page, raw or
    HTML-escaped. A name some other person also has is left out, so a page naming that other
    person is not mistaken for a leak."""
    from django.utils.html import escape

    from frontdoor.intake.models import Contact
    from frontdoor.people.access import restricted_ids
    from frontdoor.people.models import Person

    sealed = list(Person.objects.filter(sealed=True))
    names: dict[str, list[str]] = {}
    for role, user in world.users.items():
        hidden = restricted_ids(user, [p.pk for p in sealed])
        shown = {p.full_name for p in Person.objects.exclude(pk__in=hidden)}
        # A partner sees the names they typed on their own concerns (and nothing from the index):
        # that is their own information, even if the child has been sealed since.
        typed = {
            (c.partner_child_details or {}).get("name", "")
            for c in Contact.objects.filter(submitted_by_partner=user)
        }
        found = {p.full_name for p in sealed if p.pk in hidden} - shown - typed
        names[role] = sorted(found | {escape(n) for n in found})
    return names


# The cells are checked in shards, each a share of the URL patterns, so that test workers can check
# them at once (each worker builds the world once). Together the shards check every pattern.
SHARDS = 6


@pytest.mark.spread
@pytest.mark.usefixtures("quiet_refusals")
@pytest.mark.parametrize("shard", range(SHARDS))
def test_the_access_matrix(world: World, django_db_blocker: Any, shard: int) -> None:
    started = time.monotonic()
    failures: list[str] = []
    cells = 0
    every = sorted(url_patterns(), key=lambda p: p.name)
    patterns = every[shard::SHARDS]
    missing: list[str] = []  # the first test names them; the other cells still run
    leaks = 0
    with django_db_blocker.unblock():
        # A sealed child's name appears on no page to anyone not on the access list: every page
        # served below is searched for the names of the sealed children (and siblings of the
        # children the pages are about) that its user may not see.
        hidden_names = _hidden_names(world)
        assert all(hidden_names[r] for r in world.users), "the world must hold sealed children"
        for method in ("GET", "POST"):
            for pattern in patterns:
                if pattern.name not in TABLE:
                    missing.append(pattern.name)
                    continue
                rule = TABLE[pattern.name]
                if pattern.kwarg and pattern.name not in world.objects:
                    continue
                variants = variants_of(rule) if pattern.kwarg else ("page",)
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
                        if pattern.name in world.query:
                            url = f"{url}?{world.query[pattern.name]}"
                        data = world.post_data.get(pattern.name, {})
                        response = client.get(url) if method == "GET" else client.post(url, data)
                        cells += 1
                        expected = _expected(rule, role, variant, method)
                        cell = Cell(
                            pattern.name, role, variant, method, expected, response.status_code
                        )
                        if not _answer_matches(expected, rule, role, method, response):
                            failures.append(str(cell))
                        if response.status_code == 200 and role in hidden_names:
                            shown = _text_of(response)
                            for name in hidden_names[role]:
                                if name in shown:
                                    leaks += 1
                                    failures.append(f"{cell} (names the sealed child {name!r})")
                        elif expected == "masked" and response.status_code == 200:
                            shown = response.content.decode()
                            for name in world.sealed_names.get(pattern.name, []):
                                if name in shown:
                                    failures.append(f"{cell} (shows the sealed child {name!r})")
                        elif expected == "api" or (
                            expected in ("refused", "404") and response.status_code in (403, 404)
                        ):
                            if not _refusal_audited(response):
                                failures.append(f"{cell} (refusal not audited)")
    built = sum(1 for p in patterns if p.kwarg and p.name in world.objects)
    summary = (
        f"\naccess matrix shard {shard + 1} of {SHARDS}: {len(patterns)} URL patterns ({built} with objects built, "
        f"{len(world.unbuildable)} without, {len(set(missing))} with no TABLE entry), "
        f"{cells} cells, {len(failures)} failing ({leaks} naming a sealed child), "
        f"{time.monotonic() - started:.0f}s; world built in "
        + ", ".join(f"{stage} {s:.0f}s" for stage, s in world.seconds.items())
        + "\n"
    )
    sys.__stderr__.write(summary)
    for name, why in sorted(world.unbuildable.items()):
        sys.__stderr__.write(f"  objects not built for {name}: {why}\n")
    failures += [f"{name}: no entry in TABLE" for name in sorted(set(missing))]
    assert failures == [], f"{len(failures)} cells differ from TABLE:\n" + "\n".join(failures)


@pytest.mark.django_db
def test_every_object_pattern_has_its_objects_built(world: World) -> None:
    assert world.unbuildable == {}, "\n".join(
        f"{name}: {why}" for name, why in sorted(world.unbuildable.items())
    )
