"""The administrator's import pages: upload then report (no names on it), a double submit imports
once, the file's problems shown by row, other roles refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import Person
from frontdoor.peopleimport.models import PeopleImport

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[4] / "docs" / "samples" / "legacy-people.csv"


def _upload(name: str = "legacy-people.csv", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else SAMPLE.read_bytes())


def test_it_imports_an_upload_and_reports_without_names(as_user: Any, admin_user: User) -> None:
    client = as_user(admin_user)
    assert client.get(reverse("peopleimport:upload")).status_code == 200
    response = client.post(
        reverse("peopleimport:upload"), {"system": "CareFirst", "file": _upload()}
    )
    record = PeopleImport.objects.get()
    assert response.url == reverse("peopleimport:detail", args=[record.pk])
    page = client.get(response.url).content.decode()
    assert "Imported" in page and "4" in page
    for person in Person.objects.all():
        assert person.first_name not in page and person.last_name not in page
    assert AuditEvent.objects.filter(action="view", record_type="people_import").count() == 1


def test_a_double_submitted_upload_imports_once(as_user: Any, admin_user: User) -> None:
    client = as_user(admin_user)
    url = reverse("peopleimport:upload")
    first = client.post(url, {"system": "CF", "file": _upload(), "form_token": "upload-1"})
    second = client.post(url, {"system": "CF", "file": _upload(), "form_token": "upload-1"})
    assert first.status_code == second.status_code == 302
    assert PeopleImport.objects.count() == 1
    assert Person.objects.count() == 4


def test_a_file_with_problems_shows_them_by_row(as_user: Any, admin_user: User) -> None:
    content = b"legacy_id,first_name,last_name,date_of_birth\nA1,,Stone,2015-02-31\n"
    response = as_user(admin_user).post(
        reverse("peopleimport:upload"), {"system": "CF", "file": _upload("bad.csv", content)}
    )
    page = as_user(admin_user).get(response.url).content.decode()
    assert "Refused: nothing imported" in page
    assert "Enter the first name" in page and "Enter a real date" in page
    assert Person.objects.count() == 0


def test_an_unreadable_file_is_shown_next_to_the_field(as_user: Any, admin_user: User) -> None:
    response = as_user(admin_user).post(
        reverse("peopleimport:upload"), {"system": "CF", "file": _upload("people.xlsx", b"PK")}
    )
    assert response.status_code == 400
    assert "The file must be CSV (.csv) or JSON lines (.jsonl)" in response.content.decode()
    assert not PeopleImport.objects.exists()


def test_other_roles_are_refused(as_user: Any, mash_manager: User, admin_user: User) -> None:
    as_user(admin_user).post(reverse("peopleimport:upload"), {"system": "CF", "file": _upload()})
    record = PeopleImport.objects.get()
    assert as_user(mash_manager).get(reverse("peopleimport:upload")).status_code == 403
    detail = as_user(mash_manager).get(reverse("peopleimport:detail", args=[record.pk]))
    assert detail.status_code == 403
    missing = as_user(admin_user).get(reverse("peopleimport:detail", args=[record.pk + 99]))
    assert missing.status_code == 404
    assert AuditEvent.objects.filter(action="refused", record_type="people_import").exists()
