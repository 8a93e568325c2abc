"""Police notifications, Operation Encompass acknowledgements and information requests through the
API: the same rules as the pages, for the organisation the work is addressed to only, and never a
sealed child's name."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import time_machine

from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.people.services import person_seal
from frontdoor.people.tests.factories import make_siblings
from frontdoor.police.models import EncompassNotice, PoliceNotification
from frontdoor.police.tests.helpers import row
from frontdoor.screening import services as screening
from frontdoor.screening.models import InformationRequest
from frontdoor.screening.tests.helpers import contact_for_one, start

from .conftest import SCHOOL, ApiClient, organisation, token_for

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)


def police_rows() -> list[dict[str, str]]:
    return [
        row("PPN-900", child_school=SCHOOL),
        row("PPN-900", "Ben", dob="12/09/2018", child_school=SCHOOL),
    ]


@time_machine.travel(NOW, tick=False)
def test_the_police_send_notifications_once_whatever_the_retries(police_api: ApiClient) -> None:
    first = police_api.call("post", "/api/v1/police-notifications", {"rows": police_rows()})
    assert first.status_code == 200
    body = first.json()
    assert {k: body[k] for k in ("rows_read", "notifications_added", "children_added")} == {
        "rows_read": 2,
        "notifications_added": 1,
        "children_added": 2,
    }
    again = police_api.call("post", "/api/v1/police-notifications", {"rows": police_rows()}).json()
    assert (again["notifications_added"], again["rows_already_imported"]) == (0, 2)
    assert PoliceNotification.objects.filter(police_reference="PPN-900").count() == 1
    bad = police_api.call(
        "post",
        "/api/v1/police-notifications",
        {"rows": [row("PPN-901", child_date_of_birth="31/02/2015")]},
    ).json()
    assert bad["notifications_added"] == 0
    assert [(e["row"], e["reference"]) for e in bad["errors"]] == [(1, "PPN-901")]
    assert AuditEvent.objects.filter(record_type="police_import", action="import").count() == 3


def test_only_the_police_may_be_given_police_notifications(admin_user: Any, school: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        token_for(admin_user, school, ["police_notifications"])
    assert refused.value.message_dict["scopes"] == [
        "Only a police force's system may submit police notifications: this organisation's "
        "agency is education. Untick 'Submit police notifications'"
    ]


@time_machine.travel(NOW, tick=False)
def test_a_school_lists_and_acknowledges_its_encompass_notices(
    police_api: ApiClient, school_api: ApiClient, admin_user: Any
) -> None:
    police_api.call("post", "/api/v1/police-notifications", {"rows": police_rows()})
    listed = school_api.call("get", "/api/v1/encompass-notices").json()
    assert [(n["child"]["first_name"], n["recipient"]) for n in listed] == [
        ("Amy", "school_dsl"),
        ("Ben", "school_dsl"),
    ]
    first = listed[0]["id"]
    response = school_api.call(
        "post",
        f"/api/v1/encompass-notices/{first}/acknowledgement",
        {"received_by": "Jo Head (DSL)"},
    )
    assert response.status_code == 200
    notice = EncompassNotice.objects.get(pk=first)
    assert (notice.told_name, notice.method, notice.notified_at) == ("Jo Head (DSL)", "portal", NOW)
    assert [n["id"] for n in school_api.call("get", "/api/v1/encompass-notices").json()] == [
        listed[1]["id"]
    ]
    again = school_api.call(
        "post", f"/api/v1/encompass-notices/{first}/acknowledgement", {"received_by": "Jo Head"}
    )
    assert again.status_code == 422
    assert again.json()["errors"] == [
        {"field": "told_name", "message": "This notification has already been recorded as made"}
    ]
    # Another school is refused the notice, and the refusal is audited.
    other = organisation("Demoton Academy", "education")
    _t, secret = token_for(admin_user, other, ["encompass"])
    academy = ApiClient(secret)
    assert academy.call("get", "/api/v1/encompass-notices").json() == []
    stolen = academy.call(
        "post", f"/api/v1/encompass-notices/{listed[1]['id']}/acknowledgement", {"received_by": "X"}
    )
    assert stolen.status_code == 404
    assert AuditEvent.objects.filter(
        record_type="encompass_notice", action="refused", record_id=str(listed[1]["id"])
    ).exists()


@time_machine.travel(NOW, tick=False)
def test_a_sealed_childs_notice_is_not_listed_nor_named(
    police_api: ApiClient, school_api: ApiClient, mash_manager: Any
) -> None:
    make_siblings("Featherstone")  # on the index, so the notification's children are matched
    police_api.call("post", "/api/v1/police-notifications", {"rows": police_rows()})
    sealed = EncompassNotice.objects.get(child__first_name="Ben")
    person_seal(actor=mash_manager, person=sealed.child.person, reason="Adoption placement")
    response = school_api.call("get", "/api/v1/encompass-notices")
    assert "Ben" not in response.content.decode()
    assert [n["child"]["first_name"] for n in response.json()] == ["Amy"]
    refused = school_api.call(
        "post", f"/api/v1/encompass-notices/{sealed.pk}/acknowledgement", {"received_by": "Jo"}
    )
    assert refused.status_code == 404
    assert "Ben" not in refused.content.decode()


def test_health_answers_an_information_request_addressed_to_it(
    admin_user: Any, mash_worker: Any
) -> None:
    screening_ = start(mash_worker, contact_for_one(datetime(2026, 11, 24, 9, 0, tzinfo=LONDON)))[0]
    screening.rag_set(actor=mash_worker, screening=screening_, rating="amber")
    (to_health,) = screening.information_request_send(
        actor=mash_worker, screening=screening_, agencies=["health"], question="Known to you?"
    )
    health = organisation("Demoton GP Practice", "health")
    _t, secret = token_for(admin_user, health, ["information_requests"])
    api = ApiClient(secret)
    listed = api.call("get", "/api/v1/information-requests").json()
    assert [(r["id"], r["question"], r["child"]["first_name"]) for r in listed] == [
        (to_health.pk, "Known to you?", "Solo")
    ]
    answered = api.call(
        "post",
        f"/api/v1/information-requests/{to_health.pk}/answer",
        {"answered_by": "Dr Rao", "shared": "Registered; no concerns recorded."},
    )
    assert answered.status_code == 200
    info = InformationRequest.objects.get(pk=to_health.pk)
    assert (info.answered_by, info.shared) == ("Dr Rao", "Registered; no concerns recorded.")
    assert api.call("get", "/api/v1/information-requests").json() == []
    # The police are not asked here: their system is refused this request.
    police = organisation("Demoshire Police", "police")
    _t, police_secret = token_for(admin_user, police, ["information_requests"])
    refused = ApiClient(police_secret).call(
        "post",
        f"/api/v1/information-requests/{to_health.pk}/answer",
        {"answered_by": "PC Lee", "shared": "Nothing"},
    )
    assert refused.status_code == 404
