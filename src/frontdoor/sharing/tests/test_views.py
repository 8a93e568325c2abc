"""The child's page "What we shared, with whom and why", the decision-not-to-share form and the
information-governance report: who may open them, what they show, what they audit."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent
from frontdoor.people.models import PersonAccess
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_child, make_contact, make_siblings
from frontdoor.sharing.models import SharingRecord
from frontdoor.sharing.services import share_record

pytestmark = pytest.mark.django_db
NHS = "9434765919"
AT = timezone.make_aware(datetime(2026, 11, 20, 10, 30))


def _share(person, actor: User | None = None, **kw) -> SharingRecord:  # type: ignore[no-untyped-def]
    args = dict(
        actor=actor,
        person=person,
        recipient="Mrs Dale",
        recipient_agency="Oakfield Primary",
        what="The outcome of the contact",
        why="referrer_feedback",
        channel="phone",
        at=AT,
    )
    args.update(kw)
    return share_record(**args)


NOT_SHARED = {
    "what": "The mother's new address",
    "recipient": "Mr Fox",
    "recipient_agency": "Father's solicitor",
    "why": "s16la",
    "channel": "letter",
    "reason_not_shared": "Sharing the address would put the child and mother at risk",
}


def test_the_childs_page_lists_shares_and_decisions_not_to_share(as_user, mash_worker) -> None:  # type: ignore[no-untyped-def]
    child = make_child("Leo", "Stewart", nhs_number=NHS)
    _share(child)
    _share(
        child,
        mash_worker,
        shared=False,
        reason_not_shared="Would alert the alleged abuser",
        recipient_agency="Leisure centre",
    )
    response = as_user(mash_worker).get(f"/sharing/people/{child.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "What we shared, with whom and why" in html
    assert "Leo Stewart, NHS number 943 476 5919" in html
    assert html.count("Oakfield Primary") == 1 and html.count("Leisure centre") == 1
    assert "Would alert the alleged abuser" in html
    assert "2 records" in html
    assert (
        AuditEvent.objects.filter(
            action="view_sharing", record_type="person", person_id=child.pk, actor=mash_worker
        ).count()
        == 1
    )


def test_the_person_page_links_to_the_sharing_page(as_user, mash_worker) -> None:  # type: ignore[no-untyped-def]
    child = make_child("Leo", "Stewart")
    _share(child)
    response = as_user(mash_worker).get(f"/people/{child.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/sharing/people/{child.pk}/"' in html
    assert "What we shared, with whom and why (1 record)" in html


def test_a_sealed_childs_sharing_page_is_refused_to_someone_not_on_the_list(
    as_user, outsider, mash_worker
) -> None:  # type: ignore[no-untyped-def]
    child = make_child("Leo", "Stewart")
    _share(child)
    person_seal(actor=None, person=child, reason="Adoption placement")
    response = as_user(outsider).get(f"/sharing/people/{child.pk}/")
    assert response.status_code == 404
    assert "Leo Stewart" not in response.content.decode()
    assert (
        AuditEvent.objects.filter(action="refused", actor=outsider, person_id=child.pk).count() == 1
    )
    PersonAccess.objects.create(person=child, user=mash_worker, granted_at=timezone.now())
    assert as_user(mash_worker).get(f"/sharing/people/{child.pk}/").status_code == 200


def test_partners_and_analysts_never_reach_the_sharing_page(
    as_user, police_partner, analyst
) -> None:  # type: ignore[no-untyped-def]
    child = make_child("Leo", "Stewart")
    for user in (police_partner, analyst):
        assert as_user(user).get(f"/sharing/people/{child.pk}/").status_code == 403
        assert (
            as_user(user).post(f"/sharing/people/{child.pk}/not-shared/", NOT_SHARED).status_code
            == 403
        )
    assert SharingRecord.objects.count() == 0


def test_a_decision_not_to_share_is_recorded_from_the_childs_page(as_user, mash_worker) -> None:  # type: ignore[no-untyped-def]
    child = make_child("Leo", "Stewart", nhs_number=NHS)
    client = as_user(mash_worker)
    form = client.get(f"/sharing/people/{child.pk}/not-shared/")
    assert form.status_code == 200
    assert 'name="form_token"' in form.content.decode()
    response = client.post(f"/sharing/people/{child.pk}/not-shared/", NOT_SHARED)
    assert (response.status_code, response["Location"]) == (302, f"/sharing/people/{child.pk}/")
    record = SharingRecord.objects.get()
    assert (record.shared, record.decided_by, record.recipient_agency, record.purpose) == (
        False,
        mash_worker,
        "Father's solicitor",
        "s16la",
    )
    assert record.reason_not_shared == NOT_SHARED["reason_not_shared"]
    assert (record.nhs_number, record.contact) == (NHS, None)
    assert (
        AuditEvent.objects.filter(
            action="decide_not_to_share", record_id=str(record.pk), person_id=child.pk
        ).count()
        == 1
    )


def test_a_decision_not_to_share_from_the_screening_carries_the_contact(
    as_user, mash_worker
) -> None:  # type: ignore[no-untyped-def]
    child = make_child("Leo", "Stewart")
    contact = make_contact([child])
    url = f"/sharing/people/{child.pk}/not-shared/?contact={contact.pk}"
    page = as_user(mash_worker).get(url)
    assert page.status_code == 200
    assert f"Leo Stewart, contact {contact.pk}" in page.content.decode()
    response = as_user(mash_worker).post(url, {**NOT_SHARED, "contact": contact.pk})
    assert response.status_code == 302
    assert SharingRecord.objects.get().contact == contact


def test_a_contact_about_another_child_is_refused(as_user, mash_worker) -> None:  # type: ignore[no-untyped-def]
    child, other = make_child("Leo", "Stewart"), make_child("Ava", "Brook")
    contact = make_contact([other])
    response = as_user(mash_worker).post(
        f"/sharing/people/{child.pk}/not-shared/", {**NOT_SHARED, "contact": contact.pk}
    )
    assert response.status_code == 404
    assert SharingRecord.objects.count() == 0


def test_a_decision_not_to_share_without_a_reason_says_what_to_enter(as_user, mash_worker) -> None:  # type: ignore[no-untyped-def]
    child = make_child("Leo", "Stewart")
    response = as_user(mash_worker).post(
        f"/sharing/people/{child.pk}/not-shared/", {**NOT_SHARED, "reason_not_shared": ""}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter why the information was not shared" in html
    assert 'href="#id_reason_not_shared"' in html
    assert "Father&#x27;s solicitor" in html  # what was typed is kept
    assert SharingRecord.objects.count() == 0


def test_a_double_submitted_decision_makes_one_record(as_user, mash_worker) -> None:  # type: ignore[no-untyped-def]
    child = make_child("Leo", "Stewart")
    client = as_user(mash_worker)
    url = f"/sharing/people/{child.pk}/not-shared/"
    data = {**NOT_SHARED, "form_token": "same-token-twice-for-sharing"}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == 302
    assert (second.status_code, second["Location"]) == (302, first["Location"])
    assert SharingRecord.objects.count() == 1


def _report_data() -> tuple:  # type: ignore[type-arg]
    _, amy, ben = make_siblings("Stewart")
    _share(amy, recipient_agency="Oakfield Primary")
    _share(
        amy,
        shared=False,
        reason_not_shared="Not relevant to the child's welfare",
        recipient_agency="Northshire Housing",
        at=AT.replace(day=10),
    )
    _share(ben, what="Ben's school attendance", recipient_agency="Oakfield Primary")
    person_seal(actor=None, person=ben, reason="Adoption placement")
    return amy, ben


def test_the_report_masks_a_sealed_child_and_audits_the_children_shown(
    as_user, mash_manager
) -> None:  # type: ignore[no-untyped-def]
    amy, ben = _report_data()
    response = as_user(mash_manager).get("/sharing/report/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 records" in html
    assert "Amy Stewart" in html
    assert "Ben Stewart" not in html and "Ben&#x27;s school attendance" not in html
    # The page's explanation, then the child, the NHS number and the summary.
    assert html.count("Restricted record") == 4
    event = AuditEvent.objects.get(record_type="sharing_report", action="list")
    assert event.detail["person_ids"] == sorted([amy.pk, ben.pk])


def test_the_report_filters_by_date_agency_and_shared(as_user, mash_manager) -> None:  # type: ignore[no-untyped-def]
    _report_data()
    client = as_user(mash_manager)
    not_shared = client.get("/sharing/report/?shared=no").content.decode()
    assert "1 record" in not_shared and "Northshire Housing" in not_shared
    by_agency = client.get("/sharing/report/?agency=oakfield").content.decode()
    assert "2 records" in by_agency and "Northshire Housing" not in by_agency
    by_date = client.get(
        "/sharing/report/?start_day=1&start_month=11&start_year=2026"
        "&end_day=15&end_month=11&end_year=2026"
    ).content.decode()
    assert "1 record" in by_date and "Northshire Housing" in by_date
    wrong = client.get(
        "/sharing/report/?start_day=20&start_month=11&start_year=2026"
        "&end_day=1&end_month=11&end_year=2026"
    )
    assert wrong.status_code == 400
    assert "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date" in (
        wrong.content.decode()
    )


def test_the_report_csv_has_every_row_masked_and_is_audited(as_user, mash_manager) -> None:  # type: ignore[no-untyped-def]
    amy, ben = _report_data()
    response = as_user(mash_manager).get("/sharing/report.csv?agency=oakfield")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["Date and time", "Child", "NHS number", "Shared or not"]
    assert sorted(r[1] for r in rows[1:]) == ["Amy Stewart", "Restricted record"]
    assert all("Ben" not in cell for r in rows for cell in r)
    event = AuditEvent.objects.get(record_type="sharing_report", action="export")
    assert event.detail["children"] == 2


def test_the_administrator_sees_child_ids_not_names(as_user, admin_user) -> None:  # type: ignore[no-untyped-def]
    amy, _ = _report_data()
    html = as_user(admin_user).get("/sharing/report/").content.decode()
    assert amy.la_child_id in html and "Amy Stewart" not in html
    assert f'href="/sharing/people/{amy.pk}/"' not in html


def test_the_report_is_refused_without_the_audit_capability(as_user, mash_worker) -> None:  # type: ignore[no-untyped-def]
    assert as_user(mash_worker).get("/sharing/report/").status_code == 403
    assert as_user(mash_worker).get("/sharing/report.csv").status_code == 403
    assert AuditEvent.objects.filter(action="refused", actor=mash_worker).count() == 2


def test_the_report_runs_a_constant_number_of_queries(as_user, mash_manager) -> None:  # type: ignore[no-untyped-def]
    client = as_user(mash_manager)
    _report_data()
    with CaptureQueriesContext(connection) as few:
        response = client.get("/sharing/report/")
    assert response.status_code == 200 and "3 records" in response.content.decode()
    for n in range(6):
        _share(make_child(f"Extra{n}", "Child"), recipient_agency="Northshire Housing")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/sharing/report/")
    assert response.status_code == 200 and "9 records" in response.content.decode()
    assert len(many) == len(few)
