"""Correcting a person's details: validated as at creation, history kept and shown, audited, no
lost update when two people correct at once, refused to the wrong people."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import months_before
from frontdoor.people.models import NameKind, Person, PersonCorrection
from frontdoor.people.services import person_access_grant, person_seal

from .factories import make_child
from .helpers import correction_post

pytestmark = pytest.mark.django_db


def test_it_corrects_a_date_of_birth_with_the_reason_kept_shown_and_audited(as_user, mash_worker):
    child = make_child("Leo", "Stewart", date(2015, 3, 27))
    client = as_user(mash_worker)
    response = client.post(
        f"/people/{child.pk}/correct/",
        correction_post(
            child, "Birth certificate shows 4 May 2016", date_of_birth=date(2016, 5, 4)
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/people/{child.pk}/#corrections"
    child.refresh_from_db()
    assert (child.date_of_birth, child.version, child.changed_by) == (
        date(2016, 5, 4),
        2,
        mash_worker,
    )
    row = PersonCorrection.objects.get(person=child)
    assert (row.field, row.label, row.old_value, row.new_value, row.reason, row.corrected_by) == (
        "date_of_birth",
        "Date of birth",
        "27 March 2015",
        "4 May 2016",
        "Birth certificate shows 4 May 2016",
        mash_worker,
    )
    event = AuditEvent.objects.get(action="correct", person_id=child.pk)
    assert (event.actor, event.record_type, event.record_id, event.detail) == (
        mash_worker,
        "person",
        str(child.pk),
        {
            "reason": "Birth certificate shows 4 May 2016",
            "changed": {"date_of_birth": ["27 March 2015", "4 May 2016"]},
        },
    )
    page = client.get(f"/people/{child.pk}/").content.decode()
    assert "Corrections to these details" in page
    assert (
        '<td class="govuk-table__cell">Date of birth</td>'
        '<td class="govuk-table__cell">27 March 2015</td>'
        '<td class="govuk-table__cell">4 May 2016</td>'
        '<td class="govuk-table__cell">Birth certificate shows 4 May 2016</td>'
        '<td class="govuk-table__cell">Mash Tester</td>'
    ) in page


def test_a_name_correction_keeps_the_old_name_as_a_previous_name_for_search(as_user, mash_worker):
    child = make_child("Lio", "Stewart")
    as_user(mash_worker).post(
        f"/people/{child.pk}/correct/", correction_post(child, "Misspelt", first_name="Leo")
    )
    names = sorted(child.names.values_list("first_name", "kind"))
    assert names == [("Leo", NameKind.CURRENT), ("Lio", NameKind.PREVIOUS)]
    assert list(PersonCorrection.objects.values_list("field", "old_value", "new_value")) == [
        ("first_name", "Lio", "Leo")
    ]


def test_only_the_details_that_changed_are_recorded_with_labels_for_codes(as_user, mash_worker):
    child = make_child("Amy", "Hart", sex="F")
    as_user(mash_worker).post(
        f"/people/{child.pk}/correct/",
        correction_post(child, "Checked with school", sex="M", school="Demoton Primary"),
    )
    rows = set(PersonCorrection.objects.values_list("label", "old_value", "new_value"))
    assert rows == {
        ("Sex", "Female", "Male"),
        ("School or setting", "Not recorded", "Demoton Primary"),
    }


def test_a_child_born_more_than_25_years_ago_is_refused_next_to_the_field(as_user, mash_worker):
    child = make_child("Old", "Year")
    too_old = months_before(timezone.localdate(), 25 * 12) - timezone.timedelta(days=1)
    response = as_user(mash_worker).post(
        f"/people/{child.pk}/correct/", correction_post(child, date_of_birth=too_old)
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "A child&#x27;s date of birth must be within the last 25 years" in body
    assert 'href="#id_date_of_birth' in body  # the error summary links to the field
    child.refresh_from_db()
    assert (child.date_of_birth, child.version) == (date(2015, 3, 27), 1)
    assert not PersonCorrection.objects.exists()


def test_an_nhs_number_with_a_wrong_check_digit_is_refused(as_user, mash_worker):
    child = make_child("Nhs", "Check")
    response = as_user(mash_worker).post(
        f"/people/{child.pk}/correct/", correction_post(child, nhs_number="943 476 5918")
    )
    assert "NHS number is not valid: the last digit does not match" in response.content.decode()
    assert Person.objects.get(pk=child.pk).nhs_number == ""


def test_a_correction_needs_a_reason_and_a_change(as_user, mash_worker):
    child = make_child("No", "Reason")
    client = as_user(mash_worker)
    no_reason = client.post(
        f"/people/{child.pk}/correct/", correction_post(child, reason="", school="X School")
    )
    assert "Enter why these details are being corrected" in no_reason.content.decode()
    nothing = client.post(f"/people/{child.pk}/correct/", correction_post(child))
    assert "Nothing was changed. Change at least one detail, or go back" in nothing.content.decode()
    assert not PersonCorrection.objects.exists()
    assert Person.objects.get(pk=child.pk).version == 1


def test_two_people_correcting_at_once_lose_nothing(as_user, mash_worker, mash_worker2):
    child = make_child("Race", "Condition")
    first, second = as_user(mash_worker), as_user(mash_worker2)
    assert first.get(f"/people/{child.pk}/correct/").status_code == 200
    assert second.get(f"/people/{child.pk}/correct/").status_code == 200
    loaded = correction_post(child)  # both pages show version 1
    saved = first.post(f"/people/{child.pk}/correct/", loaded | {"school": "North School"})
    stale = second.post(f"/people/{child.pk}/correct/", loaded | {"school": "South School"})
    assert saved.status_code == 302
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Mash Tester changed this record at" in body
    assert 'value="South School"' in body  # what the second person typed is kept
    child.refresh_from_db()
    assert (child.school, child.version) == ("North School", 2)
    assert list(PersonCorrection.objects.values_list("new_value", "corrected_by")) == [
        ("North School", mash_worker.pk)
    ]


def test_the_wrong_people_are_refused_and_the_refusal_audited(
    as_user, police_partner, early_help_manager, outsider, mash_manager
):
    child = make_child("Refused", "Child")
    for user in (police_partner, early_help_manager):  # no edit_people
        assert as_user(user).get(f"/people/{child.pk}/correct/").status_code == 403
        assert AuditEvent.objects.filter(actor=user, action="refused").count() == 1
    person_seal(actor=mash_manager, person=child, reason="Staff member's child")
    response = as_user(outsider).post(
        f"/people/{child.pk}/correct/", correction_post(child, school="Z")
    )
    assert response.status_code == 404
    assert "Refused" not in response.content.decode()
    assert AuditEvent.objects.filter(actor=outsider, action="refused", person_id=child.pk).exists()
    person_access_grant(actor=mash_manager, person=child, user=outsider)
    assert as_user(outsider).get(f"/people/{child.pk}/correct/").status_code == 200
    assert not PersonCorrection.objects.exists()


def test_the_database_refuses_a_correction_without_a_reason(mash_worker):
    child = make_child()
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonCorrection.objects.create(
            person=child,
            field="school",
            label="School or setting",
            old_value="A",
            new_value="B",
            reason="",
            corrected_by=mash_worker,
            corrected_at=timezone.now(),
        )
