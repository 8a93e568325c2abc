"""Letters: filled in from the template and the child's record (with the NHS number), previewed,
edited, then emailed or filed for printing; kept with a PDF, audited and on the chronology; a
sealed child's letters only for those on the list; templates kept by the administrator, who may
use only the listed placeholders."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.documents import storage
from frontdoor.letters.models import Letter, LetterTemplate
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.services.sealing import person_seal
from frontdoor.people.tests.factories import make_child, make_contact

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _child_with_contact():
    child = make_child("Amy", "Letters", nhs_number="9990000018")
    contact = make_contact(
        [child],
        received_at=NOW,
        referrer_name="Jo Teacher",
        referrer_email="jo.teacher@demoton-primary.example",
    )
    return child, contact


def _form(page: str) -> dict[str, str]:
    """The letter form's fields as the page filled them in (what a browser would send)."""
    import re
    from html import unescape

    data = {}
    for name in ("kind", "recipient_name", "recipient_email", "subject"):
        found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page) or re.search(
            rf'value="([^"]*)"[^>]*name="{name}"', page
        )
        data[name] = unescape(found.group(1)) if found else ""
    body = re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', page, re.S)
    data["body"] = unescape(body.group(1)).strip() if body else ""
    return data


def test_it_fills_in_the_acknowledgement_from_the_record_with_the_nhs_number(as_user, mash_worker):
    child, _ = _child_with_contact()
    page = as_user(mash_worker).get(f"/letters/people/{child.pk}/new/").content.decode()
    data = _form(page)
    assert data["kind"] == "referrer_acknowledgement"
    assert (data["recipient_name"], data["recipient_email"]) == (
        "Jo Teacher",
        "jo.teacher@demoton-primary.example",
    )
    assert data["subject"] == "We have received your concern about Amy Letters"
    assert "Dear Jo Teacher," in data["body"]
    assert "NHS number 999 000 0018" in data["body"]
    assert "on 26 November 2026 about Amy Letters" in data["body"]


def test_preview_edit_then_email_files_the_letter_with_a_pdf(
    as_user, mash_worker, django_capture_on_commit_callbacks
):
    child, contact = _child_with_contact()
    client = as_user(mash_worker)
    url = f"/letters/people/{child.pk}/new/"
    data = {**_form(client.get(url).content.decode()), "method": "email"}
    data["body"] += "\n\nP.S. Thank you for calling so quickly."
    preview = client.post(url, {**data, "action": "preview"})
    assert preview.status_code == 200
    assert "P.S. Thank you for calling so quickly." in preview.content.decode()
    assert not Letter.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {**data, "action": "send"})
    letter = Letter.objects.get()
    assert sent.status_code == 302 and sent["Location"] == f"/letters/{letter.pk}/"
    assert (letter.person, letter.contact, letter.method) == (child, contact, "email")
    assert letter.body.endswith("P.S. Thank you for calling so quickly.")
    assert storage.path_of(letter.pdf_name).read_bytes().startswith(b"%PDF")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["jo.teacher@demoton-primary.example"]
    assert email.subject == "We have received your concern about Amy Letters"
    assert email.attachments[0][2] == "application/pdf"
    audit = AuditEvent.objects.get(action="send_letter")
    assert (audit.actor, audit.record_id, audit.person_id) == (
        mash_worker,
        str(letter.pk),
        child.pk,
    )
    entry = ChronologyEntry.objects.get(person=child, kind="letter")
    assert entry.summary == "Letter emailed to Jo Teacher: Acknowledgement to the referrer"
    page = client.get(f"/letters/{letter.pk}/").content.decode()
    assert "OFFICIAL-SENSITIVE" in page and "Demoshire County Council" in page
    assert "Printed 26 November 2026, 10:00" in page


def test_a_printed_letter_needs_a_postal_address_and_every_problem_is_shown_at_once(
    as_user, mash_worker
):
    child, _ = _child_with_contact()
    client = as_user(mash_worker)
    url = f"/letters/people/{child.pk}/new/?kind=family_outcome"
    data = {**_form(client.get(url).content.decode()), "method": "print", "action": "send"}
    data.update(recipient_name="", subject="")
    refused = client.post(url, data)
    page = refused.content.decode()
    assert refused.status_code == 400
    for message in (
        "Enter the name of the person the letter is to",
        "Enter the postal address to print on the letter",
        "Enter the subject",
    ):
        assert message in page
    assert not Letter.objects.exists()
    data.update(
        recipient_name="Mary Letters",
        subject="What happens next for Amy",
        recipient_address="1 Orchard Way\nDemoton\nDM1 1AB",
    )
    assert client.post(url, data).status_code == 302
    letter = Letter.objects.get()
    assert (letter.method, letter.recipient_email) == ("print", "")
    assert AuditEvent.objects.filter(action="file_letter", record_id=str(letter.pk)).exists()
    assert not mail.outbox
    pdf = client.get(f"/letters/{letter.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Disposition"].startswith("attachment")
    assert AuditEvent.objects.filter(action="download_pdf", record_type="letter").exists()


