"""The gate for an import's results page (`access_police_import`): the daily screening opens it
(audited against the import), anyone else and any id that does not exist get 404, audited with the
request's id (the access matrix found missing ids refused without an audit row)."""

from __future__ import annotations

import pytest

from frontdoor.audit.models import AuditEvent

from .helpers import row, run_import

pytestmark = pytest.mark.django_db


def _refusals(response) -> list[tuple[str, str, dict]]:
    return list(
        AuditEvent.objects.filter(
            request_id=response["X-Request-Id"], action="refused"
        ).values_list("record_type", "record_id", "detail")
    )


def test_the_daily_screening_opens_an_import_and_the_view_is_audited(as_user, mash_worker):
    record = run_import([row("PPN-001")]).record
    response = as_user(mash_worker).get(f"/police/import/{record.pk}/")
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Import of ppn.csv</h1>' in response.content.decode()
    views = AuditEvent.objects.filter(
        request_id=response["X-Request-Id"], action="view", record_type="police_import"
    )
    assert list(views.values_list("record_id", "person_id")) == [(str(record.pk), None)]


def test_an_import_that_does_not_exist_is_refused_and_the_refusal_audited(as_user, mash_worker):
    response = as_user(mash_worker).get("/police/import/987654/")
    assert response.status_code == 404
    assert _refusals(response) == [("police_import", "987654", {"requested": "view"})]
