"""The request id on audit rows is always the server's own; a client's X-Request-Id is only noted."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from django.test import Client

from frontdoor.accounts.models import User
from frontdoor.audit.middleware import clean_client_request_id
from frontdoor.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_incoming_request_id_is_recorded_separately_never_used_as_the_id(
    as_user: Callable[[User], Client], analyst: User
) -> None:
    sent = "11111111-2222-3333-4444-555555555555"
    response = as_user(analyst).get("/administration/", headers={"X-Request-Id": sent})
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="refused", record_type="page")
    assert event.request_id != sent
    assert uuid.UUID(event.request_id).version == 4
    assert response["X-Request-Id"] == event.request_id
    assert event.client_request_id == sent


def test_without_a_header_the_server_id_is_used_and_no_client_id_is_stored(
    as_user: Callable[[User], Client], analyst: User
) -> None:
    response = as_user(analyst).get("/administration/")
    event = AuditEvent.objects.get(action="refused", record_type="page")
    assert uuid.UUID(event.request_id).version == 4
    assert response["X-Request-Id"] == event.request_id
    assert event.client_request_id == ""


def test_each_request_gets_its_own_id_even_when_the_client_repeats_one(
    as_user: Callable[[User], Client], analyst: User
) -> None:
    client = as_user(analyst)
    first = client.get("/administration/", headers={"X-Request-Id": "same"})
    second = client.get("/administration/", headers={"X-Request-Id": "same"})
    assert first["X-Request-Id"] != second["X-Request-Id"]
    ids = list(AuditEvent.objects.order_by("id").values_list("request_id", "client_request_id"))
    assert ids == [(first["X-Request-Id"], "same"), (second["X-Request-Id"], "same")]


def test_the_client_header_is_kept_printable_and_short() -> None:
    assert clean_client_request_id("abc\r\nX-Evil: 1\x00") == "abcX-Evil:1"
    assert clean_client_request_id("x" * 500) == "x" * 100
    assert clean_client_request_id(None) == ""
