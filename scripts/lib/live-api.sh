# Sourced by scripts/api-fuzz.sh and scripts/api-client.sh: a gunicorn on a free 127.0.0.1 port
# over a throw-away PostgreSQL database with the demo data, and an editor's read-write token.
# Sets ROOT, BIN, WORK, PORT, TOKEN; the EXIT trap stops the server and drops the database.
# Needs the PostgreSQL server at 127.0.0.1:5432 (user postgres, trust).
# $1: a short name for the database and the log lines.
live_api_start() {
  LIVE_NAME=$1
  ROOT=$(pwd)
  BIN=.venv/bin
  PG=${FUZZ_PG_URL:-postgres://postgres@127.0.0.1:5432}
  LIVE_DB="resilience_${LIVE_NAME}_$$"
  WORK=$(mktemp -d)
  SERVER_PID=""
  trap live_api_stop EXIT

  psql -q "$PG/postgres" -c "CREATE DATABASE $LIVE_DB" >/dev/null
  export DATABASE_URL="$PG/$LIVE_DB" DEBUG=false SECRET_KEY="api-$LIVE_NAME-only-$$-$RANDOM" \
         ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false \
         CSRF_COOKIE_SECURE=false MEDIA_ROOT="$WORK/media" LOG_LEVEL=ERROR \
         API_THROTTLE_RATE=1000000/minute  # the run's own token must never be throttled
  unset CACHE_URL

  echo "== api-$LIVE_NAME: database $LIVE_DB"
  $BIN/python manage.py migrate --noinput -v 0
  $BIN/python manage.py load_maturity_model >/dev/null
  $BIN/python manage.py load_catalogue >/dev/null
  $BIN/python manage.py load_demo >/dev/null
  TOKEN=$($BIN/python manage.py create_api_token editor@glasgow.demo --write --name "$LIVE_NAME" \
    | tail -n 1 | awk '{print $NF}')

  PORT=$($BIN/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  $BIN/gunicorn resilience_site.wsgi --bind "127.0.0.1:$PORT" --workers 2 --timeout 60 --limit-request-line 0 \
    --log-level warning >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 60); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/schema/" && break
    sleep 0.5
  done
}

live_api_stop() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $LIVE_DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
