"""Referrals (CIN episodes): one open episode per child, guarded readably and enforced by the
database; closing and allocating are audited and versioned; the referral gate."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from frontdoor.accounts.models import Team
from frontdoor.audit.models import AuditEvent
from frontdoor.cases.access import access_referral
from frontdoor.cases.guards import can_close_referral, can_open_referral
from frontdoor.cases.models import Referral
from frontdoor.cases.services import referral_allocate, referral_close, referral_open
from frontdoor.core.concurrency import StaleRecord
from frontdoor.people.services import person_access_grant, person_seal
from frontdoor.people.tests.factories import make_child

pytestmark = pytest.mark.django_db

OPEN_MESSAGE = (
    "Leo Stewart already has an open referral, started 3 March 2026. Pass the contact to the "
    "allocated worker, or close that referral first"
)


def _open(person, day=date(2026, 3, 3), **kw):
    return referral_open(
        actor=None, person=person, referral_date=day, source="2A", primary_need="N1", **kw
    )


def _row(person, day, closure=None):
    """A referral written straight to the table, bypassing the service and its guard."""
    return Referral.objects.create(
        person=person,
        referral_date=day,
        source="2A",
        primary_need="N1",
        closure_date=closure,
        reason_for_closure="RC1" if closure else "",
        created_at=timezone.now(),
    )


def test_it_opens_a_referral_with_its_audit_row_and_chronology(mash_manager):
    leo = make_child("Leo", "Stewart")
    referral = referral_open(
        actor=mash_manager,
        person=leo,
        referral_date=date(2026, 3, 3),
        source="2A",
        primary_need="N1",
        team=Team.objects.create(name="Assessment", kind="assessment"),
    )
    event = AuditEvent.objects.get(action="create", record_type="referral")
    assert (event.record_id, event.person_id, event.actor) == (
        str(referral.pk),
        leo.pk,
        mash_manager,
    )
    assert list(leo.chronology.values_list("summary", flat=True)) == [
        "Referral opened (primary need N1)"
    ]
    assert referral.allocations.get().team.name == "Assessment"


def test_the_guard_refuses_a_second_open_referral_naming_the_child_and_the_first():
    leo = make_child("Leo", "Stewart")
    _open(leo)
    assert can_open_referral(person_id=leo.pk, referral_date=date(2026, 4, 1)) == OPEN_MESSAGE
    with pytest.raises(ValidationError) as refused:
        _open(leo, day=date(2026, 4, 1))
    assert refused.value.messages == [OPEN_MESSAGE]
    assert Referral.objects.count() == 1


def test_the_guard_refuses_a_referral_dated_inside_the_previous_episode():
    leo = make_child("Leo", "Stewart")
    _row(leo, date(2026, 1, 5), closure=date(2026, 2, 20))
    assert can_open_referral(person_id=leo.pk, referral_date=date(2026, 2, 1)) == (
        "The referral date must be after the closure date of the child's previous referral"
    )


def test_the_database_refuses_a_second_open_referral_for_a_child():
    leo = make_child("Leo", "Stewart")
    _row(leo, date(2026, 3, 3))
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(leo, date(2026, 4, 1))
    # A closed episode and another child's open one are both fine.
    _row(leo, date(2025, 1, 1), closure=date(2025, 2, 1))
    _row(make_child("Other", "Child"), date(2026, 4, 1))
    assert Referral.objects.filter(person=leo, closure_date__isnull=True).count() == 1


def test_the_database_refuses_a_closure_before_the_referral_date():
    leo = make_child("Leo", "Stewart")
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(leo, date(2026, 3, 3), closure=date(2026, 3, 2))


def test_a_race_past_the_guard_ends_in_the_same_readable_message(monkeypatch):
    """Two authorisations both pass the guard; the database refuses the second, which is told
    which child and which referral, never an error page."""
    leo = make_child("Leo", "Stewart")
    _open(leo)
    monkeypatch.setattr("frontdoor.cases.services.can_open_referral", lambda **kw: None)
    with pytest.raises(ValidationError) as refused:
        _open(leo, day=date(2026, 4, 1))
    assert refused.value.messages == [OPEN_MESSAGE]
    assert Referral.objects.count() == 1


def test_closing_needs_a_reason_and_a_date_not_before_the_referral():
    referral = _open(make_child("Leo", "Stewart"))
    assert (
        can_close_referral(referral=referral, closure_date=date(2026, 3, 2), reason="RC1")
        == "The closure date must be on or after the referral date"
    )
    assert (
        can_close_referral(referral=referral, closure_date=date(2026, 3, 4), reason="")
        == "Select the reason for closure: a closure date and reason go together"
    )


def test_closing_is_audited_versioned_and_refused_twice(mash_manager):
    referral = _open(make_child("Leo", "Stewart"))
    referral_close(
        actor=mash_manager,
        referral=referral,
        closure_date=date(2026, 3, 10),
        reason="RC1",
        version=1,
    )
    referral.refresh_from_db()
    assert (referral.closure_date, referral.version, referral.changed_by) == (
        date(2026, 3, 10),
        2,
        mash_manager,
    )
    assert AuditEvent.objects.filter(action="close", record_type="referral").count() == 1
    with pytest.raises(ValidationError) as refused:
        referral_close(
            actor=mash_manager, referral=referral, closure_date=date(2026, 3, 11), reason="RC1"
        )
    assert refused.value.messages == ["This referral is already closed"]


def test_an_allocation_from_a_stale_page_is_refused_and_names_who_changed_it(
    mash_manager, social_worker
):
    referral = _open(make_child("Leo", "Stewart"))
    team = Team.objects.create(name="Assessment", kind="assessment")
    referral_allocate(actor=mash_manager, referral=referral, team=team, version=1)
    stale = Referral.objects.get(pk=referral.pk)
    stale.version = 1
    with pytest.raises(StaleRecord) as refused:
        referral_allocate(
            actor=social_worker, referral=stale, team=team, worker=social_worker, version=1
        )
    assert str(refused.value).startswith("Mash Tester changed this record at ")
    referral.refresh_from_db()
    assert referral.worker is None and referral.allocations.count() == 1


def test_the_referral_gate_refuses_partners_and_sealed_children_and_audits(
    mash_worker, outsider, police_partner, mash_manager
):
    leo = make_child("Leo", "Stewart")
    referral = _open(leo)
    person_seal(actor=mash_manager, person=leo, reason="Staff member's child")
    person_access_grant(actor=mash_manager, person=leo, user=mash_worker)
    assert access_referral(mash_worker, referral.pk) == referral
    for refused in (outsider, police_partner):
        with pytest.raises(Http404):
            access_referral(refused, referral.pk)
    assert (
        AuditEvent.objects.filter(
            action="refused", record_type="referral", record_id=str(referral.pk)
        ).count()
        == 2
    )
    with pytest.raises(Http404):
        access_referral(mash_worker, referral.pk + 999)
    assert AuditEvent.objects.filter(
        action="refused", record_type="referral", record_id=str(referral.pk + 999)
    ).exists()
