#!/usr/bin/env bash
# Load test: 50 concurrent officers against gunicorn on PostgreSQL for 2 minutes, on
# 127.0.0.1 only. Prints p50/p95 per request type. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8765}
DB=${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/resilience_load}
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE resilience_load" 2>/dev/null || true
.venv/bin/python -m pip install --quiet --disable-pip-version-check --group load
export DATABASE_URL=$DB DEBUG=false SECRET_KEY=load-test-only-secret-key-0123456789-abcdefghijklmnop \
       ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false AXES_FAILURE_LIMIT=1000
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py load_maturity_model
.venv/bin/python manage.py shell -c "exec(open('loadtest/prepare.py').read())"
# The load runs over plain HTTP on loopback, so cookies cannot be Secure here. Sync workers
# (2 × cores + 1) close each connection, so no keep-alive race resets a client's request.
SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false .venv/bin/gunicorn resilience_site.wsgi --bind 127.0.0.1:$PORT \
  --workers 5 --access-logfile /dev/null --daemon --pid /tmp/loadtest-gunicorn.pid
trap 'kill "$(cat /tmp/loadtest-gunicorn.pid)" 2>/dev/null || true' EXIT
sleep 2
.venv/bin/locust -f loadtest/locustfile.py --headless -u 50 -r 10 -t 2m \
  --host "http://127.0.0.1:$PORT" --csv /tmp/loadtest --only-summary
python3 - <<'PY'
import csv
for row in csv.DictReader(open("/tmp/loadtest_stats.csv")):
    print(f"{row['Name']:<16} requests={row['Request Count']:>6} failures={row['Failure Count']:>4} "
          f"p50={row['50%']:>5} ms p95={row['95%']:>5} ms rps={float(row['Requests/s']):.1f}")
PY
