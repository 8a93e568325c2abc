"""The yearly review of seals: the list of seals last checked 12 calendar months ago or more, for
restricted-records managers only, names hidden unless they are on the list, and "reviewed: keep
sealed" recorded, audited and refused when not due, twice sent or raced."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import months_before
from frontdoor.people.guards import review_due_on, review_refusal
from frontdoor.people.models import Seal, SealReview
from frontdoor.people.selectors import seals_due_review
from frontdoor.people.services import person_seal, person_unseal, seal_review

from .factories import make_child

pytestmark = pytest.mark.django_db


def sealed_on(day, first="Sealed", last="Child", actor=None, access=(), reason=""):  # type: ignore[no-untyped-def]
    """A child sealed on `day` (the seal's date set as if sealed then)."""
    child = make_child(first, last)
    seal = person_seal(actor=actor, person=child, reason=reason or f"{first} reason", access=access)
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=10)))
    Seal.objects.filter(pk=seal.pk).update(sealed_at=moment)
    return Seal.objects.get(pk=seal.pk)


def test_the_list_holds_seals_last_checked_12_calendar_months_ago_or_more(as_user, records_manager):
    today = timezone.localdate()
    exactly = sealed_on(months_before(today, 12), "Exactly", access=[records_manager])
    older = sealed_on(months_before(today, 30), "Older", access=[records_manager])
    sealed_on(months_before(today, 12) + timedelta(days=1), "Recent", access=[records_manager])
    reviewed = sealed_on(months_before(today, 40), "Reviewed", access=[records_manager])
    Seal.objects.filter(pk=reviewed.pk).update(reviewed_at=timezone.now() - timedelta(days=60))
    ended = sealed_on(months_before(today, 20), "Ended", access=[records_manager])
    person_unseal(actor=None, person=ended.person, reason="No longer needed")
    assert [s.pk for s in seals_due_review(user=records_manager)] == [older.pk, exactly.pk]
    response = as_user(records_manager).get("/people/seals/review/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Older reason" in body and "Exactly reason" in body
    assert "Recent reason" not in body and "Reviewed reason" not in body
    assert "Ended reason" not in body
    event = AuditEvent.objects.get(action="list", record_type="seal_review")
    assert event.detail == {"person_ids": sorted([exactly.person_id, older.person_id])}


def test_names_stay_hidden_from_a_manager_not_on_the_access_list(
    as_user, records_manager, mash_manager
):
    seal = sealed_on(
        months_before(timezone.localdate(), 13), "Secret", "Quillon", reason="Witness protection"
    )
    body = as_user(records_manager).get("/people/seals/review/").content.decode()
    assert "Secret" not in body and "Quillon" not in body
    assert f"Restricted record (seal {seal.pk})" in body
    assert "Witness protection" in body  # the reason is what the review judges
    event = AuditEvent.objects.get(action="list", record_type="seal_review")
    assert event.detail == {"person_ids": []}  # no child's name was shown


def test_reviewing_keeps_the_seal_and_moves_the_next_review_on_12_months(as_user, records_manager):
    seal = sealed_on(months_before(timezone.localdate(), 14))
    client = as_user(records_manager)
    response = client.post(
        f"/people/seals/{seal.pk}/review/",
        {f"seal-{seal.pk}-note": "Staff member still in the MASH", f"seal-{seal.pk}-version": 1},
    )
    assert response.status_code == 302
    assert response["Location"] == "/people/seals/review/"
    seal.refresh_from_db()
    review = SealReview.objects.get(seal=seal)
    assert (review.reviewed_by, review.note, seal.reviewed_at, seal.version) == (
        records_manager,
        "Staff member still in the MASH",
        review.reviewed_at,
        2,
    )
    assert review_due_on(seal) == months_before(timezone.localdate(), -12)
    assert seal.person.sealed is True
    event = AuditEvent.objects.get(action="seal_review")
    assert (event.actor, event.record_type, event.record_id, event.person_id, event.detail) == (
        records_manager,
        "seal",
        str(seal.pk),
        seal.person_id,
        {"decision": "keep_sealed", "review": review.pk},
    )
    assert (
        "No sealed record is due for review."
        in client.get("/people/seals/review/").content.decode()
    )


def test_only_restricted_records_managers_reach_the_list_and_the_review(
    as_user, mash_manager, mash_worker, admin_user
):
    seal = sealed_on(months_before(timezone.localdate(), 14))
    for user in (mash_manager, mash_worker, admin_user):
        client = as_user(user)
        assert client.get("/people/seals/review/").status_code == 403
        post = client.post(f"/people/seals/{seal.pk}/review/", {f"seal-{seal.pk}-version": 1})
        assert post.status_code == 403
        assert AuditEvent.objects.filter(actor=user, action="refused").count() == 2
    assert not SealReview.objects.exists()


def test_a_review_that_is_not_due_or_of_a_missing_seal_is_refused(as_user, records_manager):
    seal = sealed_on(months_before(timezone.localdate(), 3))
    client = as_user(records_manager)
    response = client.post(f"/people/seals/{seal.pk}/review/", {f"seal-{seal.pk}-version": 1})
    assert response.status_code == 409
    due = months_before(months_before(timezone.localdate(), 3), -12)
    assert f"its next review is not due until {due.day} {due:%B %Y}" in response.content.decode()
    assert client.post("/people/seals/987654/review/", {}).status_code == 404
    assert AuditEvent.objects.filter(
        actor=records_manager, action="refused", record_type="seal", record_id="987654"
    ).exists()
    assert not SealReview.objects.exists()


def test_the_review_guard_refuses_with_a_reason(records_manager, mash_manager):
    today = timezone.localdate()
    seal = sealed_on(months_before(today, 13))
    assert review_refusal(actor=records_manager, seal=seal, today=today) is None
    assert review_refusal(actor=mash_manager, seal=seal, today=today) == (
        "Only a restricted-records manager can review a seal"
    )
    person_unseal(actor=None, person=seal.person, reason="Ended")
    seal.refresh_from_db()
    assert review_refusal(actor=records_manager, seal=seal, today=today) == (
        f"This record was unsealed on {today.day} {today:%B %Y}, so there is no seal to review"
    )
    with pytest.raises(ValidationError):
        seal_review(actor=records_manager, seal=seal, expected_version=None)


def test_the_same_review_sent_twice_is_recorded_once(as_user, records_manager):
    seal = sealed_on(months_before(timezone.localdate(), 14))
    client = as_user(records_manager)
    data = {f"seal-{seal.pk}-version": 1, "form_token": "review-token-1"}
    first = client.post(f"/people/seals/{seal.pk}/review/", data)
    again = client.post(f"/people/seals/{seal.pk}/review/", data)
    assert first.status_code == again.status_code == 302
    assert SealReview.objects.filter(seal=seal).count() == 1
    assert AuditEvent.objects.filter(action="seal_review").count() == 1


def test_two_managers_reviewing_at_once_record_one_review(as_user, records_manager):
    from frontdoor.conftest import make_user

    other = make_user("records_manager2", "mash_manager", "MASH", restricted_records_manager=True)
    seal = sealed_on(months_before(timezone.localdate(), 14))
    data = {f"seal-{seal.pk}-version": 1}
    saved = as_user(records_manager).post(f"/people/seals/{seal.pk}/review/", data)
    stale = as_user(other).post(
        f"/people/seals/{seal.pk}/review/", data | {f"seal-{seal.pk}-note": "Still needed"}
    )
    assert saved.status_code == 302
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Records Tester changed this record at" in body
    assert 'Your note, not saved</h2><p class="govuk-body">Still needed</p>' in body
    assert list(SealReview.objects.values_list("reviewed_by", flat=True)) == [records_manager.pk]


def test_the_list_takes_the_same_queries_however_many_seals(as_user, records_manager):
    client = as_user(records_manager)
    day = months_before(timezone.localdate(), 15)
    sealed_on(day, "First", access=[records_manager])

    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/people/seals/review/")
        assert response.status_code == 200
        return len(queries), response.content.decode()

    one, body = count()
    assert "First reason" in body
    for n in range(4):
        sealed_on(day, f"More{n}", access=[records_manager])
    many, body = count()
    assert "More3 reason" in body
    assert many == one
