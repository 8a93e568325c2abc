"""Attaching and downloading documents: the file's size, type and content are checked, all its
problems shown at once; it is kept outside the web root under a random name; it is downloaded only
through the gate of the record it is attached to, with an audit row either way."""

from __future__ import annotations

import stat

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.allegations.tests.factories import make_referral
from frontdoor.audit.models import AuditEvent
from frontdoor.documents import storage
from frontdoor.documents.models import Document
from frontdoor.documents.services import document_attach
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.services.sealing import person_seal
from frontdoor.people.tests.factories import make_child, make_contact

from .helpers import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def refuse_eicar(data: bytes, name: str) -> str | None:
    """A test scanner: refuses any file holding the word EICAR, as ClamAV refuses its test file."""
    return "it matched the EICAR test signature" if b"EICAR" in data else None


def _post(client, url, name, data, title="School attendance report"):
    return client.post(url, {"title": title, "file": upload(name, data)})


def test_it_attaches_a_pdf_to_a_child_outside_the_web_root(as_user, mash_worker, document_root):
    child = make_child("Amy", "Docs")
    response = _post(
        as_user(mash_worker), f"/documents/people/{child.pk}/new/", "report.pdf", pdf_bytes()
    )
    assert response.status_code == 302
    assert response["Location"] == f"/documents/people/{child.pk}/"
    document = Document.objects.get()
    assert (document.person, document.title, document.original_name) == (
        child,
        "School attendance report",
        "report.pdf",
    )
    assert document.content_type == "application/pdf"
    path = storage.path_of(document.stored_name)
    assert path.is_relative_to(document_root) and path.read_bytes() == pdf_bytes()
    assert "report" not in path.name and stat.S_IMODE(path.stat().st_mode) == 0o600
    audit = AuditEvent.objects.get(action="attach", record_type="document")
    assert (audit.actor, audit.record_id, audit.person_id) == (
        mash_worker,
        str(document.pk),
        child.pk,
    )
    entry = ChronologyEntry.objects.get(person=child, kind="document")
    assert entry.summary == "Document attached to the child's record: School attendance report"
    assert entry.url == f"/documents/{document.pk}/download/"
    page = as_user(mash_worker).get(f"/people/{child.pk}/").content.decode()
    assert "School attendance report" in page and f"/documents/{document.pk}/download/" in page


def test_it_refuses_a_type_not_allowed(as_user, mash_worker):
    child = make_child("Amy", "Docs")
    response = _post(
        as_user(mash_worker), f"/documents/people/{child.pk}/new/", "setup.exe", b"MZ\x90\x00"
    )
    assert response.status_code == 400
    assert (
        "The file must be a PDF, Word document, PNG image, JPEG image or plain text"
        in response.content.decode()
    )
    assert not Document.objects.exists()


def test_it_refuses_a_file_too_large(as_user, mash_worker, settings):
    settings.FRONTDOOR_DOCUMENT_MAX_MB = 1
    child = make_child("Amy", "Docs")
    big = b"line of a long synthetic case note\n" * 45_000  # 1.5 MB of text
    response = _post(as_user(mash_worker), f"/documents/people/{child.pk}/new/", "notes.txt", big)
    assert response.status_code == 400
    assert "The file must be smaller than 1 MB (this one is 1.5 MB)" in response.content.decode()
    assert not Document.objects.exists()


def test_it_refuses_a_pdf_that_is_not_a_pdf(as_user, mash_worker):
    child = make_child("Amy", "Docs")
    response = _post(
        as_user(mash_worker),
        f"/documents/people/{child.pk}/new/",
        "report.pdf",
        b"This is plain text pretending to be a PDF",
    )
    assert response.status_code == 400
    assert (
        "The file is named .pdf but its content is not a PDF (it looks like a .txt file)"
        in response.content.decode()
    )
    assert not Document.objects.exists()


