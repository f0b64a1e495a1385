# Shared by start.sh, stop.sh and test.sh: where the fleet lives and how its parts start.
FLEET_PORT=${FLEET_PORT:-8080}
FLEET_DIR=${FLEET_DIR:-/tmp/resilience-fleet-$FLEET_PORT}
FLEET_DB=${FLEET_DB:-resilience_fleet}
FLEET_OFFICERS=${FLEET_OFFICERS:-100}
# Sync workers per gunicorn instance: two, so four for the machine's two cores. Back to back at
# 100 officers (no faults, shared machine) three took 25 ms of CPU a request, two 22-23 ms,
# p95 matrix 1,093 ms against 897-1,027, save evidence 2,630 against 1,702-2,137.
FLEET_APP_WORKERS=${FLEET_APP_WORKERS:-2}
FLEET_WORKER_CONCURRENCY=${FLEET_WORKER_CONCURRENCY:-1}

install_fleet_packages() {
  local missing=()
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
  make install >/dev/null
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --group load
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
}

fleet_env() {
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$FLEET_DB"
  export CACHE_URL="redis://127.0.0.1:$REDIS_PORT/1"
  export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
  # A job a killed worker held goes back to the queue after this many seconds.
  export CELERY_VISIBILITY_TIMEOUT=${CELERY_VISIBILITY_TIMEOUT:-30}
  export S3_BUCKET=fleet-files S3_ENDPOINT_URL="http://127.0.0.1:$S3_PORT" S3_REGION=us-east-1
  export S3_ACCESS_KEY_ID=fleet S3_SECRET_ACCESS_KEY=fleet-secret
  export DEBUG=false SECRET_KEY=fleet-trial-only-secret-key-0123456789-abcdefghijklmnopqrstu
  export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false AXES_FAILURE_LIMIT=1000
  export SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false TRUSTED_PROXIES=1
  export EMAIL_URL="filemail:///$FLEET_DIR/mail" SITE_URL="http://127.0.0.1:$FLEET_PORT"
  export REMINDERS_EVERY_SECONDS=${REMINDERS_EVERY_SECONDS:-15}
}

daemon() {  # name command...: started in the background, its pid and log kept
  local name=$1; shift
  setsid "$@" >"$FLEET_DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$FLEET_DIR/pids/$name"
}

wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2
  done
  echo "fleet: nothing answers on port $1" >&2; return 1
}

start_redis() {  # with its append-only file, as a broker's Redis is run: a restart keeps the queue
  daemon redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly yes \
    --appendfsync everysec --dir "$FLEET_DIR"
  wait_port "$REDIS_PORT"
}

start_app() {  # n port
  # Sync workers, as `make loadtest`. No access log: gunicorn formats every request's line
  # even for --access-logfile /dev/null (4% of the workers' CPU under the officers' load).
  daemon "app$1" .venv/bin/gunicorn resilience_site.wsgi --bind "127.0.0.1:$2" \
    --workers "$FLEET_APP_WORKERS" --graceful-timeout 5
  wait_port "$2"
  # Each worker's first request opens its connections (PostgreSQL, Redis, the S3 client):
  # made before the balancer's health checks, which allow a few seconds each.
  for _ in $(seq 1 $((FLEET_APP_WORKERS * 3))); do
    curl -sS -o /dev/null -m 30 -H "Host: 127.0.0.1" "http://127.0.0.1:$2/healthz" || true
  done
}

stop_one() {  # name [signal]
  local pidfile="$FLEET_DIR/pids/$1"
  [ -f "$pidfile" ] || return 0
  kill "-${2:-TERM}" "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}
