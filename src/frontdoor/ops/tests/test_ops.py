"""Running the service: /ready, structured logs without names, and reporting reads on a replica."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.db import connections
from django.test import Client

from frontdoor.ops import views
from frontdoor.ops.logging import FrontDoorJsonFormatter, RequestContextFilter
from frontdoor.ops.routers import ReplicaRouter, reporting_reads

pytestmark = pytest.mark.django_db


def test_ready_answers_without_signing_in() -> None:
    response = Client().get("/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["job_queue"] in ("ok", "in-process (immediate)")


def test_ready_checks_the_queue_table(settings: Any) -> None:
    settings.FRONTDOOR_JOBS_MODE = "queue"
    assert Client().get("/ready").json()["job_queue"] == "ok"


def test_ready_says_unavailable_when_the_database_is_not(monkeypatch: Any) -> None:
    monkeypatch.setattr(views, "_database", lambda alias: "unreachable: OperationalError")
    response = Client().get("/ready")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unreachable: OperationalError",
        "job_queue": "not checked",
    }


def test_request_log_lines_are_json_with_ids_and_no_query_string(
    as_user: Any, mash_worker: Any, caplog: Any
) -> None:
    handler = logging.StreamHandler()
    lines: list[str] = []
    handler.emit = lambda record: lines.append(handler.format(record))  # type: ignore[method-assign]
    handler.setFormatter(FrontDoorJsonFormatter())
    handler.addFilter(RequestContextFilter())
    logger = logging.getLogger("frontdoor.request")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        response = as_user(mash_worker).get("/people/?q=Secret+Childname")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    line = json.loads(lines[-1])
    assert line["path"] == "/people/" and line["method"] == "GET"
    assert line["request_id"] == response["X-Request-Id"]
    assert line["user_id"] == mash_worker.pk and line["status"] == response.status_code
    assert "Childname" not in lines[-1] and "Secret" not in lines[-1]
    assert {"time", "level", "name", "message", "duration_ms"} <= set(line)


def test_reads_go_to_the_replica_only_inside_reporting_reads(monkeypatch: Any) -> None:
    from frontdoor.ops import routers

    router = ReplicaRouter()
    monkeypatch.setattr(routers, "replica_configured", lambda: True)
    assert router.db_for_read(object()) is None
    with reporting_reads():
        # Inside a transaction on the primary (every test here is one), reads stay on it.
        assert connections["default"].in_atomic_block
        assert router.db_for_read(object()) is None
    assert router.db_for_write(object()) == "default"
    assert router.allow_migrate("replica", "people") is False


@pytest.mark.skipif(
    "replica" not in __import__("django.conf").conf.settings.DATABASES,
    reason="DATABASE_REPLICA_URL is not set (.ci/run sets it for the PostgreSQL run)",
)
@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_reporting_reads_use_the_replica_alias_and_see_committed_rows() -> None:
    from frontdoor.core.models import LocalClosure

    LocalClosure.objects.create(day="2031-12-24", reason="Replica check")
    with reporting_reads() as alias:
        assert alias == "replica"
        query = LocalClosure.objects.filter(reason="Replica check")
        assert query.db == "replica"
        assert list(query.values_list("reason", flat=True)) == ["Replica check"]
    assert LocalClosure.objects.filter(reason="Replica check").db == "default"
