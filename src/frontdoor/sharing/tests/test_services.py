"""share_record: what it stores (NHS number at the time, or why not), what it refuses, its audit row."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent
from frontdoor.people.tests.factories import make_child
from frontdoor.sharing.models import SharingRecord
from frontdoor.sharing.services import share_record

NOW = timezone.make_aware(datetime(2026, 11, 25, 11, 0))


def _share(actor: User, person, **kw):  # type: ignore[no-untyped-def]
    args = dict(
        actor=actor,
        person=person,
        recipient="Dr Patel",
        recipient_agency="Northshire Health",
        what="The child's name, date of birth and the concern about bruising",
        why="mash_checks",
        channel="secure_email",
        now=NOW,
    )
    args.update(kw)
    return share_record(**args)


@pytest.mark.django_db
def test_it_records_a_share_with_the_nhs_number_at_the_time(mash_worker: User) -> None:
    child = make_child("Leo", "Stewart", nhs_number="9434765919")
    record = _share(mash_worker, child)
    child.nhs_number = "4010232137"
    child.save(update_fields=["nhs_number"])
    record.refresh_from_db()
    assert (record.nhs_number, record.nhs_number_absent) == ("9434765919", "")
    assert (record.shared, record.direction, record.decided_by) == (True, "sent", mash_worker)
    assert (record.at, record.recorded_at) == (NOW, NOW)
    event = AuditEvent.objects.get(record_type="sharing_record", record_id=str(record.pk))
    assert (event.action, event.person_id, event.actor) == ("share", child.pk, mash_worker)
    assert event.detail == {
        "recipient_agency": "Northshire Health",
        "channel": "secure_email",
        "direction": "sent",
        "purpose": "mash_checks",
    }


@pytest.mark.django_db
def test_it_records_why_the_nhs_number_is_absent(mash_worker: User) -> None:
    unknown = _share(mash_worker, make_child("Ava", "Brook"))
    assert (unknown.nhs_number, unknown.nhs_number_absent) == ("", "not_known")
    detrimental = _share(
        mash_worker,
        make_child("Cai", "Brook", nhs_number="9434765919"),
        nhs_number_absent="detrimental",
    )
    assert (detrimental.nhs_number, detrimental.nhs_number_absent) == ("", "detrimental")


@pytest.mark.django_db
def test_it_records_a_decision_not_to_share_with_the_reason_and_who_decided(
    mash_manager: User,
) -> None:
    child = make_child("Leo", "Stewart")
    record = _share(
        mash_manager,
        child,
        shared=False,
        reason_not_shared="Telling the father's employer would put the child at risk",
        recipient="HR manager",
        recipient_agency="Father's employer",
        why="s16la",
        channel="phone",
    )
    assert (record.shared, record.decided_by) == (False, mash_manager)
    assert record.reason_not_shared == "Telling the father's employer would put the child at risk"
    event = AuditEvent.objects.get(record_type="sharing_record", record_id=str(record.pk))
    assert (event.action, event.person_id) == ("decide_not_to_share", child.pk)


@pytest.mark.django_db
def test_it_refuses_a_decision_not_to_share_without_a_reason(mash_worker: User) -> None:
    with pytest.raises(ValidationError) as caught:
        _share(mash_worker, make_child(), shared=False)
    assert caught.value.message_dict == {
        "reason_not_shared": [
            "Enter why the information was not shared (for example, why sharing would be more "
            "detrimental to the child than not sharing)"
        ]
    }
    assert SharingRecord.objects.count() == 0
    assert not AuditEvent.objects.filter(record_type="sharing_record").exists()


@pytest.mark.django_db
def test_it_refuses_a_whole_record_an_unknown_basis_or_channel_and_a_future_time(
    mash_worker: User,
) -> None:
    with pytest.raises(ValidationError) as caught:
        _share(
            mash_worker,
            make_child(),
            what="x" * 501,
            why="because",
            channel="pigeon",
            recipient="",
            recipient_agency=" ",
            at=NOW.replace(hour=12),
        )
    assert caught.value.message_dict == {
        "what": [
            "Summary must be 500 characters or fewer: describe the information, "
            "do not copy the record"
        ],
        "recipient": ["Enter who the information was for (a name or role)"],
        "recipient_agency": ["Enter the agency or organisation the recipient works for"],
        "why": ["Select the lawful basis and purpose from the list"],
        "channel": ["Select how the information was (or would have been) shared"],
        "at": ["The date and time must be now or in the past"],
    }


@pytest.mark.django_db
def test_it_refuses_a_share_about_nobody_and_a_reason_on_a_share(mash_worker: User) -> None:
    with pytest.raises(ValidationError) as caught:
        _share(mash_worker, None, reason_not_shared="No reason needed")
    assert caught.value.message_dict == {
        "__all__": ["Choose the child the information is about"],
        "reason_not_shared": ["A reason not to share is only for a decision not to share"],
    }