def test_it_shows_every_problem_at_once(as_user, mash_worker):
    child = make_child("Amy", "Docs")
    response = _post(
        as_user(mash_worker),
        f"/documents/people/{child.pk}/new/",
        "photo.png",
        pdf_bytes(),
        title="",
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter what the document is" in page
    assert "The file is named .png but its content is not a PNG image" in page


def test_the_virus_scan_hook_refuses_a_file_and_nothing_is_kept(
    as_user, mash_worker, settings, document_root
):
    settings.FRONTDOOR_DOCUMENT_SCANNER = "frontdoor.documents.tests.test_documents.refuse_eicar"
    child = make_child("Amy", "Docs")
    response = _post(
        as_user(mash_worker), f"/documents/people/{child.pk}/new/", "a.txt", b"X5O EICAR test"
    )
    assert response.status_code == 400
    assert (
        "The file was refused by the virus check: it matched the EICAR test signature"
        in response.content.decode()
    )
    assert not Document.objects.exists()
    assert not document_root.exists() or not any(document_root.rglob("*.*"))


def test_a_double_submit_attaches_one_document(as_user, mash_worker):
    child = make_child("Amy", "Docs")
    client = as_user(mash_worker)
    url = f"/documents/people/{child.pk}/new/"
    for _ in range(2):
        response = client.post(
            url,
            {"title": "Report", "file": upload("r.pdf", pdf_bytes()), "form_token": "same-token"},
        )
        assert response.status_code == 302
    assert Document.objects.count() == 1


def test_download_is_an_attachment_with_safe_headers_and_audited(as_user, mash_worker):
    child = make_child("Amy", "Docs")
    document = document_attach(
        actor=mash_worker, target=child, title="Report", file_name="r.pdf", data=pdf_bytes()
    )
    response = as_user(mash_worker).get(f"/documents/{document.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Disposition"] == 'attachment; filename="r.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]
    audit = AuditEvent.objects.get(action="download", record_type="document")
    assert (audit.actor, audit.record_id, audit.person_id) == (
        mash_worker,
        str(document.pk),
        child.pk,
    )


def test_download_refused_for_a_role_that_cannot_open_the_record(
    as_user, mash_worker, police_partner, analyst
):
    child = make_child("Amy", "Docs")
    document = document_attach(
        actor=mash_worker, target=child, title="Report", file_name="r.pdf", data=pdf_bytes()
    )
    for user in (police_partner, analyst):
        assert as_user(user).get(f"/documents/{document.pk}/download/").status_code == 404
        assert AuditEvent.objects.filter(
            actor=user, action="refused", record_type="document", record_id=str(document.pk)
        ).exists()


def test_download_refused_for_a_sealed_child_unless_on_the_list(
    as_user, mash_worker, outsider, mash_manager
):
    child = make_child("Amy", "Sealed")
    document = document_attach(
        actor=mash_worker, target=child, title="Report", file_name="r.pdf", data=pdf_bytes()
    )
    person_seal(actor=None, person=child, reason="Adoption", access=[mash_manager])
    assert as_user(outsider).get(f"/documents/{document.pk}/download/").status_code == 404
    assert as_user(outsider).get(f"/documents/people/{child.pk}/").status_code == 404
    assert AuditEvent.objects.filter(
        actor=outsider, action="refused", record_type="document", person_id=child.pk
    ).exists()
    assert as_user(mash_manager).get(f"/documents/{document.pk}/download/").status_code == 200


def test_a_contact_document_is_refused_when_a_sibling_on_it_is_sealed(
    as_user, mash_worker, outsider, mash_manager
):
    amy, ben = make_child("Amy", "Pair"), make_child("Ben", "Pair")
    contact = make_contact([amy, ben])
    document = document_attach(
        actor=mash_worker,
        target=contact,
        title="Referral form",
        file_name="f.pdf",
        data=pdf_bytes(),
    )
    assert ChronologyEntry.objects.filter(kind="document").count() == 2
    assert as_user(outsider).get(f"/documents/{document.pk}/download/").status_code == 200
    person_seal(actor=None, person=ben, reason="Refuge", access=[mash_manager])
    assert as_user(outsider).get(f"/documents/{document.pk}/download/").status_code == 404
    assert as_user(outsider).get(f"/documents/contacts/{contact.pk}/").status_code == 404
    assert as_user(mash_manager).get(f"/documents/contacts/{contact.pk}/").status_code == 200


def test_allegation_documents_only_to_designated_officers(
    as_user, designated_officer, social_worker, mash_manager
):
    allegation = make_referral()
    client = as_user(designated_officer)
    response = _post(client, f"/documents/allegations/{allegation.pk}/new/", "n.pdf", pdf_bytes())
    assert response.status_code == 302
    document = Document.objects.get(allegation=allegation)
    assert not ChronologyEntry.objects.filter(kind="document").exists()
    assert client.get(f"/documents/{document.pk}/download/").status_code == 200
    for user in (social_worker, mash_manager):
        assert as_user(user).get(f"/documents/{document.pk}/download/").status_code == 404
        assert as_user(user).get(f"/documents/allegations/{allegation.pk}/").status_code == 403


def test_a_missing_document_is_a_refusal_audited(as_user, mash_worker):
    assert as_user(mash_worker).get("/documents/987654/download/").status_code == 404
    assert AuditEvent.objects.filter(
        action="refused", record_type="document", record_id="987654"
    ).exists()


def test_the_database_refuses_a_document_attached_to_two_records(mash_worker):
    child = make_child("Amy", "Docs")
    contact = make_contact([child])
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(
            person=child,
            contact=contact,
            title="Two homes",
            original_name="x.pdf",
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
            stored_name="abc",
            uploaded_at=timezone.now(),
        )
