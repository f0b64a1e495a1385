# The front door. `make run` and `make test` work on a fresh machine with only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_ENV := DEBUG=true

.PHONY: help install setup run test test-db lint format bench vendor browser clean loadtest mutation mutation-focus \
	messages hostile-uploads libreoffice-fixture exchange-roundtrip fleet fleet-test

help:
	@echo "make run    - install, migrate, load the model and demo data, serve on 127.0.0.1:8000"
	@echo "make test   - the whole test suite (SQLite unless DATABASE_URL is set), on 2 cores"
	@echo "make test-db - the tests whose behaviour depends on the database (for DATABASE_URL)"
	@echo "make lint   - ruff, makemigrations --check, the import layers (import-linter)"
	@echo "make bench  - benchmarks, one JSON line per measurement"
	@echo "make mutation - mutation testing of access, scoring, services, throttle, pages, workbook writer, translations, reminders, lifecycle, audit log, page cache (mutmut)"
	@echo "make messages - refresh the interface catalogues (locale/) and compile them"
	@echo "make exchange-roundtrip - the demo's Glasgow draft SQLite -> PostgreSQL -> export, compared"
	@echo "make fleet  - HAProxy, two gunicorn, Celery worker and beats, Redis, S3 (moto), PostgreSQL"
	@echo "make fleet-test - the fleet under 100 officers, with an instance, Redis and the worker killed"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==26.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e . --group dev
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py createcachetable
	$(DEV_ENV) $(BIN)/python manage.py load_maturity_model
	$(DEV_ENV) $(BIN)/python manage.py load_maturity_model fixtures/smr-maturity-model-2.0.json
	$(DEV_ENV) $(BIN)/python manage.py load_catalogue
	$(DEV_ENV) $(BIN)/python manage.py load_catalogue fixtures/essential-links-2.0.json
	$(DEV_ENV) $(BIN)/python manage.py load_translations
	$(DEV_ENV) $(BIN)/python manage.py load_demo

run: setup
	@echo "Serving on http://127.0.0.1:8000 (Ctrl-C stops)"
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

browser:
	@bash scripts/install-browser.sh

# pytest-xdist workers, one per core of the CI machine (2); `make test TEST_WORKERS=0` runs in
# one process. Work stealing: a worker done with its share takes tests from the other's queue,
# so the run no longer ends with one worker on a long browser walk and the other idle.
TEST_WORKERS ?= 2

test: install browser
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

# For a second database (DATABASE_URL): only the tests whose behaviour can depend on it. Not
# the browser tests nor the PDF renders (pages and layout are the database's output, checked
# once by `make test`), nor the tests marked `once` (uploaded files, translation catalogues,
# CSP headers: nothing a database changes), nor the tests that touch no database.
test-db: install
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal -m "not browser and not pdf and not once and not no_database"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python benchmarks/run_all.py

# Refresh the vendored front-end assets from the npm registry (versions in package.json).
vendor:
	bash scripts/vendor-assets.sh

# Refresh the interface catalogues after changing strings (needs GNU gettext), then translate
# the new entries in locale/<lang>/LC_MESSAGES/django.po; the compiled .mo files are committed
# so a fresh install needs no gettext. `make test` fails while an entry is untranslated.
MESSAGE_IGNORES := --ignore=.venv --ignore=mutants --ignore=static/vendor --ignore=tests \
	--ignore=benchmarks --ignore=loadtest --ignore=staticfiles
messages: install
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l es -l fr -l it -l nb --no-obsolete \
		--no-location $(MESSAGE_IGNORES)
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 private-media

# 50 concurrent officers for 2 minutes against gunicorn on PostgreSQL (127.0.0.1 only).
loadtest: install
	LOADTEST_REQUEST_LOG=/tmp/loadtest_requests.csv bash scripts/loadtest.sh
	$(BIN)/python loadtest/summary.py /tmp/loadtest_requests.csv

# Mutation testing (mutmut, configured in pyproject.toml's [tool.mutmut]) of the access rule,
# the scoring rule, the assessment services, the API's throttle and pagination, the Scorecard
# workbook writer, the translations' fallback and stale check, the reminders, the lifecycle
# and the audit log (issue 22), and the page cache's keys and what moves its versions (issue
# 23), on SQLite. Slow: run it by hand, never in CI; `MUTANTS="api.throttling*"` runs only
# the mutants of one module. Before the first mutant it runs the selected tests twice (their
# coverage, then clean), about 12 min each on 2 shared cores; then about 2 mutants a minute,
# so the 669 mutants of issues 22 and 23 alone take hours. `.venv/bin/mutmut results` lists
# the survivors.
mutation: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e . --group mutation
	env -u DATABASE_URL $(BIN)/mutmut run --max-children 2 $(MUTANTS)
	$(BIN)/mutmut export-cicd-stats
	@cat mutants/mutmut-cicd-stats.json; echo

