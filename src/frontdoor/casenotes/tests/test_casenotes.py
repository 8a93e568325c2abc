"""Case notes: typed, dated when the event happened, with the people seen, on the chronology;
changed by their author only within the editing window (versioned), amended after it; gated
(sealed children), audited, one note per form however often it is sent."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.casenotes.models import CaseNote, CaseNoteAmendment
from frontdoor.casenotes.services import case_note_record
from frontdoor.core.calendar import LONDON
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_child, make_siblings

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=LONDON)


def form(when: datetime, **over):
    data = {
        "kind": "visit",
        "occurred_at_day": str(when.day),
        "occurred_at_month": str(when.month),
        "occurred_at_year": str(when.year),
        "occurred_at_time": when.strftime("%H:%M"),
        "seen": [],
        "others_seen": "",
        "text": "Home visit. Amy showed me her room; she said she feels safe.\nNext visit in 10 days.",
    }
    return data | over


@time_machine.travel(NOW, tick=False)
def test_it_records_a_visit_dated_when_it_happened_on_the_chronology_and_audited(
    as_user, social_worker
):
    mother, amy, ben = make_siblings("Harlow")
    visited = datetime(2026, 11, 28, 10, 30, tzinfo=LONDON)
    response = as_user(social_worker).post(
        f"/case-notes/person/{amy.pk}/new/",
        form(visited, seen=[str(amy.pk), str(mother.pk)], others_seen="Grandmother"),
    )
    note = CaseNote.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/case-notes/{note.pk}/"
    assert (note.kind, note.occurred_at, note.created_at, note.created_by) == (
        "visit",
        visited,
        NOW,
        social_worker,
    )
    assert set(note.seen.all()) == {amy, mother} and note.others_seen == "Grandmother"
    entry = ChronologyEntry.objects.get(person=amy, kind="case_note")
    assert entry.occurred_at == visited
    assert entry.summary == "Visit: Home visit. Amy showed me her room; she said she feels safe."
    assert entry.url == f"/case-notes/{note.pk}/"
    event = AuditEvent.objects.get(action="create", record_type="case_note")
    assert (event.actor, event.person_id, event.record_id) == (social_worker, amy.pk, str(note.pk))
    page = as_user(social_worker).get(f"/people/{amy.pk}/").content.decode()
    assert "Home visit. Amy showed me her room" in page  # the panel and the chronology


@time_machine.travel(NOW, tick=False)
def test_the_same_form_sent_twice_makes_one_note(as_user, social_worker):
    child = make_child("Cara", "Dunn")
    client = as_user(social_worker)
    data = form(NOW - timedelta(hours=1), form_token="note-token-1")
    first = client.post(f"/case-notes/person/{child.pk}/new/", data)
    again = client.post(f"/case-notes/person/{child.pk}/new/", data)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert CaseNote.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_every_problem_is_shown_at_once_and_nothing_saved(as_user, social_worker):
    child = make_child("Cara", "Dunn")
    response = as_user(social_worker).post(
        f"/case-notes/person/{child.pk}/new/",
        form(NOW + timedelta(days=1), text="", kind="management_oversight"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "When it happened must be now or in the past" in body
    assert "Enter what happened" in body
    # A social worker is not offered management oversight, and cannot post it either.
    assert "Select a valid choice" not in body
    assert "Select what kind of note this is" in body
    assert not CaseNote.objects.exists()


def test_only_a_manager_records_management_oversight(social_worker):
    child = make_child()
    with pytest.raises(Exception) as refused:
        case_note_record(
            actor=social_worker,
            person=child,
            kind="management_oversight",
            occurred_at=timezone.now(),
            text="Oversight",
        )
    assert "Only a team manager records management oversight" in str(refused.value)


def test_the_author_changes_a_note_within_two_hours_and_a_stale_page_is_refused(
    as_user, social_worker
):
    child = make_child("Cara", "Dunn")
    with time_machine.travel(NOW, tick=False):
        note = case_note_record(
            actor=social_worker,
            person=child,
            kind="phone_call",
            occurred_at=NOW - timedelta(hours=3),
            text="Called mum",
        )
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        client = as_user(social_worker)
        changed = client.post(
            f"/case-notes/{note.pk}/edit/",
            form(NOW - timedelta(hours=3), kind="phone_call", text="Called mum and dad", version=1),
        )
        assert changed.status_code == 302
        stale = client.post(
            f"/case-notes/{note.pk}/edit/",
            form(NOW - timedelta(hours=3), kind="phone_call", text="My late edit", version=1),
        )
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "changed this record" in body and "My late edit" in body
    note.refresh_from_db()
    assert (note.text, note.version) == ("Called mum and dad", 2)
    assert AuditEvent.objects.filter(action="update", record_type="case_note").count() == 1
    entry = ChronologyEntry.objects.get(person=child, kind="case_note")
    assert entry.summary == "Phone call: Called mum and dad"


def test_after_the_window_the_note_stands_and_an_amendment_is_added(
    as_user, social_worker, mash_worker
):
    child = make_child("Cara", "Dunn")
    with time_machine.travel(NOW, tick=False):
        note = case_note_record(
            actor=social_worker,
            person=child,
            kind="meeting",
            occurred_at=NOW - timedelta(hours=1),
            text="Core group",
        )
    with time_machine.travel(NOW + timedelta(hours=3), tick=False):
        late = as_user(social_worker).post(
            f"/case-notes/{note.pk}/edit/", form(NOW, kind="meeting", text="Rewritten", version=1)
        )
        other = as_user(mash_worker).get(f"/case-notes/{note.pk}/edit/")
        amended = as_user(mash_worker).post(
            f"/case-notes/{note.pk}/amend/", {"text": "Dad also attended."}
        )
    assert "can be changed only in the 2 hours after it was written" in late.content.decode()
    assert "Only the person who wrote a note can change it" in other.content.decode()
    note.refresh_from_db()
    assert note.text == "Core group" and note.version == 1
    assert amended.status_code == 302
    amendment = CaseNoteAmendment.objects.get(note=note)
    assert (amendment.text, amendment.amended_by) == ("Dad also attended.", mash_worker)
    assert AuditEvent.objects.filter(action="amend", person_id=child.pk).count() == 1
    page = as_user(social_worker).get(f"/case-notes/{note.pk}/").content.decode()
    assert "Core group" in page and "Dad also attended." in page


def test_a_sealed_childs_notes_are_refused_to_someone_not_on_the_list(
    as_user, social_worker, outsider
):
    child = make_child("Sealed", "Child")
    note = case_note_record(
        actor=social_worker,
        person=child,
        kind="visit",
        occurred_at=timezone.now() - timedelta(hours=1),
        text="Seen at school",
    )
    person_seal(actor=None, person=child, reason="Adoption placement")
    for url in (
        f"/case-notes/{note.pk}/",
        f"/case-notes/person/{child.pk}/",
        f"/case-notes/{note.pk}/amend/",
    ):
        assert as_user(outsider).get(url).status_code == 404
    assert AuditEvent.objects.filter(actor=outsider, action="refused").count() == 3


def test_a_partner_cannot_read_case_notes(as_user, police_partner, social_worker):
    child = make_child()
    note = case_note_record(
        actor=social_worker,
        person=child,
        kind="visit",
        occurred_at=timezone.now() - timedelta(hours=1),
        text="Seen at school",
    )
    assert as_user(police_partner).get(f"/case-notes/{note.pk}/").status_code == 403


def test_a_sealed_sibling_is_not_offered_as_seen_nor_named(as_user, social_worker):
    mother, amy, ben = make_siblings("Harlow")
    person_seal(actor=None, person=ben, reason="Adoption placement")
    html = as_user(social_worker).get(f"/case-notes/person/{amy.pk}/new/").content.decode()
    assert "Mary Harlow" in html and "Ben Harlow" not in html
    assert f'value="{ben.pk}"' not in html


def test_the_database_refuses_a_note_dated_after_it_was_written_or_empty(social_worker):
    child = make_child()
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseNote.objects.create(
            person=child,
            kind="visit",
            occurred_at=now + timedelta(hours=1),
            text="x",
            created_at=now,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseNote.objects.create(
            person=child, kind="visit", occurred_at=now, text="", created_at=now
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseNote.objects.create(
            person=child,
            kind="visit",
            occurred_at=now,
            text="x",
            created_at=now,
            oversight_point="allocation",
        )
