"""`make run`'s fast first run: the demo logins at once, the demo data seeded in a copy by another
process, shown on every page, and swapped in without losing who signed in meanwhile."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from frontdoor.accounts.models import User
from frontdoor.demo import background


def _db(path: Path, extra: str = "") -> None:
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE django_session (session_key TEXT PRIMARY KEY, session_data TEXT,"
            " expire_date TEXT);"
            "CREATE TABLE audit_auditevent (id INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT,"
            " record_id TEXT);" + extra
        )


def test_the_seeded_copy_replaces_the_live_database_keeping_sessions_and_audit(
    tmp_path: Path,
) -> None:
    live, seeded = tmp_path / "live.sqlite3", tmp_path / "seeded.sqlite3"
    _db(live)
    _db(seeded, "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Demo child');")
    with sqlite3.connect(live) as db:
        db.execute("INSERT INTO audit_auditevent (action, record_id) VALUES ('login', 'before')")
        db.execute("INSERT INTO audit_auditevent (action, record_id) VALUES ('login', 'during')")
        db.execute("INSERT INTO django_session VALUES ('abc', 'signed-in', '2030-01-01')")
    with sqlite3.connect(seeded) as db:
        db.execute("INSERT INTO audit_auditevent (action, record_id) VALUES ('seed', 'x')")
    background.swap_in(seeded=seeded, live=live, audit_after=1)
    assert not seeded.exists()
    with sqlite3.connect(live) as db:
        assert db.execute("SELECT name FROM people").fetchall() == [("Demo child",)]
        assert db.execute("SELECT session_key FROM django_session").fetchall() == [("abc",)]
        audit = db.execute("SELECT action, record_id FROM audit_auditevent ORDER BY id").fetchall()
    # The seed's own rows, then what happened in the live database after the copy was taken.
    assert audit == [("seed", "x"), ("login", "during")]


@pytest.mark.django_db
def test_start_makes_the_logins_and_seeds_a_copy_in_another_process(
    tmp_path: Path, settings: Any, monkeypatch: Any
) -> None:
    settings.DATA_DIR = tmp_path
    live = tmp_path / "frontdoor.sqlite3"
    _db(live)
    started: list[dict[str, Any]] = []

    class Process:
        pid = os.getpid()

        def __init__(self, command: list[str], **kwargs: Any) -> None:
            started.append({"command": command, **kwargs})

    monkeypatch.setattr(background, "live_database_path", lambda: live)
    monkeypatch.setattr(background.subprocess, "Popen", Process)
    from datetime import UTC, datetime

    out: list[str] = []

    class Log:
        def write(self, text: str) -> None:
            out.append(text)

    now = datetime(2026, 11, 30, 10, tzinfo=UTC)
    assert background.start(contacts=50, seed=3, now=now, log=Log())
    assert User.objects.filter(username="mash.worker").exists()  # sign-in works at once
    (call,) = started
    command = call["command"]
    assert command[command.index("--contacts") + 1] == "50"
    assert command[command.index("--seed") + 1] == "3"
    assert (
        command[command.index("--now") + 1] == now.isoformat()
    )  # the same data as a foreground run
    assert command[command.index("--swap-into") + 1] == str(live)
    seeding = tmp_path / "frontdoor.seeding.sqlite3"
    assert call["env"]["DATABASE_URL"] == f"sqlite:///{seeding}" and seeding.exists()
    assert call["start_new_session"] is True
    assert background.seeding_running()
    assert "loading in the background" in out[0]
    # A second `make run` meanwhile does not start a second seeding.
    assert background.start(contacts=50, seed=3, now=now, log=Log())
    assert len(started) == 1


@pytest.mark.django_db
def test_every_page_says_the_demo_data_is_loading(
    tmp_path: Path, settings: Any, as_user: Any, mash_worker: Any
) -> None:
    settings.DATA_DIR = tmp_path
    assert "Demo data loading" not in Client().get("/accounts/login/").content.decode()
    (tmp_path / "demo-seeding.json").write_text(
        json.dumps(
            {"state": "running", "pid": os.getpid(), "stage": 2, "stages": 9, "name": "screening"}
        )
    )
    page = as_user(mash_worker).get("/accounts/account/").content.decode()
    assert "Demo data loading" in page and "step 3 of 9 (screening)" in page
    assert "Demo data loading" in Client().get("/accounts/login/").content.decode()
    (tmp_path / "demo-seeding.json").write_text(json.dumps({"state": "done", "at": time.time()}))
    assert "Demo data loading" not in Client().get("/accounts/login/").content.decode()
