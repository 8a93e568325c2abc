"""The subject access review and export through the pages: redaction by default, release after
review, sealed third parties, double submits, refusals, audit."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from frontdoor.audit.models import AuditEvent
from frontdoor.dataprotection.models import SubjectAccessExport
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_contact, make_siblings

pytestmark = pytest.mark.django_db

FORM = {
    "requester": "The young person",
    "received_on_day": "3",
    "received_on_month": "3",
    "received_on_year": "2026",
}


def _json(response) -> dict:
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    name = next(n for n in archive.namelist() if n.endswith("records.json"))
    return json.loads(archive.read(name))


def _family():
    mother, older, younger = make_siblings("Stewart")
    make_contact(
        [older, younger],
        concerns="Mary Stewart says Ben was hit; Amy saw it.",
        referrer_name="Jo Neighbour",
    )
    return mother, older, younger


def test_the_review_lists_third_parties_and_the_export_redacts_them(as_user, officer):
    mother, older, younger = _family()
    client = as_user(officer)
    page = client.get(f"/data-protection/people/{older.pk}/subject-access/").content.decode()
    assert "Mary Stewart" in page and "Ben Stewart" in page and "Jo Neighbour" in page
    data = _json(client.post(f"/data-protection/people/{older.pk}/subject-access/", FORM))
    raw = json.dumps(data)
    for name in ("Mary", "Ben", "Jo Neighbour"):
        assert name not in raw
    contact = next(s for s in data["sections"] if s["model"] == "intake.Contact")["rows"][0]
    assert contact["concerns"].startswith("[Redacted: third party ")
    assert contact["concerns"].endswith("; Amy saw it.")
    assert contact["referrer_name"].startswith("[Redacted: third party ")


def test_a_released_third_party_is_shown_and_the_release_is_logged(as_user, officer):
    mother, older, younger = _family()
    response = as_user(officer).post(
        f"/data-protection/people/{older.pk}/subject-access/",
        {**FORM, "release": [f"person:{mother.pk}"]},
    )
    raw = json.dumps(_json(response))
    assert "Mary Stewart" in raw and "Ben" not in raw
    export = SubjectAccessExport.objects.get()
    assert export.released == [f"person:{mother.pk}"]
    assert export.requester == "The young person"
    event = AuditEvent.objects.get(action="subject_access_export")
    assert event.detail["released"] == [f"person:{mother.pk}"]


def test_a_sealed_third_party_is_restricted_and_cannot_be_released(as_user, officer, mash_manager):
    mother, older, younger = _family()
    person_seal(actor=mash_manager, person=younger, reason="Adoption")
    client = as_user(officer)
    page = client.get(f"/data-protection/people/{older.pk}/subject-access/").content.decode()
    assert "Ben" not in page and "Restricted record" in page
    response = client.post(
        f"/data-protection/people/{older.pk}/subject-access/",
        {**FORM, "release": [f"person:{younger.pk}"]},
    )
    assert response.status_code == 400  # not a choice this officer may make
    assert SubjectAccessExport.objects.count() == 0


def test_the_same_form_posted_twice_makes_one_export(as_user, officer):
    mother, older, younger = _family()
    client = as_user(officer)
    url = f"/data-protection/people/{older.pk}/subject-access/"
    first = client.post(url, {**FORM, "form_token": "tok-sar-1"})
    second = client.post(url, {**FORM, "form_token": "tok-sar-1"})
    assert first.status_code == 200 and first["Content-Type"] == "application/zip"
    assert second.status_code == 409
    export = SubjectAccessExport.objects.get()
    assert f"This form had already been sent: export {export.pk} was made at" in (
        second.content.decode()
    )


def test_missing_requester_and_date_are_refused_next_to_the_fields(as_user, officer):
    mother, older, younger = _family()
    response = as_user(officer).post(f"/data-protection/people/{older.pk}/subject-access/", {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter who made the request" in page
    assert "Enter the date the request was received" in page
    assert SubjectAccessExport.objects.count() == 0


def test_a_social_worker_cannot_export_and_the_refusal_is_audited(as_user, social_worker):
    mother, older, younger = _family()
    response = as_user(social_worker).post(
        f"/data-protection/people/{older.pk}/subject-access/", FORM
    )
    assert response.status_code == 403
    assert SubjectAccessExport.objects.count() == 0
    assert AuditEvent.objects.filter(actor=social_worker, action="refused").count() == 1
