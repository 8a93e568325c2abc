"""Notifications: made per user (a sealed child's name never reaches someone not on the list),
idempotent by key, emailed only by choice and without the child's name, the header count, the
page, marking read (own only), preferences, and the deadline and event scan."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.notifications.models import Kind, Notification
from frontdoor.notifications.scan import run
from frontdoor.notifications.services import notify, preferences_save
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_child
from frontdoor.screening import services as screening
from frontdoor.screening.tests.helpers import DECISION, contact_for_one, ready_to_share, start

pytestmark = pytest.mark.django_db


def test_it_shows_a_sealed_childs_name_only_to_those_on_the_list(mash_worker, outsider):
    child = make_child("Sealed", "Child")
    person_seal(actor=None, person=child, reason="Adoption", access=[mash_worker])
    made = notify(
        users=[mash_worker, outsider],
        kind=Kind.ALLOCATION,
        subject_text="The referral for {name} is allocated to you",
        person=child,
    )
    texts = {n.user: n.text for n in made}
    assert texts == {
        mash_worker: "The referral for Sealed Child is allocated to you",
        outsider: "The referral for Restricted record is allocated to you",
    }


def test_a_key_makes_it_idempotent(mash_worker):
    for _ in range(3):
        notify(users=mash_worker, kind=Kind.DEADLINE, subject_text="Due soon", key="deadline:1")
    assert Notification.objects.filter(user=mash_worker).count() == 1


def test_email_goes_only_for_chosen_kinds_and_never_names_the_child(
    mash_worker, django_capture_on_commit_callbacks
):
    mash_worker.email = "worker@example.org"
    mash_worker.save(update_fields=["email"])
    child = make_child("Named", "Child")
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=mash_worker, kind=Kind.CHALLENGE, subject_text="{name}", person=child)
    assert mail.outbox == []
    preferences_save(actor=mash_worker, email_kinds=[Kind.CHALLENGE])
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            users=mash_worker, kind=Kind.CHALLENGE, subject_text="{name}", person=child, url="/x/"
        )
    (sent,) = mail.outbox
    assert sent.to == ["worker@example.org"]
    assert sent.subject == "Front Door: Your decision was returned with a challenge"
    assert "Named" not in sent.body and "/x/" in sent.body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 1


def test_the_header_counts_unread_and_the_page_marks_them_read(as_user, mash_worker, outsider):
    notify(users=mash_worker, kind=Kind.ALLOCATION, subject_text="First", url="/cases/unallocated/")
    notify(users=mash_worker, kind=Kind.DEADLINE, subject_text="Second")
    client = as_user(mash_worker)
    page = client.get("/notifications/").content.decode()
    assert "First" in page and "Second" in page
    assert '2<span class="govuk-visually-hidden"> unread</span>' in page
    first = Notification.objects.get(text="First")
    # Someone else's notification is refused (404, audited) and stays unread.
    assert (
        as_user(outsider).post("/notifications/open/", {"notification": first.pk}).status_code
        == 404
    )
    assert AuditEvent.objects.filter(action="refused", record_type="notification").exists()
    response = client.post("/notifications/open/", {"notification": first.pk})
    assert response.status_code == 302 and response["Location"] == "/cases/unallocated/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert AuditEvent.objects.filter(action="read", record_type="notification").count() == 1
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(user=mash_worker, read_at__isnull=True).exists()
    assert "unread</span>" not in client.get("/notifications/").content.decode()


def test_preferences_are_saved_and_audited(as_user, mash_worker):
    response = as_user(mash_worker).post(
        "/notifications/preferences/", {"email": ["allocation", "deadline"]}
    )
    assert response.status_code == 302
    page = as_user(mash_worker).get("/notifications/preferences/").content.decode()
    assert page.count("checked") == 2
    event = AuditEvent.objects.get(record_type="notification_preferences")
    assert event.detail == {"email": ["allocation", "deadline"]}
    bad = as_user(mash_worker).post("/notifications/preferences/", {"email": ["nonsense"]})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()


def test_the_scan_tells_of_challenges_authorisations_and_deadlines_once(mash_worker, mash_manager):
    received = timezone.now() - timedelta(hours=3)
    screening_ = start(mash_worker, contact_for_one(received, "Scanned"))[0]
    ready_to_share(mash_worker, mash_manager, screening_)
    decision = screening.decision_record(
        actor=mash_worker, screening=screening_, outcome="advice", **DECISION
    )
    run(timezone.now())
    assert Notification.objects.get(user=mash_manager, kind="authorisation").text == (
        f"{mash_worker.display_name}'s decision for Scanned Child needs authorisation"
    )
    screening.decision_return(
        actor=mash_manager, decision=decision, challenge="Why not a referral?"
    )
    call_command("notify_deadlines", stdout=open("/dev/null", "w"))
    call_command("notify_deadlines", stdout=open("/dev/null", "w"))
    challenge = Notification.objects.get(user=mash_worker, kind="challenge")
    assert challenge.text == (
        f"{mash_manager.display_name} returned your decision for Scanned Child with a challenge"
    )
    assert Notification.objects.filter(user=mash_worker, kind="challenge").count() == 1


def test_the_scan_warns_the_owner_two_working_hours_before_a_decision_is_due(mash_worker):
    # Received Thursday 26 November 2026 at 15:00: the decision is due Friday 15:00.
    received = datetime(2026, 11, 26, 15, 0, tzinfo=LONDON)
    with time_machine.travel(received, tick=False):
        start(mash_worker, contact_for_one(received, "Clock"))
    run(datetime(2026, 11, 27, 12, 59, tzinfo=LONDON))
    assert not Notification.objects.filter(kind="deadline").exists()
    run(datetime(2026, 11, 27, 13, 0, tzinfo=LONDON))
    (note,) = Notification.objects.filter(user=mash_worker, kind="deadline")
    assert note.text.startswith("Screening decision for Clock Child due 27 November 2026")


def test_the_database_refuses_a_second_notification_with_the_same_key(mash_worker):
    from django.db import IntegrityError, transaction

    row = dict(user=mash_worker, kind=Kind.DEADLINE, text="Due", created_at=timezone.now())
    Notification.objects.create(**row, key="deadline:9")
    Notification.objects.create(**row)  # no key: any number
    Notification.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(**row, key="deadline:9")
