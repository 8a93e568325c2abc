"""A child's family: a household started for a new family, members added (dates of birth checked
like anywhere else), relationships ended with a date and reason (history kept, versioned), one
contact for all the household's children, and a sealed sibling shown only as "Restricted record"."""

from datetime import date

import pytest
import time_machine
from django.db import IntegrityError, transaction

from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import ChronologyEntry, Household, Person, Relationship
from frontdoor.people.selectors import household_of
from frontdoor.people.services import person_seal

from .factories import make_child, make_siblings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-12-01 10:00 +0000", tick=False):
        yield


def member(relationship="sibling", kind="child", first="Ben", dob=date(2018, 9, 12), **over):
    data = {
        "relationship": relationship,
        "kind": kind,
        "first_name": first,
        "last_name": "Harlow",
        "date_of_birth_day": str(dob.day) if dob else "",
        "date_of_birth_month": str(dob.month) if dob else "",
        "date_of_birth_year": str(dob.year) if dob else "",
        "expected_date_of_birth_day": "",
        "expected_date_of_birth_month": "",
        "expected_date_of_birth_year": "",
        "sex": "U",
        "start_date_day": "",
        "start_date_month": "",
        "start_date_year": "",
    }
    return data | over


def test_a_new_family_gets_a_household_members_and_one_contact_for_its_children(
    as_user, mash_worker
):
    amy = make_child("Amy", "Harlow", date(2015, 3, 2))
    client = as_user(mash_worker)
    started = client.post(f"/people/{amy.pk}/family/household/", {"label": ""})
    assert started.status_code == 302
    amy.refresh_from_db()
    assert amy.household.label == "Harlow family" and amy.version == 2
    assert AuditEvent.objects.filter(action="create", record_type="household").count() == 1
    assert client.post(f"/people/{amy.pk}/family/add/", member()).status_code == 302
    client.post(f"/people/{amy.pk}/family/add/", member(first="Cal", dob=date(2021, 1, 5)))
    client.post(
        f"/people/{amy.pk}/family/add/",
        member("parent", "adult", "Mary", date(1988, 6, 1), parental_responsibility="on"),
    )
    ben, cal, mary = (Person.objects.get(first_name=n) for n in ("Ben", "Cal", "Mary"))
    assert {p.household_id for p in (ben, cal, mary)} == {amy.household_id}
    rel = Relationship.objects.get(person=mary, other=amy)
    assert (rel.kind, rel.parental_responsibility, rel.start_date) == (
        "parent",
        True,
        date(2026, 12, 1),
    )
    assert Relationship.objects.filter(person=amy, other=ben, kind="sibling").exists()
    assert ChronologyEntry.objects.filter(person=amy, kind="household").count() == 4
    page = client.get(f"/people/{amy.pk}/family/").content.decode()
    assert "Record one contact for all 3 children" in page
    assert f"/contacts/new/?person={amy.pk}&amp;person={ben.pk}&amp;person={cal.pk}" in page
    form = client.get(f"/contacts/new/?person={amy.pk}&person={ben.pk}&person={cal.pk}")
    html = form.content.decode()
    for child in (amy, ben, cal):
        assert f'value="{child.pk}" checked' in html


def test_the_same_household_form_sent_twice_makes_one_household(as_user, mash_worker):
    amy = make_child("Amy", "Harlow")
    client = as_user(mash_worker)
    data = {"label": "", "form_token": "household-token-1"}
    client.post(f"/people/{amy.pk}/family/household/", data)
    client.post(f"/people/{amy.pk}/family/household/", data)
    assert Household.objects.count() == 1


def test_a_family_member_born_in_1890_is_refused_with_every_other_problem(as_user, mash_worker):
    amy = make_child("Amy", "Harlow")
    response = as_user(mash_worker).post(
        f"/people/{amy.pk}/family/add/",
        member(first="", dob=date(1890, 1, 1), parental_responsibility="on"),
    )
    body = response.content.decode()
    assert "A child&#x27;s date of birth must be within the last 25 years" in body
    assert "Enter the person&#x27;s first name" in body
    assert "Only a parent or carer has parental responsibility" in body
    assert Person.objects.count() == 1


def test_ending_a_relationship_keeps_it_as_history_both_ways(as_user, mash_worker):
    mother, amy, ben = make_siblings("Harlow")
    sib = Relationship.objects.get(person=amy, other=ben, kind="sibling")
    client = as_user(mash_worker)
    refused = client.post(
        f"/people/relationships/{sib.pk}/end/",
        {
            "end_date_day": "2",
            "end_date_month": "12",
            "end_date_year": "2026",
            "reason": "",
            "version": 1,
        },
    )
    body = refused.content.decode()
    assert "The date it ended must be today or in the past" in body
    assert "Enter why the relationship ended" in body
    ended = client.post(
        f"/people/relationships/{sib.pk}/end/",
        {
            "end_date_day": "30",
            "end_date_month": "11",
            "end_date_year": "2026",
            "reason": "Ben placed with his father",
            "version": 1,
        },
    )
    assert ended.status_code == 302
    assert set(
        Relationship.objects.filter(kind="sibling").values_list("end_date", "end_reason")
    ) == {(date(2026, 11, 30), "Ben placed with his father")}
    assert [m.person for m in household_of(user=mash_worker, person=amy)] == [ben, mother]
    page = client.get(f"/people/{amy.pk}/family/").content.decode()
    assert "Ended relationships" in page and "Ben placed with his father" in page
    event = AuditEvent.objects.get(action="end", record_type="relationship")
    assert event.actor == mash_worker
    stale = client.post(
        f"/people/relationships/{sib.pk}/end/",
        {
            "end_date_day": "29",
            "end_date_month": "11",
            "end_date_year": "2026",
            "reason": "Late",
            "version": 1,
        },
    )
    assert stale.status_code == 409


def test_a_sealed_sibling_is_restricted_on_the_family_page_and_left_out_of_the_contact(
    as_user, mash_worker
):
    mother, amy, ben = make_siblings("Harlow")
    person_seal(actor=None, person=ben, reason="Adoption placement")
    page = as_user(mash_worker).get(f"/people/{amy.pk}/family/").content.decode()
    assert "Ben Harlow" not in page and "12 September 2018" not in page
    assert "Restricted record" in page
    assert f"person={ben.pk}" not in page
    assert "Record one contact for all" not in page  # Amy is the only child left to this user
    sib = Relationship.objects.get(person=amy, other=ben, kind="sibling")
    assert as_user(mash_worker).get(f"/people/relationships/{sib.pk}/end/").status_code == 404
    assert AuditEvent.objects.filter(
        actor=mash_worker, action="refused", record_type="relationship"
    ).exists()


def test_the_database_refuses_an_ended_relationship_without_a_reason_or_ending_before_it_began():
    mother, amy, ben = make_siblings("Harlow")
    rel = Relationship.objects.get(person=mother, other=amy)
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.filter(pk=rel.pk).update(end_date=date(2026, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Relationship.objects.filter(pk=rel.pk).update(
            start_date=date(2026, 2, 1), end_date=date(2026, 1, 1), end_reason="x"
        )
