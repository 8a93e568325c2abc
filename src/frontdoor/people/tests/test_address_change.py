"""Changing a person's address as part of their record: a move (a new current address from a
date, the old one ended and kept) or a mistyped address corrected with a reason; in the history
and on the chronology, versioned, audited, every problem beside its field, the wrong people
refused."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import Address, ChronologyEntry, PersonCorrection
from frontdoor.people.services import person_seal

from .factories import make_child

pytestmark = pytest.mark.django_db

OLD = {"line1": "3 Mill Lane", "town": "Demoton", "postcode": "DM1 4AB"}


def _child(name: str = "Ava"):
    child = make_child(name, "Moss", address=OLD)
    Address.objects.filter(person=child).update(start_date=date(2020, 1, 6))
    return child


def _post(child, **fields):
    data = {"version": str(child.version), "line2": "", "country": "", "reason": ""}
    data.update({k: str(v) for k, v in fields.items() if not isinstance(v, date)})
    for key, value in fields.items():
        if isinstance(value, date):
            data |= {
                f"{key}_day": str(value.day),
                f"{key}_month": str(value.month),
                f"{key}_year": str(value.year),
            }
    return data


def test_a_family_that_moved_gets_a_new_current_address_and_the_old_one_is_kept(
    as_user, mash_worker
):
    child = _child()
    moved = timezone.localdate() - timedelta(days=3)
    client = as_user(mash_worker)
    assert "3 Mill Lane" in client.get(f"/people/{child.pk}/address/").content.decode()
    response = client.post(
        f"/people/{child.pk}/address/",
        _post(
            child,
            change="moved",
            line1="12 Rose Court",
            town="Demoton",
            postcode="dm12xy",
            moved_on=moved,
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/people/{child.pk}/#corrections"
    old, new = Address.objects.filter(person=child).order_by("pk")
    assert (old.line1, old.end_date) == ("3 Mill Lane", moved)  # ended, not overwritten
    assert (new.line1, new.postcode, new.start_date, new.end_date) == (
        "12 Rose Court",
        "DM1 2XY",  # the postcode normalised by address_build
        moved,
        None,
    )
    child.refresh_from_db()
    assert (child.version, child.changed_by) == (2, mash_worker)
    row = PersonCorrection.objects.get(person=child)
    assert (row.field, row.label, row.old_value, row.new_value, row.corrected_by) == (
        "address",
        "Address (moved)",
        "3 Mill Lane, Demoton, DM1 4AB",
        "12 Rose Court, Demoton, DM1 2XY",
        mash_worker,
    )
    assert row.reason.startswith("Moved on ")
    entry = ChronologyEntry.objects.get(person=child, kind="address")
    assert entry.summary.startswith("Moved to 12 Rose Court, Demoton, DM1 2XY on ")
    event = AuditEvent.objects.get(action="move", record_type="address")
    assert (event.person_id, event.record_id) == (child.pk, str(new.pk))
    page = client.get(f"/people/{child.pk}/").content.decode()
    assert "12 Rose Court" in page and "Address (moved)" in page and "until" in page


def test_a_mistyped_address_is_corrected_with_a_reason_and_what_it_was_kept(as_user, mash_worker):
    child = _child()
    client = as_user(mash_worker)
    no_reason = client.post(
        f"/people/{child.pk}/address/",
        _post(child, change="corrected", line1="13 Mill Lane", town="Demoton", postcode="DM1 4AB"),
    )
    assert no_reason.status_code == 400
    assert "Enter why the address is being corrected" in no_reason.content.decode()
    response = client.post(
        f"/people/{child.pk}/address/",
        _post(
            child,
            change="corrected",
            line1="13 Mill Lane",
            town="Demoton",
            postcode="DM1 4AB",
            reason="The tenancy agreement shows number 13",
        ),
    )
    assert response.status_code == 302
    (address,) = Address.objects.filter(person=child)
    assert (address.line1, address.start_date, address.end_date) == (
        "13 Mill Lane",
        date(2020, 1, 6),
        None,
    )
    row = PersonCorrection.objects.get(person=child)
    assert (row.label, row.old_value, row.new_value, row.reason) == (
        "Address (corrected)",
        "3 Mill Lane, Demoton, DM1 4AB",
        "13 Mill Lane, Demoton, DM1 4AB",
        "The tenancy agreement shows number 13",
    )
    assert ChronologyEntry.objects.filter(person=child, kind="address").count() == 1
    assert AuditEvent.objects.filter(action="correct", record_type="address").count() == 1


def test_every_problem_shows_at_once_beside_its_field(as_user, mash_worker):
    child = _child()
    client = as_user(mash_worker)
    # A malformed date (the form's own error) and the service's checks, together.
    response = client.post(
        f"/people/{child.pk}/address/",
        {
            **_post(child, change="moved", line1="", postcode="NOT A CODE"),
            "moved_on_day": "31",
            "moved_on_month": "2",
            "moved_on_year": "2026",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the first line of the address" in page
    assert "Enter a real postcode" in page and 'moved_on-error"' in page
    # A move dated in the future, or before they came to live at the current address.
    future = client.post(
        f"/people/{child.pk}/address/",
        _post(
            child,
            change="moved",
            line1="1 New Road",
            postcode="DM1 2XY",
            moved_on=timezone.localdate() + timedelta(days=1),
        ),
    )
    assert "The date they moved must be today or in the past" in future.content.decode()
    early = client.post(
        f"/people/{child.pk}/address/",
        _post(
            child, change="moved", line1="1 New Road", postcode="DM1 2XY", moved_on=date(2019, 1, 1)
        ),
    )
    assert "when they started living at the current address" in early.content.decode()
    nothing = client.post(f"/people/{child.pk}/address/", _post(child))
    assert "Choose whether they moved or the address was recorded wrongly" in (
        nothing.content.decode()
    )
    assert Address.objects.filter(person=child).count() == 1
    assert not PersonCorrection.objects.filter(person=child).exists()


def test_a_page_opened_before_another_change_is_refused_as_stale(
    as_user, mash_worker, mash_worker2
):
    child = _child()
    opened = _post(
        child, change="moved", line1="1 New Road", postcode="DM1 2XY", moved_on=timezone.localdate()
    )
    assert as_user(mash_worker2).post(f"/people/{child.pk}/address/", opened).status_code == 302
    second = as_user(mash_worker).post(
        f"/people/{child.pk}/address/",
        {**opened, "line1": "2 Other Road"},
    )
    assert second.status_code == 409
    assert Address.objects.filter(person=child, end_date__isnull=True).get().line1 == "1 New Road"


def test_the_wrong_people_are_refused(as_user, analyst, early_help_manager, mash_manager, outsider):
    child = _child()
    data = _post(
        child, change="moved", line1="1 New Road", postcode="DM1 2XY", moved_on=timezone.localdate()
    )
    # Roles that do not edit people's records: refused the page.
    for user in (analyst, early_help_manager):
        assert as_user(user).get(f"/people/{child.pk}/address/").status_code == 403
        assert as_user(user).post(f"/people/{child.pk}/address/", data).status_code == 403
    # A sealed child: someone not on the access list gets "not found", and nothing changes.
    sealed = _child("Sealed")
    person_seal(actor=None, person=sealed, reason="Adoption placement", access=[mash_manager])
    sealed.refresh_from_db()
    sealed_data = _post(
        sealed,
        change="moved",
        line1="1 New Road",
        postcode="DM1 2XY",
        moved_on=timezone.localdate(),
    )
    assert as_user(outsider).post(f"/people/{sealed.pk}/address/", sealed_data).status_code == 404
    assert as_user(mash_manager).get(f"/people/{sealed.pk}/address/").status_code == 200
    assert Address.objects.filter(person__in=[child, sealed]).count() == 2
