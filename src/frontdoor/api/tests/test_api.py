"""The partner API through HTTP, as a partner's system calls it: tokens, scopes, organisations,
problem details, idempotency, and every call audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from frontdoor.api.models import ApiSubmission
from frontdoor.audit.models import AuditEvent
from frontdoor.intake.models import Contact
from frontdoor.intake.partner import partner_concern_submit
from frontdoor.sharing.models import SharingRecord

from .conftest import ApiClient, organisation, token_for

pytestmark = pytest.mark.django_db

CONCERN: dict[str, Any] = {
    "children": [
        {"first_name": "Ada", "last_name": "Quill", "date_of_birth": "2016-04-02"},
        {"first_name": "Ben", "last_name": "Quill", "date_of_birth": "2018-09-12"},
    ],
    "concerns": "Ada said there is no food at home and Ben has come to school hungry all week.",
    "categories": ["neglect"],
    "parents_aware": "no",
    "referrer": {"name": "Jo Head", "role": "Designated safeguarding lead"},
}


def last_api_audit() -> AuditEvent:
    return AuditEvent.objects.filter(record_type="api").order_by("-id").first()  # type: ignore[return-value]


def test_it_refuses_a_call_without_a_token_as_a_problem_and_audits_it(db: None) -> None:
    response = ApiClient().call("get", "/api/v1/concerns")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Bearer realm="Front Door partner API"'
    body = response.json()
    assert body["title"] == "A valid API token is needed"
    assert body["status"] == 401
    assert body["detail"].startswith("Send your API token in the header 'Authorization: Bearer")
    event = last_api_audit()
    assert (event.action, event.actor_id, event.record_id) == (
        "refused",
        None,
        "GET /api/v1/concerns",
    )
    assert event.detail == {"status": 401, "token": "", "organisation": ""}


def test_it_refuses_an_unknown_token_and_a_signed_in_session(
    mash_manager: Any, as_user: Any
) -> None:
    assert ApiClient("fd_not-a-real-token").call("get", "/api/v1/concerns").status_code == 401
    # Signing in to Front Door does not open the API: only a token does.
    assert as_user(mash_manager).get("/api/v1/concerns").status_code == 401


def test_it_refuses_a_token_without_the_scope_and_names_it(admin_user: Any, school: Any) -> None:
    _token, secret = token_for(admin_user, school, ["encompass"])
    response = ApiClient(secret).call("post", "/api/v1/concerns", CONCERN)
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "This token may not submit concerns and read their status and outcome: ask the council's "
        "Front Door administrator to add the 'concerns' scope"
    )
    assert Contact.objects.count() == 0
    event = last_api_audit()
    assert (event.action, event.detail["status"]) == ("refused", 403)


def test_a_revoked_token_is_refused_with_when(admin_user: Any, school: Any) -> None:
    from frontdoor.api.services import api_token_revoke

    token, secret = token_for(admin_user, school, ["concerns"])
    api_token_revoke(actor=admin_user, token=token, version=token.version)
    response = ApiClient(secret).call("get", "/api/v1/concerns")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("This token was revoked on ")


def test_a_school_submits_a_concern_about_two_children(school_api: ApiClient, school: Any) -> None:
    response = school_api.call("post", "/api/v1/concerns", CONCERN)
    assert response.status_code == 201
    body = response.json()
    contact = Contact.objects.get()
    assert body["id"] == contact.pk and body["reference"] == f"FD-{contact.pk}"
    assert (body["status"], body["status_label"], body["outcome"]) == (
        "open",
        "Awaiting decision",
        None,
    )
    assert [c["first_name"] for c in body["children"]] == ["Ada", "Ben"]
    service_user = school.api_service_account.user
    assert contact.submitted_by_partner == service_user
    assert (contact.source, contact.source_organisation, contact.channel) == (
        "2A",
        "Demoton Primary School",
        "online",
    )
    assert sorted(cc.person.first_name for cc in contact.children.all()) == ["Ada", "Ben"]
    created = AuditEvent.objects.get(record_type="api_submission")
    assert (created.action, created.actor_id, created.record_id) == (
        "create",
        service_user.pk,
        str(contact.pk),
    )
    assert last_api_audit().action == "api_call"


def test_the_same_idempotency_key_makes_one_concern(school_api: ApiClient) -> None:
    key = {"Idempotency-Key": "mis-4471"}
    first = school_api.call("post", "/api/v1/concerns", CONCERN, headers=key)
    again = school_api.call("post", "/api/v1/concerns", CONCERN, headers=key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Contact.objects.count() == 1 and ApiSubmission.objects.count() == 1


def test_field_errors_name_the_field_and_say_how_to_fix_it(school_api: ApiClient) -> None:
    bad = {**CONCERN, "children": [{**CONCERN["children"][0], "date_of_birth": "2099-01-01"}]}
    response = school_api.call("post", "/api/v1/concerns", bad)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {
            "field": "children.0.date_of_birth",
            "message": "Date of birth must be today or in the past. For a child not yet born, "
            "record an unborn child with an expected date of delivery",
        }
    ]
    missing = {k: v for k, v in CONCERN.items() if k != "concerns"}
    response = school_api.call("post", "/api/v1/concerns", missing)
    assert response.json()["errors"] == [
        {"field": "concerns", "message": "Enter concerns: it is required"}
    ]
    assert Contact.objects.count() == 0
    assert last_api_audit().action == "rejected"


def test_a_partner_reads_only_its_own_concerns(
    school_api: ApiClient, admin_user: Any, police_partner: Any
) -> None:
    mine = school_api.call("post", "/api/v1/concerns", CONCERN).json()["id"]
    other_org = organisation("Demoton Academy", "education")
    _t, secret = token_for(admin_user, other_org, ["concerns"])
    theirs = ApiClient(secret).call("post", "/api/v1/concerns", CONCERN).json()["id"]
    on_the_web = partner_concern_submit(
        actor=police_partner,
        first_name="Cal",
        last_name="Quill",
        date_of_birth=date(2015, 1, 1),
        concerns="Seen on the web form",
        categories=["neglect"],
        parents_aware="yes",
    ).pk
    assert [c["id"] for c in school_api.call("get", "/api/v1/concerns").json()] == [mine]
    assert school_api.call("get", f"/api/v1/concerns/{mine}").status_code == 200
    for pk in (theirs, on_the_web, 987654):
        response = school_api.call("get", f"/api/v1/concerns/{pk}")
        assert response.status_code == 404
        assert response.json()["title"] == "No such record"
    refused = AuditEvent.objects.filter(record_type="partner_submission", action="refused")
    assert sorted(refused.values_list("record_id", flat=True)) == sorted(
        [str(theirs), str(on_the_web), "987654"]
    )


def test_reading_a_decided_outcome_is_recorded_as_a_share_per_child(
    school_api: ApiClient,
) -> None:
    pk = school_api.call("post", "/api/v1/concerns", CONCERN).json()["id"]
    assert school_api.call("get", f"/api/v1/concerns/{pk}").json()["outcome"] is None
    assert SharingRecord.objects.count() == 0  # nothing decided, nothing shared
    # The MASH's decision (set here directly: the screening tests cover how it is made).
    Contact.objects.filter(pk=pk).update(status="decided", outcome_summary="Early help offered")
    body = school_api.call("get", f"/api/v1/concerns/{pk}").json()
    assert (body["status"], body["outcome"]) == ("decided", "Early help offered")
    shares = SharingRecord.objects.order_by("person__first_name")
    assert [(s.person.first_name, s.channel, s.recipient_agency) for s in shares] == [
        ("Ada", "api", "Demoton Primary School"),
        ("Ben", "api", "Demoton Primary School"),
    ]
    assert shares[0].what == f"Status and outcome of concern FD-{pk}: Early help offered"


def test_the_rate_limit_refuses_with_retry_after(school_api: ApiClient, settings: Any) -> None:
    settings.FRONTDOOR_API_RATE_PER_MINUTE = 2
    statuses = [school_api.call("get", "/api/v1/concerns").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = school_api.call("get", "/api/v1/concerns")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"] == (
        "This token has made more than 2 calls this minute: wait until the next minute and "
        "send the request again"
    )
    assert last_api_audit().action == "refused"


def test_the_description_is_openapi_3_1_and_the_docs_are_readable(db: None) -> None:
    from openapi_spec_validator import validate

    client = ApiClient()
    schema = client.call("get", "/api/v1/openapi.json").json()
    assert schema["openapi"] == "3.1.0"
    validate(schema)
    assert sorted(schema["paths"]) == [
        "/api/v1/concerns",
        "/api/v1/concerns/{concern_id}",
        "/api/v1/encompass-notices",
        "/api/v1/encompass-notices/{notice_id}/acknowledgement",
        "/api/v1/information-requests",
        "/api/v1/information-requests/{information_request_id}/answer",
        "/api/v1/police-notifications",
    ]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "POST <code>/api/v1/police-notifications</code>" in html
    assert "children[].date_of_birth" in html
