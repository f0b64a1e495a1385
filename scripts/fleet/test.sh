#!/usr/bin/env bash
# `make fleet-test`: the fleet (start.sh) under the officers' load, with faults:
#   1. one app instance killed with SIGKILL mid-run, restarted 15 s later;
#   2. the fleet's own redis-server (cache, sessions' cache, broker) stopped for 30 s;
#   3. the Celery worker killed with SIGKILL while it renders a report, restarted.
# Then check.py: every acknowledged save is in the database, nobody was signed out, failures
# lasted no longer than the health check takes to react, the report was produced, every
# reminder was sent exactly once. Exits 0 only then; its last line gives the figures.
# Never in CI (.ci/run): it takes about ten minutes and the machine's ports.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/fleet/common.sh
LOAD_SECONDS=${FLEET_LOAD_SECONDS:-300}
trap 'bash scripts/fleet/stop.sh >/dev/null' EXIT
bash scripts/fleet/start.sh
source "$FLEET_DIR/ports"
fleet_env
EVENTS="$FLEET_DIR/events.csv"
: > "$EVENTS"
event() { echo "$(date +%s.%N),$1" >> "$EVENTS"; echo "fleet-test: $(date -u +%T) $1"; }
export FLEET_LOG="$FLEET_DIR/requests.csv" FLEET_ACKS="$FLEET_DIR/acks.txt"

event "load start"
(cd loadtest && ../.venv/bin/locust -f fleet_locustfile.py --headless -u "$FLEET_OFFICERS" \
  -r 10 -t "${LOAD_SECONDS}s" --host "http://127.0.0.1:$FLEET_PORT" --only-summary \
  --csv "$FLEET_DIR/locust" > "$FLEET_DIR/logs/locust.log" 2>&1) &
LOCUST=$!

sleep $((LOAD_SECONDS / 4))
event "kill app1"
kill -KILL -- "-$(cat "$FLEET_DIR/pids/app1")"
sleep 15
start_app 1 "$APP1_PORT"
event "app1 back"

sleep 20
event "stop redis"
kill -TERM "$(cat "$FLEET_DIR/pids/redis")"
sleep 30
start_redis
event "redis back"

sleep 15
event "report asked"
.venv/bin/python scripts/fleet/report_fault.py ask > "$FLEET_DIR/report-job"
event "kill worker"
kill -KILL -- "-$(cat "$FLEET_DIR/pids/worker")"
sleep 5
daemon worker .venv/bin/celery -A resilience_site worker -c "$FLEET_WORKER_CONCURRENCY" \
  --hostname "worker@fleet" --loglevel INFO
event "worker back"
REPORT_OK=0
.venv/bin/python scripts/fleet/report_fault.py wait "$(cat "$FLEET_DIR/report-job")" && REPORT_OK=1
event "report checked"

wait "$LOCUST" || true
event "load end"
# Two more beat periods: a reminder run the faults delayed has its chance.
sleep $((REMINDERS_EVERY_SECONDS * 2 + 5))
.venv/bin/python scripts/fleet/check.py "$EVENTS" "$REPORT_OK"
