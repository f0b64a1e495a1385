#!/usr/bin/env bash
# The round trip of issue 26: the demo's Glasgow draft exported (.zip, with its files) from a
# fresh SQLite installation, imported into a fresh PostgreSQL installation that has only the
# model and the catalogue, exported again, and the two files compared field by field
# (exchange/compare.py). Needs the PostgreSQL server at 127.0.0.1:5432 (user postgres);
# EXCHANGE_RT_DATABASE_URL names the throw-away database (dropped and created here).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PG=${EXCHANGE_RT_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/resilience_exchange_rt}
PG_NAME=${PG##*/}
export DEBUG=true
start=$SECONDS

echo "== SQLite: migrate, the model, the catalogue and the demo"
export DATABASE_URL="sqlite:///$WORK/source.sqlite3" MEDIA_ROOT="$WORK/media-sqlite"
for step in "migrate --noinput" createcachetable load_maturity_model load_catalogue load_demo; do
  $BIN/python manage.py $step >/dev/null
done
ID=$($BIN/python manage.py shell --no-imports -c "from assessments.models import Assessment
print(Assessment.objects.get(city__slug='glasgow', status='draft').pk)")
$BIN/python manage.py export_assessment "$ID" -o "$WORK/glasgow-sqlite.zip"

echo "== PostgreSQL ($PG_NAME): migrate, the model and the catalogue; import; export"
dropdb -h 127.0.0.1 -U postgres --if-exists "$PG_NAME"
createdb -h 127.0.0.1 -U postgres "$PG_NAME"
export DATABASE_URL="$PG" MEDIA_ROOT="$WORK/media-pg"
for step in "migrate --noinput" createcachetable load_maturity_model load_catalogue; do
  $BIN/python manage.py $step >/dev/null
done
$BIN/python manage.py import_assessment glasgow "$WORK/glasgow-sqlite.zip"
ID=$($BIN/python manage.py shell --no-imports -c "from assessments.models import Assessment
print(Assessment.objects.get(city__slug='glasgow').pk)")
$BIN/python manage.py export_assessment "$ID" -o "$WORK/glasgow-pg.zip"
dropdb -h 127.0.0.1 -U postgres --if-exists "$PG_NAME"

echo "== compare"
$BIN/python -m exchange.compare "$WORK/glasgow-sqlite.zip" "$WORK/glasgow-pg.zip"
echo "== exchange round trip: $((SECONDS - start)) s"