# The lifecycle, the audit log and the page cache's keys and movers (issues 22 and 23), each
# mutant against only the tests written for them (MUTATION_FOCUS) on a test database made from
# the models rather than by the 74 migrations (4 s less per mutant). Its score is a floor for
# `make mutation`'s on these files: a mutant these tests kill, the whole selection kills too.
# About half an hour on 2 quiet cores instead of most of a day; it starts from a fresh mutants/.
FOCUS_TESTS := $(addprefix tests/,test_one_lifecycle.py test_lifecycle_mutants.py \
	test_audit_log.py test_assessment_lifecycle.py test_sharing_page.py test_membership_trail.py \
	test_one_draft.py test_partner_privacy.py test_partner_scorecards.py test_scorecard_stale.py \
	test_length_limits.py test_reviews.py test_api_records.py test_api_scorecards.py \
	test_stale_save.py test_evidence_revision.py test_cache_mutants.py test_page_freshness.py \
	test_page_fragments.py test_how_others_freshness.py test_city_reviews_freshness.py \
	test_partner_dashboard.py test_network_targets.py)
FOCUS_MUTANTS := lifecycle.* audit.* assessments.lifecycle.* assessments.page_cache.* \
	dashboards.freshness.* policies.versions.* experiences.freshness.* reviews.freshness.*

mutation-focus: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e . --group mutation
	rm -rf mutants
	env -u DATABASE_URL MUTATION_FOCUS="$(FOCUS_TESTS)" PYTEST_ADDOPTS=--nomigrations \
		$(BIN)/mutmut run --max-children 2 $(foreach m,$(FOCUS_MUTANTS),"$(m)")
	$(BIN)/python scripts/mutation_score.py $(foreach m,$(FOCUS_MUTANTS),"$(m)")

# The full-size hostile Scorecard uploads (a 1 GiB zip bomb, a million cells, 50 MB) against
# gunicorn at 2 workers on a throw-away SQLite database: JSON lines of seconds and memory.
# Minutes and a gigabyte unpacked by the generator: run it by hand, never in CI.
hostile-uploads: install
	$(BIN)/python scripts/hostile_uploads.py

# Remake the LibreOffice-saved Scorecard workbook the tests import
# (tests/assets/scorecard-export-libreoffice.xlsm). Needs LibreOffice (`soffice`, Debian's
# libreoffice-calc-nogui); never run in CI, whose tests read the committed copy.
libreoffice-fixture: install
	$(DEV_ENV) $(BIN)/python scripts/libreoffice_fixture.py

# Issue 26's round trip: the demo's Glasgow draft exported from a fresh SQLite installation,
# imported into a fresh PostgreSQL one (127.0.0.1:5432, database resilience_exchange_rt, dropped
# after; EXCHANGE_RT_DATABASE_URL names another) with only the model and the catalogue, exported
# again and compared field by field. About a minute.
exchange-roundtrip: install
	bash scripts/exchange-roundtrip.sh

# Issue 32: the fleet on 127.0.0.1 (scripts/fleet/): HAProxy on FLEET_PORT (8080) in front of
# two gunicorn instances, a Celery worker and two beats, on PostgreSQL (database FLEET_DB,
# resilience_fleet), a redis-server and moto's S3-compatible server it starts on spare ports.
# Installs HAProxy and redis-server from Debian's packages if missing. Ctrl-C stops it all.
FLEET_PORT ?= 8080
fleet: install
	FLEET_PORT=$(FLEET_PORT) bash scripts/fleet/start.sh
	@echo "fleet: running; Ctrl-C stops it"
	@trap 'FLEET_PORT=$(FLEET_PORT) bash scripts/fleet/stop.sh' INT TERM EXIT; sleep infinity

# The fleet under the officers' load (100 officers, 5 minutes) with an app instance, Redis
# and the worker killed in turn; exits 0 only if nothing was lost. About ten minutes; never
# in CI.
fleet-test: install
	FLEET_PORT=$(FLEET_PORT) bash scripts/fleet/test.sh
