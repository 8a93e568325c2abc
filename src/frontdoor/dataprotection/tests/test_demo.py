"""On seeded demo data (a council's copy): the dry run lists what is due, a real run destroys it
except under a legal hold, and a subject access export of a demo child holds every record type the
child has with no third party's name unredacted. Seeded once for the module (it is slow)."""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import client_for, make_user
from frontdoor.dataprotection.export.collect import SECTIONS, collect
from frontdoor.dataprotection.export.redact import find_third_parties
from frontdoor.dataprotection.models import SubjectAccessExport
from frontdoor.dataprotection.retention import due_allegations, due_people
from frontdoor.dataprotection.services import legal_hold_place
from frontdoor.people.models import Person, PersonAccess, PersonName, Seal
from frontdoor.sharing.models import SharingRecord

from .conftest import DEMO_NOW

REVIEW_DAY = date(2045, 1, 1)  # far enough on that some demo children are past 25


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    from frontdoor.demo.management.commands.seed_demo import seed_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed_demo(contacts=40, seed=3, now=DEMO_NOW)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _richest_child() -> Person:
    children = Person.objects.filter(kind="child").order_by("pk")[:300]
    return max(children, key=lambda p: (len({s.model for s in collect(p.pk)}), -p.pk))


def _pdf_text(pdf: bytes) -> str:
    text = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text.append(zlib.decompress(stream).decode("latin-1"))
        except zlib.error:
            text.append(stream.decode("latin-1"))
    return "\n".join(text)


