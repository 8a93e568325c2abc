#!/usr/bin/env bash
# The production set-up, proven without containers (called by .ci/run; docs/operations.md):
#   1. production settings pass `check --deploy`; migrations run on a new PostgreSQL database;
#   2. gunicorn (deploy/gunicorn.conf.py) and the job worker (`frontdoor db_worker`) start;
#   3. /health and /ready answer, a user signs in with password and authenticator code, a census
#      job is started, run by the worker, followed on its progress page and downloaded;
#   4. backup and restore drill: pg_dump the database, restore it into a new one, and check the
#      restored copy: migrations complete, the same rows in every table, and /ready on a server
#      started on it.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG=(-h 127.0.0.1 -p 5432 -U postgres)
db="fd_smoke_$$"
restored="${db}_restored"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  dropdb "${PG[@]}" --if-exists "$db" 2>/dev/null || true
  dropdb "${PG[@]}" --if-exists "$restored" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { "$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() {
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$1/ready" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "The server on port $1 never became ready:"; cat "$2"; return 1
}

createdb "${PG[@]}" "$db"
export FRONTDOOR_ENV=production
FRONTDOOR_SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export FRONTDOOR_SECRET_KEY
export FRONTDOOR_ALLOWED_HOSTS=127.0.0.1,localhost
export FRONTDOOR_COUNCIL_NAME="Smoke Test Council"
export FRONTDOOR_LA_CODE=202
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
export FRONTDOOR_DATA_DIR="$work/data"
export FRONTDOOR_BEHIND_TLS_PROXY=1
export DJANGO_SETTINGS_MODULE=frontdoor.settings
mkdir -p "$FRONTDOOR_DATA_DIR"

echo "== production settings: check --deploy"
"$BIN/frontdoor" check --deploy --fail-level WARNING
echo "== migrate a new PostgreSQL database"
"$BIN/frontdoor" migrate --no-input -v 0
"$BIN/frontdoor" collectstatic --no-input -v 0

port="$(free_port)"
echo "== gunicorn on 127.0.0.1:$port and the job worker"
FRONTDOOR_BIND="127.0.0.1:$port" FRONTDOOR_WORKERS=2 "$BIN/gunicorn" --config deploy/gunicorn.conf.py \
  >"$work/web.log" 2>&1 &
pids+=($!)
"$BIN/frontdoor" db_worker --interval 0.5 --no-startup-delay >"$work/worker.log" 2>&1 &
pids+=($!)
wait_ready "$port" "$work/web.log"
if ! "$BIN/python" scripts/smoke_client.py --base "http://127.0.0.1:$port"; then
  echo "-- web log"; tail -n 40 "$work/web.log"; echo "-- worker log"; tail -n 40 "$work/worker.log"
  exit 1
fi
grep -q '"request_id"' "$work/web.log" || { echo "no JSON request log lines"; tail "$work/web.log"; exit 1; }
echo "JSON request log lines carry request and user ids: ok"

echo "== backup and restore drill"
pg_dump "${PG[@]}" --format=custom --file "$work/backup.dump" "$db"
createdb "${PG[@]}" "$restored"
pg_restore "${PG[@]}" --no-owner --exit-on-error --dbname "$restored" "$work/backup.dump"
count_rows() {
  psql "${PG[@]}" -d "$1" -At -c "SELECT table_name, (xpath('/row/c/text()', query_to_xml(
    format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text
    FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY 1"
}
diff <(count_rows "$db") <(count_rows "$restored") || { echo "the restored copy differs"; exit 1; }
echo "every table has the same rows after restore: $(count_rows "$restored" | wc -l) tables"
if ! DATABASE_URL="postgres://postgres@127.0.0.1:5432/$restored" "$BIN/frontdoor" migrate --check -v 0; then
  echo "the restored copy is missing migrations:"
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/$restored" "$BIN/frontdoor" showmigrations --plan | grep '\[ \]'
  exit 1
fi
echo "restored copy needs no migration: ok"
port2="$(free_port)"
DATABASE_URL="postgres://postgres@127.0.0.1:5432/$restored" FRONTDOOR_BIND="127.0.0.1:$port2" \
  FRONTDOOR_WORKERS=1 "$BIN/gunicorn" --config deploy/gunicorn.conf.py >"$work/web2.log" 2>&1 &
pids+=($!)
wait_ready "$port2" "$work/web2.log"
echo "a server on the restored copy is ready: ok"
echo "== production smoke test and restore drill passed"
