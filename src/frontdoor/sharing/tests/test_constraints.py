"""The database itself refuses what the sharing record must never hold (run on SQLite and
PostgreSQL): rows are made directly, bypassing share_record, and must raise IntegrityError. The
service turns the duplicate refusal into a message naming the child and the first record."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.people.tests.factories import make_child
from frontdoor.sharing.models import SharingRecord
from frontdoor.sharing.services import share_record

from .factories import notification, police_child, school_notice

pytestmark = pytest.mark.django_db
AT = timezone.make_aware(datetime(2026, 11, 20, 10, 30))


def _row(**kw: Any) -> SharingRecord:
    fields: dict[str, Any] = dict(
        what="The outcome",
        recipient="Mrs Dale",
        recipient_agency="Oakfield Primary",
        purpose="referrer_feedback",
        channel="phone",
        at=AT,
        recorded_at=AT,
        nhs_number="9434765919",
    )
    fields.update(kw)
    return SharingRecord.objects.create(**fields)


def _refused(**kw: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(**kw)


def test_a_decision_not_to_share_needs_a_reason_and_a_share_has_none() -> None:
    child = make_child()
    _refused(person=child, shared=False, reason_not_shared="")
    _refused(person=child, shared=True, reason_not_shared="Not relevant")
    assert _row(person=child, shared=False, reason_not_shared="Not relevant").pk


def test_every_record_has_the_nhs_number_or_why_it_is_absent() -> None:
    child = make_child()
    _refused(person=child, nhs_number="", nhs_number_absent="")
    _refused(person=child, nhs_number="9434765919", nhs_number_absent="not_known")
    assert _row(person=child, nhs_number="", nhs_number_absent="not_known").pk


def test_a_record_is_about_a_child() -> None:
    _refused(person=None)


def test_a_record_comes_from_one_source_at_most() -> None:
    child = make_child()
    parent = notification(AT)
    notice = school_notice(police_child(parent, child))
    _refused(person=child, encompass_notice=notice, marac_notification=parent)


def test_one_encompass_notice_is_recorded_once() -> None:
    child = make_child()
    notice = school_notice(police_child(notification(AT), child))
    _row(person=child, encompass_notice=notice)
    _refused(person=child, encompass_notice=notice)


def test_one_marac_referral_is_recorded_once_per_child() -> None:
    amy, ben = make_child("Amy"), make_child("Ben")
    parent = notification(AT)
    _row(person=amy, marac_notification=parent)
    _row(person=ben, marac_notification=parent)
    _refused(person=amy, marac_notification=parent)


def test_the_service_names_the_child_and_the_first_record(mash_worker: User) -> None:
    child = make_child("Leo", "Stewart")
    notice = school_notice(police_child(notification(AT), child))
    args: dict[str, Any] = dict(
        actor=mash_worker,
        person=child,
        recipient="Mrs Dale",
        recipient_agency="Oakfield Primary",
        what="Operation Encompass notice",
        why="encompass",
        channel="phone",
        at=AT,
        source=notice,
    )
    share_record(**args)
    with pytest.raises(ValidationError) as caught:
        share_record(**{**args, "recipient": "Mr Aziz"})
    assert caught.value.message_dict == {
        "__all__": [
            "Leo Stewart already has this share recorded: Mrs Dale (Oakfield Primary) on "
            "20 November 2026, 10:30"
        ]
    }
    assert SharingRecord.objects.count() == 1
