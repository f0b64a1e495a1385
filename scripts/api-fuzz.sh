#!/usr/bin/env bash
# Schemathesis (pinned in pyproject's dev group, its default checks) against the live OpenAPI
# schema of a gunicorn it starts on 127.0.0.1, on a throw-away PostgreSQL database, with an
# editor's read-write token. At most 10 examples per operation and 5 minutes; exits non-zero
# on any failure. Needs the PostgreSQL server at 127.0.0.1:5432 (user postgres, trust).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=.venv/bin
PG=${FUZZ_PG_URL:-postgres://postgres@127.0.0.1:5432}
DB="resilience_fuzz_$$"
WORK=$(mktemp -d)
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

psql -q "$PG/postgres" -c "CREATE DATABASE $DB" >/dev/null
export DATABASE_URL="$PG/$DB" DEBUG=false SECRET_KEY="api-fuzz-only-$$-$RANDOM" \
       ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false \
       CSRF_COOKIE_SECURE=false MEDIA_ROOT="$WORK/media" LOG_LEVEL=ERROR \
       API_THROTTLE_RATE=1000000/minute  # the run's own token must never be throttled
unset CACHE_URL

echo "== api-fuzz: database $DB"
$BIN/python manage.py migrate --noinput -v 0
$BIN/python manage.py load_maturity_model >/dev/null
$BIN/python manage.py load_catalogue >/dev/null
$BIN/python manage.py load_demo >/dev/null
TOKEN=$($BIN/python manage.py create_api_token editor@glasgow.demo --write --name fuzz | tail -n 1 | awk '{print $NF}')

PORT=$($BIN/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$BIN/gunicorn resilience_site.wsgi --bind "127.0.0.1:$PORT" --workers 2 --timeout 60 --limit-request-line 0 \
  --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/schema/" && break
  sleep 0.5
done

echo "== api-fuzz: schemathesis on http://127.0.0.1:$PORT/api/schema/"
status=0
# Run from the scratch folder: schemathesis keeps its cache (.schemathesis/) in the current one.
cd "$WORK"
timeout 300 "$ROOT/$BIN/schemathesis" run "http://127.0.0.1:$PORT/api/schema/" \
  --header "Authorization: Token $TOKEN" \
  --max-examples 10 --workers 2 --seed "${FUZZ_SEED:-1}" \
  --generation-database none --no-color --request-timeout 30 || status=$?
if [ "$status" -ne 0 ]; then
  echo "== api-fuzz: FAILED ($status); server log:"; tail -n 50 "$WORK/server.log"
fi
exit "$status"
