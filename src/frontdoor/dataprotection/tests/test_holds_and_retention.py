"""Retention rules with a frozen clock, legal holds (constraints, guards, four eyes, races, double
submits), destruction refusals, and the pages' access rules."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.dataprotection.guards import destruction_refused, hold_place_refused
from frontdoor.dataprotection.models import LegalHold
from frontdoor.dataprotection.retention import retention_for
from frontdoor.dataprotection.services import (
    DestructionRefused,
    legal_hold_place,
    legal_hold_release,
    person_destroy,
)
from frontdoor.people.models import Person
from frontdoor.people.services import person_access_grant, person_seal
from frontdoor.people.tests.factories import make_child, make_contact, make_siblings

pytestmark = pytest.mark.django_db


def old_child(first: str, last: str, dob: date, **kw) -> Person:
    """A child recorded while they were a child (the service refuses a child over 25 today)."""
    with time_machine.travel(datetime(dob.year + 10, 6, 1, 12, 0, tzinfo=UTC), tick=False):
        return make_child(first, last, dob, **kw)


def test_it_keeps_a_child_record_until_the_25th_birthday():
    child = old_child("Leo", "Stewart", date(2001, 3, 3))
    r = retention_for([child.pk])[child.pk]
    assert (r.until, r.rule) == (date(2026, 3, 3), "child_record")
    assert not r.due_on(date(2026, 3, 3)) and r.due_on(date(2026, 3, 4))


def test_it_keeps_a_looked_after_child_75_years_and_the_setting_overrides(settings):
    child = old_child("Leo", "Stewart", date(2001, 3, 3), flags=["looked_after"])
    assert retention_for([child.pk])[child.pk].until == date(2076, 3, 3)
    settings.FRONTDOOR_RETENTION = {"child_record": {"years": 26}}
    other = old_child("Amy", "Stewart", date(2001, 3, 3))
    assert retention_for([other.pk])[other.pk].until == date(2027, 3, 3)


def test_an_adult_is_kept_as_long_as_the_child_they_are_related_to():
    mother, older, younger = make_siblings("Stewart")
    r = retention_for([mother.pk])[mother.pk]
    assert r.until == date(2043, 9, 12)  # the younger child's 25th birthday (born 12 Sep 2018)


def test_with_a_frozen_clock_the_command_destroys_on_the_day_after_not_on_it(capsys):
    from django.core.management import call_command

    child = old_child("Leo", "Stewart", date(2001, 3, 3))
    make_contact([child])
    with time_machine.travel(datetime(2026, 3, 3, 12, 0, tzinfo=UTC), tick=False):
        call_command("apply_retention")
    assert Person.objects.filter(pk=child.pk).exists()
    with time_machine.travel(datetime(2026, 3, 4, 12, 0, tzinfo=UTC), tick=False):
        call_command("apply_retention")
    assert not Person.objects.filter(pk=child.pk).exists()
    assert f"Destroyed person {child.pk}" in capsys.readouterr().out


def test_destruction_is_refused_before_the_date_and_under_a_hold(mash_manager):
    child = old_child("Leo", "Stewart", date(2001, 3, 3))
    with pytest.raises(DestructionRefused, match="kept until 3 March 2026"):
        person_destroy(actor=None, person_id=child.pk, day=date(2026, 3, 3))
    legal_hold_place(actor=mash_manager, person=child, reason="Inquiry")
    with pytest.raises(DestructionRefused, match="under a legal hold placed on"):
        person_destroy(actor=None, person_id=child.pk, day=date(2030, 1, 1))
    assert Person.objects.filter(pk=child.pk).exists()
    assert not AuditEvent.objects.filter(action="destroyed").exists()


def test_guards_say_why():
    child = old_child("Leo", "Stewart", date(2001, 3, 3))
    r = retention_for([child.pk])[child.pk]
    assert (
        destruction_refused(name="Leo Stewart", retention=r, day=date(2026, 3, 4), hold=None)
        is None
    )
    assert destruction_refused(
        name="Leo Stewart", retention=r, day=date(2026, 3, 1), hold=None
    ) == (
        "Leo Stewart's records are kept until 3 March 2026 "
        "(Children's social care record: until the 25th birthday)."
    )
    assert hold_place_refused(name="Leo Stewart", active=None) is None


def test_the_database_refuses_a_second_active_hold(mash_manager):
    child = make_child("Leo", "Stewart")
    now = timezone.now()
    LegalHold.objects.create(person=child, reason="A", placed_at=now, placed_by=mash_manager)
    with pytest.raises(IntegrityError), transaction.atomic():
        LegalHold.objects.create(person=child, reason="B", placed_at=now, placed_by=mash_manager)


def test_the_database_refuses_a_release_without_who_released_it(mash_manager):
    child = make_child("Leo", "Stewart")
    with pytest.raises(IntegrityError), transaction.atomic():
        LegalHold.objects.create(
            person=child,
            reason="A",
            placed_at=timezone.now(),
            placed_by=mash_manager,
            released_at=timezone.now(),
        )


def test_placing_a_hold_is_audited_and_a_second_is_refused_naming_the_first(as_user, mash_manager):
    child = make_child("Leo", "Stewart")
    client = as_user(mash_manager)
    url = f"/data-protection/people/{child.pk}/legal-hold/"
    response = client.post(url, {"reason": "Civil claim CL-1"})
    assert response.status_code == 302
    hold = LegalHold.objects.get(person=child)
    assert hold.reason == "Civil claim CL-1" and hold.placed_by == mash_manager
    assert AuditEvent.objects.get(action="legal_hold_placed").record_id == str(hold.pk)
    response = client.post(url, {"reason": "Again"})
    assert response.status_code == 400
    assert "Leo Stewart already has an active legal hold, placed on" in response.content.decode()
    assert LegalHold.objects.count() == 1


def test_an_empty_reason_is_refused_next_to_the_field(as_user, mash_manager):
    child = make_child("Leo", "Stewart")
    response = as_user(mash_manager).post(
        f"/data-protection/people/{child.pk}/legal-hold/", {"reason": ""}
    )
    assert response.status_code == 400
    assert "Enter why the records must be kept" in response.content.decode()
    assert LegalHold.objects.count() == 0


def test_the_same_hold_form_posted_twice_makes_one_hold(as_user, mash_manager):
    child = make_child("Leo", "Stewart")
    client = as_user(mash_manager)
    url = f"/data-protection/people/{child.pk}/legal-hold/"
    first = client.post(url, {"reason": "Claim", "form_token": "tok-hold-1"})
    second = client.post(url, {"reason": "Claim", "form_token": "tok-hold-1"})
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert LegalHold.objects.count() == 1


def test_four_eyes_whoever_placed_the_hold_may_not_release_it(as_user, mash_manager, officer):
    child = make_child("Leo", "Stewart")
    hold = legal_hold_place(actor=mash_manager, person=child, reason="Claim")
    url = f"/data-protection/people/{child.pk}/legal-hold/release/"
    response = as_user(mash_manager).post(url, {"reason": "Settled", "version": hold.version})
    assert response.status_code == 400
    page = response.content.decode()
    assert "You cannot authorise the release of this legal hold" in page
    assert "Dp Tester" in page  # the officer who may release it instead
    response = as_user(officer).post(url, {"reason": "Settled", "version": hold.version})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.released_by == officer and hold.release_reason == "Settled"
    assert AuditEvent.objects.get(action="legal_hold_released").actor == officer


def test_two_sessions_release_at_once_one_releases_the_other_is_told(
    as_user, officer, second_officer, mash_manager
):
    child = make_child("Leo", "Stewart")
    hold = legal_hold_place(actor=mash_manager, person=child, reason="Claim")
    url = f"/data-protection/people/{child.pk}/legal-hold/release/"
    version = hold.version
    first = as_user(officer).post(url, {"reason": "Settled", "version": version})
    second = as_user(second_officer).post(url, {"reason": "Withdrawn", "version": version})
    assert first.status_code == 302
    assert second.status_code == 400
    assert "Leo Stewart has no active legal hold to release." in second.content.decode()
    assert "Withdrawn" in second.content.decode()  # what they typed is kept
    hold.refresh_from_db()
    assert hold.release_reason == "Settled"


def test_a_stale_release_is_refused_with_who_changed_it(mash_manager, officer, second_officer):
    child = make_child("Leo", "Stewart")
    hold = legal_hold_place(actor=mash_manager, person=child, reason="Claim")
    LegalHold.objects.filter(pk=hold.pk).update(
        version=5, changed_by=second_officer, changed_at=timezone.now()
    )
    from frontdoor.core.concurrency import StaleRecord

    with pytest.raises(StaleRecord, match="Dp Tester changed this record"):
        legal_hold_release(actor=officer, person=child, reason="Settled", version=1)


@pytest.mark.parametrize(
    "fixture", ["mash_worker", "early_help_manager", "police_partner", "analyst", "admin_user"]
)
def test_other_roles_are_refused_and_the_refusal_audited(request, as_user, fixture):
    user = request.getfixturevalue(fixture)
    child = make_child("Leo", "Stewart")
    client = as_user(user)
    for url in (
        "/data-protection/",
        f"/data-protection/people/{child.pk}/",
        f"/data-protection/people/{child.pk}/subject-access/",
    ):
        assert client.get(url).status_code == 403
    assert (
        client.post(f"/data-protection/people/{child.pk}/legal-hold/", {"reason": "x"}).status_code
        == 403
    )
    assert LegalHold.objects.count() == 0
    assert AuditEvent.objects.filter(actor=user, action="refused").count() == 4


def test_a_sealed_child_is_404_to_an_officer_not_on_the_list(as_user, officer, mash_manager):
    child = make_child("Leo", "Stewart")
    person_seal(actor=mash_manager, person=child, reason="Adoption")
    response = as_user(officer).get(f"/data-protection/people/{child.pk}/")
    assert response.status_code == 404
    assert AuditEvent.objects.filter(actor=officer, action="refused", person_id=child.pk).exists()
    person_access_grant(actor=mash_manager, person=child, user=officer)
    assert as_user(officer).get(f"/data-protection/people/{child.pk}/").status_code == 200


def test_the_review_lists_due_people_masks_a_sealed_one_and_is_audited(
    as_user, officer, mash_manager
):
    due = old_child("Leo", "Stewart", date(1990, 3, 3))
    sealed = old_child("Secret", "Sibling", date(1991, 4, 4))
    make_child("Young", "Child", date(2020, 1, 1))
    person_seal(actor=mash_manager, person=sealed, reason="Adoption")
    legal_hold_place(actor=mash_manager, person=due, reason="Claim")
    response = as_user(officer).get("/data-protection/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Leo Stewart" in page and "On hold" in page
    assert "Secret" not in page and "Restricted record" in page
    assert "Young Child" not in page
    event = AuditEvent.objects.get(action="list", record_type="retention_review")
    assert event.detail["person_ids"] == sorted([due.pk, sealed.pk])


def test_the_review_page_query_count_stays_constant(as_user, officer):
    client = as_user(officer)
    old_child("Leo", "Stewart", date(1990, 3, 3))
    client.get("/data-protection/")
    with CaptureQueriesContext(connection) as few:
        response = client.get("/data-protection/")
    assert response.status_code == 200 and "Leo Stewart" in response.content.decode()
    for n in range(8):
        old_child(f"Extra{n}", "Person", date(1990, 1, 1 + n))
    with CaptureQueriesContext(connection) as many:
        response = client.get("/data-protection/")
    assert response.status_code == 200 and "Extra7 Person" in response.content.decode()
    assert len(many) == len(few)


def test_finding_a_person_from_the_review_lists_only_people_the_user_may_see(
    as_user, officer, mash_manager
):
    leo = make_child("Leo", "Stewart")
    sealed = make_child("Lena", "Stewart")
    person_seal(actor=mash_manager, person=sealed, reason="Adoption")
    response = as_user(officer).get("/data-protection/", {"q": "Stewart"})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"/data-protection/people/{leo.pk}/" in page and "Lena" not in page


def test_the_retention_job_lists_then_destroys_what_is_due_keeping_a_held_person(mash_manager):
    from django.test.utils import override_settings

    from frontdoor.jobs.models import JobStatus
    from frontdoor.jobs.services import job_execute, job_submit, result_path

    due = old_child("Leo", "Stewart", date(2001, 3, 3))
    held = old_child("Amy", "Stewart", date(2001, 3, 4))
    legal_hold_place(actor=mash_manager, person=held, reason="Inquiry")

    def run(dry_run: bool) -> tuple[str, str, int, int]:
        with (
            override_settings(FRONTDOOR_JOBS_MODE="manual"),
            time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False),
        ):
            queued = job_submit(actor=mash_manager, kind="retention", params={"dry_run": dry_run})
            job = job_execute(queued.pk)
        assert job.status == JobStatus.SUCCEEDED, job.error
        path = result_path(job)
        assert path is not None
        return job.summary, path.read_text(), job.done, job.total

    summary, report, done, total = run(dry_run=True)
    assert summary == "Dry run on 10 March 2026: 1 would be destroyed, 1 kept."
    assert report == (
        f"Would destroy person FD{due.pk:08d}: kept until 2026-03-03\n"
        f"Kept person FD{held.pk:08d}: under a legal hold\n"
    )
    assert (done, total) == (2, 2)
    assert Person.objects.filter(pk=due.pk).exists()

    summary, report, done, total = run(dry_run=False)
    assert summary == "Retention run on 10 March 2026: 1 destroyed, 1 kept."
    assert report == (
        f"Destroyed person FD{due.pk:08d}\nKept person FD{held.pk:08d}: under a legal hold\n"
    )
    assert (done, total) == (2, 2)
    assert not Person.objects.filter(pk=due.pk).exists()
    assert Person.objects.filter(pk=held.pk).exists()
    stub = AuditEvent.objects.get(action="destroyed", record_type="person")
    assert (stub.record_id, stub.actor) == (str(due.pk), mash_manager)