def test_a_double_submit_sends_one_letter(as_user, mash_worker, django_capture_on_commit_callbacks):
    child, _ = _child_with_contact()
    client = as_user(mash_worker)
    url = f"/letters/people/{child.pk}/new/"
    data = {
        **_form(client.get(url).content.decode()),
        "method": "email",
        "action": "send",
        "form_token": "one-token",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302
    assert Letter.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_sealed_childs_letters_only_for_those_on_the_list(
    as_user, mash_worker, outsider, mash_manager
):
    child, _ = _child_with_contact()
    client = as_user(mash_worker)
    url = f"/letters/people/{child.pk}/new/"
    data = {**_form(client.get(url).content.decode()), "method": "email", "action": "send"}
    client.post(url, data)
    letter = Letter.objects.get()
    person_seal(actor=None, person=child, reason="Refuge", access=[mash_manager])
    for path in (url, f"/letters/{letter.pk}/", f"/letters/{letter.pk}/pdf/"):
        assert as_user(outsider).get(path).status_code == 404
        assert as_user(mash_manager).get(path).status_code == 200
    assert AuditEvent.objects.filter(actor=outsider, action="refused", person_id=child.pk).exists()


def test_roles_that_do_not_write_letters_are_refused(as_user, analyst, designated_officer):
    child, _ = _child_with_contact()
    for user in (analyst, designated_officer):
        assert as_user(user).get(f"/letters/people/{child.pk}/new/").status_code == 403


def test_the_administrator_edits_a_template_with_only_listed_placeholders(
    as_user, admin_user, mash_worker
):
    template = LetterTemplate.objects.get(kind="referrer_outcome")
    client = as_user(admin_user)
    url = f"/letters/templates/{template.pk}/"
    assert as_user(mash_worker).get(url).status_code == 403
    bad = client.post(
        url,
        {
            "subject": "Outcome for $child_name",
            "body": "Dear $recipient_name, {{ secret }} $child.__class__ $password",
            "version": template.version,
            "action": "save",
        },
    )
    assert bad.status_code == 400
    assert (
        "Use only the placeholders listed: $child is not one, $password is not one"
        in bad.content.decode()
    )
    preview = client.post(
        url,
        {
            "subject": "Outcome for $child_name",
            "body": "Dear $recipient_name, about $child_first_name ($nhs_number).",
            "version": template.version,
            "action": "preview",
        },
    )
    assert "Dear Alex Example, about Sam (999 000 0018)." in preview.content.decode()
    saved = client.post(
        url,
        {
            "subject": "Outcome for $child_name",
            "body": "Dear $recipient_name, the outcome is $outcome.",
            "version": template.version,
            "action": "save",
        },
    )
    assert saved.status_code == 302
    template.refresh_from_db()
    assert (template.body, template.version, template.changed_by) == (
        "Dear $recipient_name, the outcome is $outcome.",
        2,
        admin_user,
    )
    assert AuditEvent.objects.filter(action="update", record_type="letter_template").exists()


def test_a_stale_template_edit_is_refused_with_what_was_typed(as_user, admin_user):
    template = LetterTemplate.objects.get(kind="family_consent")
    url = f"/letters/templates/{template.pk}/"
    first = {"subject": "A", "body": "First $child_name", "version": "1", "action": "save"}
    assert as_user(admin_user).post(url, first).status_code == 302
    second = {"subject": "B", "body": "Second typed text", "version": "1", "action": "save"}
    refused = as_user(admin_user).post(url, second)
    assert refused.status_code == 409
    assert "changed this record" in refused.content.decode()
    assert "Second typed text" in refused.content.decode()


def test_the_database_refuses_an_emailed_letter_without_an_address(mash_worker):
    child, _ = _child_with_contact()
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.objects.create(
            person=child,
            kind="family_outcome",
            method="email",
            recipient_name="Mary",
            subject="S",
            body="B",
            pdf_name="x",
            sent_at=NOW,
        )


def test_missing_default_templates_are_put_back_once():
    from frontdoor.letters.services import letter_templates_install

    LetterTemplate.objects.filter(kind="icpc_invitation").delete()
    assert letter_templates_install(actor=None) == 1
    assert letter_templates_install(actor=None) == 0
    assert LetterTemplate.objects.count() == 5
    assert AuditEvent.objects.filter(action="create", record_type="letter_template").count() == 1
