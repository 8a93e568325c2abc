"""Browser journey: a MASH practitioner attaches a document to a child (first a file that is not
what its name says, refused with the GOV.UK error summary), sees it on the child's page and
downloads it; axe on every page."""

from __future__ import annotations

import pytest

from frontdoor.conftest import PASSWORD
from frontdoor.documents.models import Document
from frontdoor.people.tests.factories import make_child
from frontdoor.testing.browser import sign_in

from .helpers import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_document_is_attached_to_a_child_and_downloaded(page, mash_worker, document_root):
    child = make_child("Nia", "Attwood")
    sign_in(page, "mash_worker", PASSWORD)
    page.goto(f"/people/{child.pk}/")
    page.axe.check()
    page.get_by_role("link", name="Attach a document").first.click()
    page.wait_for_load_state("load")
    page.axe.check()
    page.get_by_label("What is this document?").fill("School attendance report")
    page.get_by_label("File").set_input_files(
        {"name": "attendance.pdf", "mimeType": "application/pdf", "buffer": b"just some text"}
    )
    page.get_by_role("button", name="Attach document").click()
    page.wait_for_load_state("load")
    page.axe.check()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "The file is named .pdf but its content is not a PDF" in summary
    page.get_by_label("File").set_input_files(
        {"name": "attendance.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_role("button", name="Attach document").click()
    page.wait_for_load_state("load")
    page.axe.check()
    assert "Document attached to Nia Attwood" in page.content()
    page.goto(f"/people/{child.pk}/")
    page.axe.check()
    assert "School attendance report" in page.locator("main").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="School attendance report").first.click()
    assert download.value.suggested_filename == "attendance.pdf"
    assert Document.objects.get().person == child
