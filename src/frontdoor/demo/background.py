"""`make run`'s fast first run: serve pages at once and load the demo data in the background.

Seeding the demo (2,000 contacts and everything that follows from them, through the services) takes
minutes, and SQLite lets one writer in at a time: seeding inside the database the server uses would
hold its write lock for minutes, and nobody could even sign in. So, on the embedded SQLite database:

1. the demo logins are created in the live database at once (sign-in works from the first page);
2. the live database is copied (SQLite's backup API) to `var/frontdoor.seeding.sqlite3`, and a
   separate process seeds that copy with the same code, seed and clock as a foreground run — so the
   data is identical for a given seed — writing its progress (stage n of N) to
   `var/demo-seeding.json`, which every page shows in a banner;
3. when it has finished, it takes the live database's exclusive lock (no request is writing),
   copies into the seeded copy what happened in the meantime (sessions, so nobody is signed out, and
   audit rows, so no sign-in goes unrecorded), and renames the seeded copy over the live one — an
   atomic rename; each request opens the database afresh, so the next one sees the demo data.

On PostgreSQL (or with --foreground) `seed_demo` runs in the foreground as before.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

SESSION_TABLE = "django_session"
AUDIT_TABLE = "audit_auditevent"


def live_database_path() -> Path | None:
    """The embedded database's file, or None when the database is not a SQLite file."""
    db = connection.settings_dict
    name = str(db["NAME"])
    if not db["ENGINE"].endswith("sqlite3") or name in ("", ":memory:") or "mode=memory" in name:
        return None
    return Path(name)


def progress_path() -> Path:
    return Path(settings.DATA_DIR) / "demo-seeding.json"


def read_progress() -> dict[str, Any] | None:
    """What the background seeding says about itself, while it runs (None otherwise)."""
    try:
        data = json.loads(progress_path().read_text())
    except (OSError, ValueError):
        return None
    if data.get("state") != "running":
        return None
    return data if isinstance(data, dict) else None


def write_progress(**values: Any) -> None:
    path = progress_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(values))
    tmp.replace(path)


def seeding_running() -> bool:
    data = read_progress()
    if not data:
        return False
    try:
        os.kill(int(data.get("pid", 0)), 0)
    except (OSError, ValueError):
        return False
    return True


def start(*, contacts: int, seed: int, now: datetime, log: Any) -> bool:
    """Create the demo logins now and seed a copy of the database in a separate process. Returns
    False (nothing started) when the database is not an embedded SQLite file."""
    from .users import create_demo_users

    live = live_database_path()
    if live is None:
        return False
    if seeding_running():
        log.write("Demo data is already loading in the background.")
        return True
    create_demo_users()
    if connection.vendor == "sqlite":
        connection.close()  # nothing of ours holds the file while it is copied
    seeding = live.with_name(live.stem + ".seeding.sqlite3")
    seeding.unlink(missing_ok=True)
    with sqlite3.connect(live) as source, sqlite3.connect(seeding) as target:
        source.backup(target)
        last_audit = source.execute(f"SELECT COALESCE(MAX(id), 0) FROM {AUDIT_TABLE}").fetchone()[0]
    logfile = Path(settings.DATA_DIR) / "demo-seeding.log"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{seeding}"}
    command = [
        sys.executable,
        "-m",
        "frontdoor.manage",
        "seed_demo",
        "--contacts",
        str(contacts),
        "--seed",
        str(seed),
        "--now",
        now.isoformat(),
        "--swap-into",
        str(live),
        "--audit-after",
        str(last_audit),
    ]
    with open(logfile, "ab") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    write_progress(
        state="running", pid=process.pid, stage=0, stages=0, name="starting", started=time.time()
    )
    log.write(
        "Demo logins are ready. The demo data is loading in the background (a few minutes; every "
        f"page shows its progress, and {logfile} has the details)."
    )
    return True


def swap_in(*, seeded: Path, live: Path, audit_after: int) -> None:
    """Put the seeded copy in place of the live database, keeping what happened meanwhile."""
    holder = sqlite3.connect(live, timeout=120, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # waits for any request's write to finish
        target = sqlite3.connect(seeded, isolation_level=None)
        try:
            target.execute("BEGIN")
            for table, where, args in (
                (SESSION_TABLE, "", ()),
                (AUDIT_TABLE, " WHERE id > ?", (audit_after,)),
            ):
                columns = [
                    row[1]
                    for row in holder.execute(f"PRAGMA table_info({table})").fetchall()
                    if not (table == AUDIT_TABLE and row[1] == "id")
                ]
                names = ", ".join(columns)
                rows = holder.execute(f"SELECT {names} FROM {table}{where}", args).fetchall()
                verb = "INSERT OR REPLACE" if table == SESSION_TABLE else "INSERT"
                marks = ", ".join("?" for _ in columns)
                target.executemany(f"{verb} INTO {table} ({names}) VALUES ({marks})", rows)
            target.execute("COMMIT")
        finally:
            target.close()
        os.replace(seeded, live)
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
