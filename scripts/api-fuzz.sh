#!/usr/bin/env bash
# Schemathesis (pinned in pyproject's dev group, its default checks) against the live OpenAPI
# schema of a gunicorn it starts on 127.0.0.1 (scripts/lib/live-api.sh), on a throw-away
# PostgreSQL database, with an editor's read-write token. At most 10 examples per operation and
# 5 minutes; exits non-zero on any failure. Needs the PostgreSQL server at 127.0.0.1:5432
# (user postgres, trust).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/live-api.sh
live_api_start fuzz

echo "== api-fuzz: schemathesis on http://127.0.0.1:$PORT/api/schema/"
status=0
# Run from the scratch folder: schemathesis keeps its cache (.schemathesis/) in the current one.
cd "$WORK"
timeout 300 "$ROOT/$BIN/schemathesis" --config-file "$ROOT/scripts/schemathesis.toml" run "http://127.0.0.1:$PORT/api/schema/" \
  --header "Authorization: Token $TOKEN" \
  --max-examples 10 --workers 2 --seed "${FUZZ_SEED:-1}" \
  --generation-database none --no-color --request-timeout 30 || status=$?
if [ "$status" -ne 0 ]; then
  echo "== api-fuzz: FAILED ($status); server log:"; tail -n 50 "$WORK/server.log"
fi
exit "$status"
