#!/usr/bin/env bash
# A Python client generated from the live OpenAPI schema by openapi-python-client (pinned in
# pyproject's `api-client` group), in a throw-away virtualenv, and scripts/api_client_check.py
# run through its typed calls against a gunicorn on 127.0.0.1 over a throw-away PostgreSQL
# database (scripts/lib/live-api.sh). Exits non-zero when the generator fails, or when the
# typed client cannot list, read, update or be refused a stale update.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/live-api.sh
live_api_start client

echo "== api-client: openapi-python-client in a throw-away virtualenv"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check pip==26.3
"$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check --group api-client
curl -fsS "http://127.0.0.1:$PORT/api/schema/?format=json" -o "$WORK/schema.json"
# The generator formats its output with the ruff it brings (its post-hook): on the PATH.
(cd "$WORK" && PATH="$WORK/venv/bin:$PATH" venv/bin/openapi-python-client generate \
  --path schema.json --meta none --output-path resilience_client >generate.log 2>&1) \
  || { cat "$WORK/generate.log"; exit 1; }
# A part of the schema the generator could not type is left out of the client: a failure.
if grep -qi "warning" "$WORK/generate.log"; then cat "$WORK/generate.log"; exit 1; fi

echo "== api-client: the typed client against http://127.0.0.1:$PORT"
status=0
PYTHONPATH="$WORK" "$WORK/venv/bin/python" scripts/api_client_check.py \
  "http://127.0.0.1:$PORT" "$TOKEN" || status=$?
if [ "$status" -ne 0 ]; then
  echo "== api-client: FAILED ($status); server log:"; tail -n 50 "$WORK/server.log"
fi
exit "$status"
