"""Importing people from a legacy file: the documented sample, idempotence, every problem with its
row number and nothing half-imported, matching against the index, JSON lines, the audit rows."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent
from frontdoor.duplicates.models import DuplicatePair
from frontdoor.people.matching import MatchFields
from frontdoor.people.models import Address, ChronologyEntry, NameKind, Person, Relationship
from frontdoor.people.selectors import person_match
from frontdoor.people.tests.factories import make_child
from frontdoor.peopleimport.models import ExternalReference, ImportStatus, PeopleImport
from frontdoor.peopleimport.rows import COLUMNS, ImportFileError
from frontdoor.peopleimport.services import people_import

SAMPLES = Path(__file__).resolve().parents[4] / "docs" / "samples"
HEADER = ",".join(COLUMNS)


def _csv(*rows: str) -> io.BytesIO:
    return io.BytesIO(("\n".join([HEADER, *rows]) + "\n").encode())


def _row(legacy_id: str, first: str, last: str, dob: str = "2015-03-27", **kw: str) -> str:
    values = {"legacy_id": legacy_id, "first_name": first, "last_name": last}
    values |= {"date_of_birth": dob, **kw}
    return ",".join(values.get(c, "") for c in COLUMNS)


def _run(stream: io.BytesIO, actor: User | None = None, name: str = "f.csv") -> PeopleImport:
    return people_import(actor=actor, stream=stream, filename=name, system="CareFirst")


@pytest.mark.django_db
def test_it_imports_the_documented_sample(admin_user: User) -> None:
    with open(SAMPLES / "legacy-people.csv", "rb") as stream:
        record = _run(stream, admin_user, "legacy-people.csv")  # type: ignore[arg-type]
    assert record.status == ImportStatus.IMPORTED
    assert (record.rows, record.created, record.matched, record.needs_review) == (4, 4, 0, 0)
    zofia = ExternalReference.objects.get(system="CareFirst", value="CF-1002").person
    assert (zofia.first_name, zofia.middle_names, zofia.nhs_number) == (
        "Zofia",
        "Anna",
        "9434765919",
    )
    assert {(n.first_name, n.kind) for n in zofia.names.all()} == {
        ("Zofia", NameKind.CURRENT),
        ("Zosia", NameKind.OTHER),
    }
    marta = ExternalReference.objects.get(value="CF-1001").person
    assert marta.names.filter(kind=NameKind.PREVIOUS, last_name="Nowak").exists()
    tomasz = ExternalReference.objects.get(value="CF-1003").person
    # The identifier's status as person_create keeps it: a number is "recorded but not verified".
    assert (zofia.nhs_status, zofia.nhs_missing_reason) == ("unverified", "")
    assert (tomasz.nhs_status, tomasz.nhs_missing_reason) == ("not_known", "not_checked")
    assert tomasz.date_of_birth == date(2019, 1, 4)
    # No postcode, and an address abroad, are kept and say so.
    assert str(tomasz.addresses.get()) == "14 Larch Road, Demoton"
    aoife = ExternalReference.objects.get(value="CF-1004").person
    assert (aoife.addresses.get().postcode, aoife.addresses.get().country) == (
        "4050-262",
        "Portugal",
    )
    assert zofia.household == marta.household == tomasz.household
    assert zofia.household.label == "CareFirst household H-77"
    assert set(
        Relationship.objects.values_list("person__first_name", "other__first_name", "kind")
    ) == {
        ("Marta", "Zofia", "parent"),
        ("Marta", "Tomasz", "parent"),
        ("Zofia", "Tomasz", "sibling"),
        ("Tomasz", "Zofia", "sibling"),
    }
    created = AuditEvent.objects.filter(action="create", record_type="person", actor=admin_user)
    assert set(created.values_list("person_id", flat=True)) == set(
        Person.objects.values_list("pk", flat=True)
    )
    summary = AuditEvent.objects.get(action="import", record_type="people_import")
    assert summary.record_id == str(record.pk)
    assert summary.detail["created"] == 4
    # Children's chronologies say where the record came from; adults have none.
    assert ChronologyEntry.objects.filter(kind="imported").count() == 3


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing() -> None:
    rows = [_row("A1", "Amy", "Stone"), _row("A2", "Ben", "Stone", relationships="A1:sibling")]
    first = _run(_csv(*rows))
    again = _run(_csv(*rows))
    assert (first.created, again.created, again.already_imported) == (2, 0, 2)
    assert Person.objects.count() == 2
    assert ExternalReference.objects.count() == 2
    assert Relationship.objects.count() == 2


@pytest.mark.django_db
def test_a_file_with_problems_imports_nothing_and_lists_every_problem_by_row() -> None:
    record = _run(
        _csv(
            _row("B1", "Cara", "Lowe"),
            _row("B2", "", "Lowe", dob="31/02/2015", nhs_number="1234567890"),
            _row("B1", "Dan", "Lowe", postcode="NOT A CODE", address_line1="1 High St"),
            _row("B4", "Eve", "Lowe", relationships="Z9:parent", sex="X"),
            _row("B5", "Finn", "Lowe", postcode="DM1 4AB"),
        )
    )
    assert record.status == ImportStatus.REFUSED
    assert Person.objects.count() == 0
    assert ExternalReference.objects.count() == 0
    found = {(p["row"], p["field"]) for p in record.problems}
    assert found == {
        (3, "first_name"),
        (3, "date_of_birth"),
        (3, "nhs_number"),
        (4, "legacy_id"),
        (4, "postcode"),
        (5, "sex"),
        (5, "relationships"),
        (6, "address_line1"),
    }
    messages = {(p["row"], p["field"]): p["message"] for p in record.problems}
    assert messages[(4, "legacy_id")] == "The legacy id B1 is also on row 2"
    assert (
        messages[(5, "relationships")]
        == "No person with legacy id Z9 in this file or imported before"
    )
    assert messages[(6, "address_line1")].startswith("Enter the first line of the address")
    assert AuditEvent.objects.filter(action="import_refused").count() == 1


@pytest.mark.django_db
def test_it_matches_by_identifier_first_then_by_score() -> None:
    known = make_child("Zofia", "Kowalczyk", date(2015, 9, 3), nhs_number="9434765919")
    close = make_child("Jon", "Hartley", date(2014, 5, 6))
    record = _run(
        _csv(
            _row("C1", "Zosia", "Kowalski", dob="2016-01-01", nhs_number="943 476 5919"),
            _row("C2", "Jonathan", "Hartley", dob="2014-06-05"),
            _row("C3", "Priya", "Anand"),
        )
    )
    assert (record.created, record.matched, record.needs_review) == (1, 1, 1)
    assert ExternalReference.objects.get(value="C1").person == known
    assert Person.objects.count() == 4  # the matched one is linked, not created again
    pair = DuplicatePair.objects.get()
    new = ExternalReference.objects.get(value="C2").person
    assert {pair.person_a, pair.person_b} == {close, new}
    assert "date of birth day and month swapped" in pair.reasons_for
    assert pair.found_by == f"import {record.pk}"
    outcomes = {o["legacy_id"]: o for o in record.outcomes}
    assert outcomes["C1"]["outcome"] == "matched"
    assert outcomes["C2"]["outcome"] == "needs review"
    assert outcomes["C2"]["like"] == close.pk
    linked = AuditEvent.objects.get(action="link_external_reference")
    assert linked.person_id == known.pk


@pytest.mark.django_db
def test_it_reads_json_lines_with_lists() -> None:
    with open(SAMPLES / "legacy-people.jsonl", "rb") as stream:
        record = _run(stream, name="legacy-people.jsonl")  # type: ignore[arg-type]
    assert record.created == 2
    child = ExternalReference.objects.get(value="CF-2001").person
    assert child.last_name == "de Angelis"
    assert child.names.filter(first_name="Lachie", last_name="de Angelis").exists()
    assert Address.objects.get(person=child).postcode == "DM2 3BD"
    # Searchable at once: the import writes the search index's keys too.
    found = person_match(user=None, query=MatchFields.from_text("lachie de angelis"))
    assert found[0].person == child


@pytest.mark.django_db
def test_an_unreadable_file_is_refused_whole() -> None:
    with pytest.raises(ImportFileError, match="UTF-8"):
        _run(io.BytesIO("legacy_id,first_name,last_name\nA,\xe9,B\n".encode("latin-1")))
    with pytest.raises(ImportFileError, match="last_name missing"):
        _run(io.BytesIO(b"legacy_id,first_name\nA,B\n"))
    with pytest.raises(ImportFileError, match="CSV"):
        _run(io.BytesIO(b"x"), name="people.xlsx")
    assert not PeopleImport.objects.exists()


@pytest.mark.django_db
def test_the_command_imports_and_reports(tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("import_people", str(SAMPLES / "legacy-people.csv"), "--system", "CF", stdout=out)
    assert "4 created, 0 matched, 0 need review, 0 already imported" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "\n" + _row("X1", "", "Y") + "\n")
    with pytest.raises(CommandError, match="Nothing imported: 1 problems in 1 rows"):
        call_command("import_people", str(bad), stderr=io.StringIO())