@pytest.mark.django_db
def test_it_lists_what_the_dry_run_would_remove_on_the_demo_data(seeded: None) -> None:
    due = due_people(REVIEW_DAY)
    assert len(due) > 0
    out = io.StringIO()
    with time_machine.travel(datetime(2045, 1, 1, 12, 0, tzinfo=UTC), tick=False):
        call_command("apply_retention", "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    would = [line for line in lines if line.startswith("Would destroy person")]
    assert sorted(int(line.split()[3]) for line in would) == sorted(r.person_id for r in due)
    allegations = due_allegations(REVIEW_DAY)
    assert [line for line in lines if line.startswith("Would destroy allegation")] == [
        f"Would destroy allegation {a.reference}: kept until {until}" for a, until in allegations
    ]
    total = len(due) + len(allegations)
    assert lines[-1] == f"Dry run on 2045-01-01: {total} would be destroyed, 0 kept."
    # Nothing changed, and no name is printed.
    assert Person.objects.filter(pk__in=[r.person_id for r in due]).count() == len(due)
    names = Person.objects.filter(pk__in=[r.person_id for r in due]).values_list(
        "last_name", flat=True
    )
    assert not any(name in out.getvalue() for name in names)


@pytest.mark.django_db
def test_a_real_run_removes_what_is_due_except_under_legal_hold(seeded: None) -> None:
    from frontdoor.duplicates.models import Merge

    officer = make_user("hold_officer", Role.MASH_MANAGER, "MASH")
    due = due_people(REVIEW_DAY)
    held = Person.objects.get(pk=due[0].person_id)
    legal_hold_place(actor=officer, person=held, reason="Civil claim CL-2044-1")
    # A person in a recorded merge (the demo merges a few duplicates) is kept and the run says
    # why: whether a merge's history goes with the records is left to the officer (an open
    # decision, docs/data-protection.md). Everyone else who is due goes.
    in_merges = set(Merge.objects.values_list("survivor_id", flat=True)) | set(
        Merge.objects.values_list("merged_id", flat=True)
    )
    kept_in_merges = [
        r.person_id for r in due if r.person_id in in_merges and r.person_id != held.pk
    ]
    out = io.StringIO()
    call_command("apply_retention", "--on", REVIEW_DAY.isoformat(), stdout=out)
    gone = [r.person_id for r in due if r.person_id != held.pk and r.person_id not in in_merges]
    assert len(gone) > 10
    assert Person.objects.filter(pk__in=gone).count() == 0
    assert Person.objects.filter(pk=held.pk).exists()
    assert f"Kept person {held.pk} (FD{held.pk:08d}, {held.kind}): under a legal hold" in (
        out.getvalue()
    )
    for pk in kept_in_merges:
        assert Person.objects.filter(pk=pk).exists()
        assert f"Kept person {pk} (FD{pk:08d}" in out.getvalue()
    stubs = AuditEvent.objects.filter(action="destroyed", record_type="person")
    assert sorted(int(s.record_id) for s in stubs) == sorted(gone)
    stub = stubs.get(record_id=str(gone[0]))
    assert stub.detail["removed"]["people.Person"] == 1
    assert stub.actor is None
    # The stub holds ids, a rule, a date and counts: no name of the person destroyed.
    assert set(stub.detail) == {"rule", "retained_until", "removed"}
    # Only the held and merged people are still due (adults whose children went are destroyed
    # with them).
    assert sorted(r.person_id for r in due_people(REVIEW_DAY)) == sorted([held.pk, *kept_in_merges])


@pytest.mark.django_db
def test_a_full_round_destroys_every_record_of_a_seeded_child(seeded: None) -> None:
    child = _richest_child()
    before = {s.model for s in collect(child.pk)} - {"audit.AuditEvent"}
    assert len(before) >= 12
    from frontdoor.dataprotection.services import person_destroy

    removed = person_destroy(actor=None, person_id=child.pk, day=date(2200, 1, 1))
    assert not Person.objects.filter(pk=child.pk).exists()
    assert {s.model for s in collect(child.pk)} == {"audit.AuditEvent"}
    # A contact (and its updates to the referrer) or a police notification about siblings too
    # stays: it is theirs as well (this child's own line on it goes).
    shared = {"intake.Contact", "screening.ReferrerUpdate", "police.PoliceNotification"}
    for label in before - shared:
        assert removed.get(label, 0) >= 1, label
    assert AuditEvent.objects.filter(
        action="destroyed", record_type="person", record_id=str(child.pk)
    ).exists()


@pytest.mark.django_db
def test_a_subject_access_export_of_a_demo_child_has_every_record_type_and_no_third_party_name(
    seeded: None,
) -> None:
    officer = make_user("sar_officer", Role.MASH_MANAGER, "MASH")
    child = _richest_child()
    expected = {s.model for s in collect(child.pk)}
    parties = find_third_parties(child)
    assert len(parties) >= 3
    third_party_names = {
        f"{n.first_name} {n.last_name}"
        for n in PersonName.objects.filter(
            person_id__in=[t.person_id for t in parties if t.person_id]
        )
    } | {name for t in parties for name in t.names}
    client = client_for(officer)
    response = client.post(
        f"/data-protection/people/{child.pk}/subject-access/",
        {
            "requester": "The young person",
            "received_on_day": "3",
            "received_on_month": "11",
            "received_on_year": "2026",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    folder = response["Content-Disposition"].split('"')[1].removesuffix(".zip")
    assert sorted(archive.namelist()) == [f"{folder}/records.json", f"{folder}/records.pdf"]
    data = json.loads(archive.read(f"{folder}/records.json"))
    assert {s["model"] for s in data["sections"]} == expected
    assert data["third_parties_redacted"] == len(parties)
    raw = archive.read(f"{folder}/records.json").decode()
    pdf = _pdf_text(archive.read(f"{folder}/records.pdf"))
    for name in third_party_names:
        assert name.lower() not in raw.lower(), name
        assert name.lower() not in pdf.lower(), name
    assert f'"first_name": "{child.first_name}"' in raw
    assert "[Redacted: third party 1]" in raw
    export = SubjectAccessExport.objects.get(person=child)
    assert export.record_types == sorted(expected)
    assert export.released == []
    audit = AuditEvent.objects.get(action="subject_access_export", person_id=child.pk)
    assert audit.record_id == str(export.pk) and audit.actor == officer
    share = SharingRecord.objects.get(person=child, purpose="subject_access")
    assert share.recipient == "The young person"


def test_every_model_about_a_person_is_exported() -> None:
    """A model with a foreign key to Person (directly) must have a section in the export."""
    from django.apps import apps

    exported = {model for _, model, _ in SECTIONS}
    about_people = {
        m
        for m in apps.get_models()
        if m.__module__.startswith("frontdoor")
        and any(
            getattr(f, "related_model", None) is Person and f.concrete for f in m._meta.get_fields()
        )
    }
    # Access control, not information about the person: the access list, and the seal (why a
    # record is sealed can itself reveal what the seal protects, e.g. an adoption; the officer
    # considers it apart from the export). The views they allowed are in the audit section.
    ignored = {User, PersonAccess, Seal}
    assert sorted(m._meta.label for m in about_people - exported - ignored) == []
