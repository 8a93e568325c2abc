"""The shared mechanisms every area builds on: versions, one-time tokens, four eyes and the gate."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.test import RequestFactory

from frontdoor.accounts.roles import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.conftest import make_user
from frontdoor.core.concurrency import StaleRecord, lock_version, save_version
from frontdoor.core.four_eyes import four_eyes_check
from frontdoor.core.gates import gate_load
from frontdoor.core.models import FormSubmission
from frontdoor.core.onetime import one_time_create
from frontdoor.intake.models import Contact
from frontdoor.people.access import RESTRICTED, restricted_ids, shown_name
from frontdoor.people.services import person_access_grant, person_seal
from frontdoor.people.tests.factories import make_child, make_contact

pytestmark = pytest.mark.django_db


def test_it_moves_the_version_on_and_refuses_a_stale_change(mash_worker, mash_worker2):
    contact = make_contact([make_child()])
    assert contact.version == 1
    with transaction.atomic():
        fresh = lock_version(Contact.objects, contact.pk, expected=1)
        fresh.concerns = "Updated by the first worker."
        save_version(fresh, actor=mash_worker, fields=["concerns"])
    contact.refresh_from_db()
    assert (contact.version, contact.changed_by) == (2, mash_worker)
    with pytest.raises(StaleRecord) as refused, transaction.atomic():
        lock_version(Contact.objects, contact.pk, expected=1)
    message = str(refused.value)
    assert message.startswith(f"{mash_worker.display_name} changed this record at ")
    assert "your changes were not saved" in message
    contact.refresh_from_db()
    assert contact.concerns == "Updated by the first worker."


@pytest.mark.django_db(transaction=True)
def test_it_locks_only_inside_a_transaction():
    contact = make_contact([make_child()])
    with pytest.raises(RuntimeError):
        lock_version(Contact.objects, contact.pk, expected=1)


def _request(user, token: str | None) -> HttpRequest:
    data = {"form_token": token} if token is not None else {}
    request = RequestFactory().post("/contacts/new/", data)
    request.user = user
    request.session = {}  # type: ignore[assignment]
    request._messages = _Messages()  # type: ignore[attr-defined]
    return request


class _Messages(list):
    def add(self, level, message, extra_tags=""):  # type: ignore[no-untyped-def]
        self.append(message)


def test_a_token_posted_twice_runs_the_view_once(mash_worker):
    runs: list[int] = []

    @one_time_create
    def create(request: HttpRequest) -> HttpResponse:
        runs.append(1)
        return HttpResponseRedirect(f"/contacts/{len(runs)}/")

    first = create(_request(mash_worker, "token-1"))
    second = create(_request(mash_worker, "token-1"))
    assert runs == [1]
    assert first["Location"] == second["Location"] == "/contacts/1/"
    assert FormSubmission.objects.get(token="token-1").result_url == "/contacts/1/"


def test_a_form_with_errors_gives_its_token_back(mash_worker):
    @one_time_create
    def create(request: HttpRequest) -> HttpResponse:
        return HttpResponse("form with errors", status=200)

    assert create(_request(mash_worker, "token-2")).status_code == 200
    assert not FormSubmission.objects.filter(token="token-2").exists()


def test_a_refusal_inside_a_create_view_keeps_its_audit_row_and_frees_the_token(mash_worker):
    @one_time_create
    def create(request: HttpRequest) -> HttpResponse:
        from frontdoor.audit.services import audit_record

        audit_record(actor=mash_worker, action="refused", record_type="contact", record_id=999)
        raise Http404("No such record")

    with pytest.raises(Http404):
        create(_request(mash_worker, "token-3"))
    assert AuditEvent.objects.filter(action="refused", record_id="999").count() == 1
    assert not FormSubmission.objects.filter(token="token-3").exists()


def test_a_post_without_a_token_is_refused_and_runs_nothing(mash_worker):
    runs: list[int] = []

    @one_time_create
    def create(request: HttpRequest) -> HttpResponse:
        runs.append(1)
        return HttpResponseRedirect("/")

    response = create(_request(mash_worker, None))
    assert response.status_code == 400
    assert b"This form could not be sent" in response.content
    assert runs == []


def test_four_eyes_refuses_the_author_and_names_who_can_authorise(mash_manager):
    other = make_user("other_manager", Role.MASH_MANAGER, "MASH")
    with pytest.raises(ValidationError) as refused:
        four_eyes_check(actor=mash_manager, involved=[mash_manager], capability="authorise")
    assert refused.value.messages == [
        "You cannot authorise this: you made it or changed it, and a second person must check it. "
        f"Ask {other.display_name} to authorise it."
    ]
    four_eyes_check(actor=other, involved=[mash_manager, None], capability="authorise")


def test_restricted_people_are_named_only_for_their_access_list(mash_worker, outsider):
    sealed, open_child = make_child("Sealed", "Sibling"), make_child("Open", "Sibling")
    person_seal(actor=None, person=sealed, reason="Witness protection")
    person_access_grant(actor=None, person=sealed, user=mash_worker)
    assert restricted_ids(outsider, [sealed.pk, open_child.pk]) == {sealed.pk}
    assert restricted_ids(mash_worker, [sealed.pk, open_child.pk]) == set()
    assert shown_name(outsider, sealed) == RESTRICTED
    assert shown_name(mash_worker, sealed) == sealed.full_name


def test_the_gate_refuses_a_sealed_childs_record_and_a_missing_id_with_audit(mash_worker, outsider):
    child = make_child("Sealed", "Child")
    contact = make_contact([child])
    person_seal(actor=None, person=child, reason="Adoption")
    person_access_grant(actor=None, person=child, user=mash_worker)

    def people(c: Contact) -> list:
        return [link.person for link in c.children.all()]

    loaded = gate_load(
        mash_worker, Contact.objects, contact.pk, record_type="contact", people_of=people
    )
    assert loaded == contact
    assert (
        AuditEvent.objects.filter(
            actor=mash_worker, action="view", record_type="contact", person_id=child.pk
        ).count()
        == 1
    )
    for pk in (contact.pk, 987654):
        with pytest.raises(Http404):
            gate_load(outsider, Contact.objects, pk, record_type="contact", people_of=people)
    refused = AuditEvent.objects.filter(actor=outsider, action="refused", record_type="contact")
    assert sorted(refused.values_list("record_id", flat=True)) == sorted(
        [str(contact.pk), "987654"]
    )
