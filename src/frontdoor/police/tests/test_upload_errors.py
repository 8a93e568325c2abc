"""The upload page refuses files it cannot read, saying how to put it right."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from frontdoor.police.models import PoliceNotification

pytestmark = pytest.mark.django_db


def test_a_file_without_the_columns_is_refused_whole(as_user, mash_worker):
    upload = SimpleUploadedFile("ppn.csv", b"reference,date\nA,B\n")
    page = as_user(mash_worker).post("/police/import/", {"file": upload}).content.decode()
    assert "The file is missing these columns: police_reference" in page
    assert PoliceNotification.objects.count() == 0


def test_a_file_that_is_not_text_is_refused(as_user, mash_worker):
    upload = SimpleUploadedFile("ppn.xlsx", b"\xff\xfe\x00\x00PK\x03\x04\x80\x81")
    page = as_user(mash_worker).post("/police/import/", {"file": upload}).content.decode()
    assert (
        "Row 1 of the file is not UTF-8 text, so nothing was imported. Save the file as UTF-8 "
        "(in Excel: Save as, then &#x27;CSV UTF-8&#x27;) and import it again" in page
    )


def test_no_file_is_an_error(as_user, mash_worker):
    page = as_user(mash_worker).post("/police/import/", {}).content.decode()
    assert "Select the police notifications file" in page
