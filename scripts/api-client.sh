#!/usr/bin/env bash
# A Python client generated from the live OpenAPI schema by openapi-python-client (pinned in
# pyproject's `api-client` group), in a throw-away virtualenv, and scripts/api_client_check.py
# run through its typed calls against a gunicorn on 127.0.0.1 over a throw-away PostgreSQL
# database (scripts/lib/live-api.sh). Exits non-zero when the generator fails, or when the
# typed client cannot list, read, update or be refused a stale update.
set -euo pipefail
cd "$(dirname "$0")/.."

make_venv() {
  python3 -m venv "$1"
  "$1/bin/python" -m pip install --quiet --disable-pip-version-check pip==26.3
  "$1/bin/python" -m pip install --quiet --disable-pip-version-check --group api-client
}
if [ "${1:-}" = venv ]; then make_venv "$2"; exit; fi

source scripts/lib/live-api.sh
live_api_start client

# API_CLIENT_VENV: the generator's virtualenv made beforehand by `scripts/api-client.sh venv
# DIR` (.ci/run builds it while the suites run); otherwise a throw-away one is made here.
VENV=${API_CLIENT_VENV:-$WORK/venv}
if [ ! -x "$VENV/bin/openapi-python-client" ]; then
  echo "== api-client: openapi-python-client in a throw-away virtualenv"
  make_venv "$VENV"
fi
curl -fsS "http://127.0.0.1:$PORT/api/schema/?format=json" -o "$WORK/schema.json"
# The generator formats its output with the ruff it brings (its post-hook): on the PATH.
(cd "$WORK" && PATH="$VENV/bin:$PATH" "$VENV/bin/openapi-python-client" generate \
  --path schema.json --meta none --output-path resilience_client >generate.log 2>&1) \
  || { cat "$WORK/generate.log"; exit 1; }
# A part of the schema the generator could not type is left out of the client: a failure.
if grep -qi "warning" "$WORK/generate.log"; then cat "$WORK/generate.log"; exit 1; fi

echo "== api-client: the typed client against http://127.0.0.1:$PORT"
status=0
PYTHONPATH="$WORK" "$VENV/bin/python" scripts/api_client_check.py \
  "http://127.0.0.1:$PORT" "$TOKEN" || status=$?
if [ "$status" -ne 0 ]; then
  echo "== api-client: FAILED ($status); server log:"; tail -n 50 "$WORK/server.log"
fi
exit "$status"
