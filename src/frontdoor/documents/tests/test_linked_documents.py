"""The child's page lists documents on the child's contacts and allegations too, each only for
those who may open the record it is attached to: never a sealed sibling's contact document, an
allegation's only for designated officers."""

from __future__ import annotations

import pytest

from frontdoor.allegations.services import allegation_child_add
from frontdoor.allegations.tests.factories import make_referral
from frontdoor.documents.selectors import linked_documents
from frontdoor.documents.services import document_attach
from frontdoor.people.services.sealing import person_seal
from frontdoor.people.tests.factories import make_child, make_contact

from .helpers import pdf_bytes

pytestmark = pytest.mark.django_db

LINKED = "Documents attached to records about the child"


def _attach(actor, target, title):
    return document_attach(
        actor=actor, target=target, title=title, file_name="f.pdf", data=pdf_bytes()
    )


def test_the_childs_page_lists_documents_on_its_records_through_their_gates(
    as_user, mash_worker, outsider, mash_manager, designated_officer, document_root
):
    amy, ben = make_child("Amy", "Pair"), make_child("Ben", "Pair")
    contact = make_contact([amy, ben])
    form = _attach(mash_worker, contact, "Police referral form")
    link = f'href="/documents/{form.pk}/download/"'
    allegation = make_referral()
    allegation_child_add(actor=designated_officer, allegation=allegation, person=amy)
    _attach(designated_officer, allegation, "Employer's statement")

    page = as_user(mash_worker).get(f"/people/{amy.pk}/").content.decode()
    assert LINKED in page and link in page and "Contact received" in page
    assert "Employer&#x27;s statement" not in page and "Employer's statement" not in page
    officer = [d.document.title for d in linked_documents(designated_officer, amy)]
    assert officer == ["Employer's statement"]  # a designated officer does not open contacts
    # Ben is sealed: the contact about both children is his too, so its document leaves Amy's
    # page for anyone not on his access list.
    person_seal(actor=None, person=ben, reason="Refuge", access=[mash_manager])
    assert [d.document.title for d in linked_documents(outsider, amy)] == []
    # (The chronology's own document entry is not this list: its link is refused by the gate.)
    assert LINKED not in as_user(outsider).get(f"/people/{amy.pk}/").content.decode()
    assert [d.document.title for d in linked_documents(mash_manager, amy)] == [
        "Police referral form"
    ]
