#!/usr/bin/env bash
# `make fleet`: on 127.0.0.1, HAProxy (Debian's package) in front of two gunicorn instances, a
# Celery worker and two Celery beats, on PostgreSQL, a redis-server started here on a spare
# port (never the machine's own), and moto's S3-compatible server for the files.
# Everything's state and logs go to $FLEET_DIR; `scripts/fleet/stop.sh` (or Ctrl-C under
# `make fleet`) stops what this started, by the pids it wrote.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/fleet/common.sh

install_fleet_packages
mkdir -p "$FLEET_DIR/mail" "$FLEET_DIR/pids" "$FLEET_DIR/logs"
rm -f "$FLEET_DIR"/mail/*
echo "fleet: state and logs in $FLEET_DIR"

# Ports: the load balancer's is FLEET_PORT; the rest are found free now.
spare() { .venv/bin/python -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
echo "REDIS_PORT=$(spare)" > "$FLEET_DIR/ports"
echo "S3_PORT=$(spare)" >> "$FLEET_DIR/ports"
echo "APP1_PORT=$(spare)" >> "$FLEET_DIR/ports"
echo "APP2_PORT=$(spare)" >> "$FLEET_DIR/ports"
source "$FLEET_DIR/ports"
fleet_env

start_redis
daemon s3 .venv/bin/moto_server -H 127.0.0.1 -p "$S3_PORT"
wait_port "$S3_PORT"
.venv/bin/python scripts/fleet/make_bucket.py

psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $FLEET_DB" 2>/dev/null || true
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py createcachetable
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py load_maturity_model -v0 >/dev/null
FLEET_OFFICERS=$FLEET_OFFICERS .venv/bin/python manage.py shell -c "exec(open('scripts/fleet/officers.py').read())"
.venv/bin/python manage.py shell -c "exec(open('loadtest/prepare.py').read()); prepare($FLEET_OFFICERS)"
.venv/bin/python manage.py shell -c "exec(open('scripts/fleet/due_reminders.py').read())"

start_app 1 "$APP1_PORT"
start_app 2 "$APP2_PORT"
daemon worker .venv/bin/celery -A resilience_site worker -c "$FLEET_WORKER_CONCURRENCY" \
  --hostname "worker@fleet" --loglevel INFO
for n in 1 2; do  # two beats, as two machines would run: each reminder still goes once
  daemon "beat$n" .venv/bin/celery -A resilience_site beat --loglevel INFO \
    --schedule "$FLEET_DIR/beat$n-schedule"
done
sed -e "s/@LB_PORT@/$FLEET_PORT/" -e "s/@APP1_PORT@/$APP1_PORT/" -e "s/@APP2_PORT@/$APP2_PORT/" \
  scripts/fleet/haproxy.cfg > "$FLEET_DIR/haproxy.cfg"
haproxy -f "$FLEET_DIR/haproxy.cfg" -D -p "$FLEET_DIR/pids/haproxy"
wait_port "$FLEET_PORT"
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$FLEET_PORT/healthz" >/dev/null 2>&1 && break; sleep 1
done
echo "fleet: http://127.0.0.1:$FLEET_PORT/ (HAProxy) -> gunicorn :$APP1_PORT and :$APP2_PORT;" \
  "redis :$REDIS_PORT, S3 :$S3_PORT, database $FLEET_DB"
curl -sS "http://127.0.0.1:$FLEET_PORT/healthz"; echo
