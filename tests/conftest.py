"""Shared fixtures: the real SMR model loaded into the real test database, and people."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.plugin import blocking_manager_key

from accounts.models import City, Invitation, Membership, Partner, Role, User
from assessments import services
from maturity.loader import load_model, read_model_file
from maturity.models import ModelVersion
from policies.models import Policy

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "smr-rmm-2018.json"
FIXTURE_SLUG = "smr-rmm-2018"
FIXTURE_2_0 = Path(settings.BASE_DIR) / "fixtures" / "smr-maturity-model-2.0.json"
SHARED = Path(settings.BASE_DIR).parent / "shared"


@pytest.fixture(scope="session")
def smr_doc() -> dict:
    return read_model_file(FIXTURE)


_test_database = {"ready": False}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, smr_doc):
    """The test database, with the SMR model loaded once: every test rolls back to it.

    The model is read-only for the app, and loading it (90 actions) took longer than most
    tests; a test that changes it does so inside its own transaction, rolled back after it.
    """
    with django_db_blocker.unblock():
        load_model(smr_doc)
    _test_database["ready"] = True
    yield
    _test_database["ready"] = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (live_server, `transaction=True`) ends by emptying the database:
    load the model again before the next test, outside any test's transaction."""
    result = yield
    if _test_database["ready"] and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            if not ModelVersion.objects.filter(slug=FIXTURE_SLUG).exists():
                load_model(read_model_file(FIXTURE))
    return result


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def pytest_collection_modifyitems(config, items):
    """Mark the tests that reach no database (pytest-django refuses them one): `make test-db`
    leaves them out, their result cannot change with the database.

    MUTATION_FOCUS (`make mutation-focus`): only the tests in these files run, so that mutmut's
    map from each function to the tests that reach it holds only them."""
    for item in items:
        if not (DATABASE_FIXTURES & set(item.fixturenames) or item.get_closest_marker("django_db")):
            item.add_marker(pytest.mark.no_database)
    if focus := tuple(f"{path}::" for path in os.environ.get("MUTATION_FOCUS", "").split()):
        config.hook.pytest_deselected(items=[i for i in items if not i.nodeid.startswith(focus)])
        items[:] = [item for item in items if item.nodeid.startswith(focus)]


@pytest.fixture
def smr(db):
    """The SMR model version, in the test database since the session began."""
    return ModelVersion.objects.get(slug=FIXTURE_SLUG)


@pytest.fixture(scope="session")
def smr2_doc() -> dict:
    return read_model_file(FIXTURE_2_0)


@pytest.fixture
def smr2(db, smr, smr2_doc):
    """The SMR Maturity Model 2.0 beside 2018, loaded inside the test (rolled back after it):
    the newest published version while the test runs."""
    return load_model(smr2_doc).version


@pytest.fixture(autouse=True)
def fresh_model_structure():
    """The model keeps its id and load time from test to test now, so the per-process
    structure cache (keyed on them) would carry a test's changes to the model into the next
    one: start every test without it, as each did when it loaded its own model."""
    from maturity import structure

    structure._CACHE.clear()


_pdf_renders = [0]


@pytest.fixture(scope="session", autouse=True)
def count_pdf_renders():
    from weasyprint import HTML

    write_pdf = HTML.write_pdf

    def counted(self, *args, **kwargs):
        _pdf_renders[0] += 1
        return write_pdf(self, *args, **kwargs)

    HTML.write_pdf = counted
    yield
    HTML.write_pdf = write_pdf


@pytest.fixture(autouse=True)
def pdf_renders_are_marked(request):
    """CI renders PDFs on SQLite only, leaving out the tests marked `pdf` on PostgreSQL: a test
    that renders one without the mark would render it there again. (Browser tests are left
    out there too.)"""
    before = _pdf_renders[0]
    yield
    marked = request.node.get_closest_marker("pdf") or request.node.get_closest_marker("browser")
    if _pdf_renders[0] != before and not marked:
        pytest.fail(f"{request.node.nodeid} renders a PDF with WeasyPrint: mark it pytest.mark.pdf")


@pytest.fixture
def pdf_as_html(monkeypatch):
    """WeasyPrint swapped for the HTML it would lay out; returns a function from a response's
    bytes to that HTML's text. What a PDF prints comes from queries that can differ between
    databases, so these checks run on each; its layout is the pdf-marked tests', on SQLite."""
    import html
    import re

    from rendering import pdf

    class Unrendered:
        def __init__(self, string, base_url=None):
            self.string = string

        def write_pdf(self, stylesheets=(), **options):
            return self.string.encode()

    monkeypatch.setattr(pdf, "HTML", Unrendered)
    monkeypatch.setattr(pdf, "CSS", lambda **kwargs: None)
    return lambda content: " ".join(
        html.unescape(re.sub(r"<[^>]+>", " ", content.decode())).split()
    )


def make_user(email: str, **extra) -> User:
    return User.objects.create_user(email, password="correct-horse-battery", **extra)


def make_city(slug: str, **extra) -> City:
    return City.objects.create(
        name=extra.pop("name", slug.title()), slug=slug, country=extra.pop("country", "GB"), **extra
    )


def make_member(email: str, full_name: str, city: City, role: str) -> User:
    user = make_user(email, full_name=full_name)
    Membership.objects.create(user=user, city=city, role=role)
    return user


# The people and places of the fixtures below, as functions: tests/walks/ builds the same
# ones once per module.
def make_glasgow() -> City:
    return make_city("glasgow", name="Glasgow", population=635000, region="Scotland")


def make_riga() -> City:
    return make_city("riga", name="Riga", country="LV")


def make_editor(city: City) -> User:
    return make_member("editor@glasgow.test", "Ellen Editor", city, Role.EDITOR)


def make_viewer(city: City) -> User:
    return make_member("viewer@glasgow.test", "Victor Viewer", city, Role.VIEWER)


def make_outsider(other_city: City) -> User:
    return make_member("editor@riga.test", "Olga Outsider", other_city, Role.EDITOR)


def make_partner() -> Partner:
    return Partner.objects.create(name="ICLEI Europe", slug="iclei")


def make_partner_user(partner: Partner) -> User:
    user = make_user("someone@iclei.test", full_name="Paula Partner")
    partner.members.add(user)
    return user


def start_the_assessment(smr, city: City, editor: User):
    return services.start_assessment(
        city, smr, title="Self-assessment 2026", reference_date=date(2026, 6, 30), user=editor
    )


def start_signed_off(city: City, version, *, user: User, done=None, **kwargs):
    """A signed-off assessment of `city` (with the `done` filter's actions done) started and
    submitted through the services, while the city may have its open draft (one draft at a
    time): the draft is set aside for the moment it takes, as a city that signed off last
    year's before starting this year's."""
    from assessments.models import Assessment

    drafts = list(city.assessments.drafts().values_list("pk", flat=True))
    Assessment.objects.filter(pk__in=drafts).update(status="submitted")
    try:
        older = services.start_assessment(city, version, user=user, **kwargs)
        if done:
            older.records.filter(**done).update(status="done")
        older = services.submit(older, user)
    finally:
        Assessment.objects.filter(pk__in=drafts).update(status="draft")
    return older


@pytest.fixture
def city(db) -> City:
    return make_glasgow()


@pytest.fixture
def other_city(db) -> City:
    return make_riga()


@pytest.fixture
def editor(city) -> User:
    return make_editor(city)


@pytest.fixture
def viewer(city) -> User:
    return make_viewer(city)


@pytest.fixture
def outsider(other_city) -> User:
    return make_outsider(other_city)


@pytest.fixture
def partner(db) -> Partner:
    return make_partner()


@pytest.fixture
def partner_user(partner) -> User:
    return make_partner_user(partner)


@pytest.fixture
def assessment(smr, city, editor):
    return start_the_assessment(smr, city, editor)


def mark_done(assessment, codes, user=None) -> None:
    for record in assessment.records.select_related("action").filter(action__code__in=codes):
        record.assessment = assessment
        services.update_record(
            record, {"status": "done"}, revision=record.revision, user=user or assessment.created_by
        )


def record_of(assessment, code: str):
    """An action's record, reached through its assessment as the views reach it."""
    record = assessment.records.select_related("action__subdimension").get(action__code=code)
    record.assessment = assessment
    return record


def update_action(assessment, code: str, user, **changes):
    """Change an action's record through the service, at its current revision."""
    record = record_of(assessment, code)
    return services.update_record(record, changes, revision=record.revision, user=user)


CATALOGUE = Path(settings.BASE_DIR) / "fixtures" / "policy-catalogue.json"


@pytest.fixture
def catalogue(smr):
    """The shipped policy catalogue and Ten Essentials crosswalk."""
    from policies.catalogue import import_catalogue, read_catalogue

    import_catalogue(read_catalogue(CATALOGUE))


@pytest.fixture
def world(assessment, editor, viewer, outsider, partner_user, partner, city, settings, tmp_path):
    """One of every kind of object a URL can name, for walking the URLconf."""
    settings.MEDIA_ROOT = tmp_path
    return furnish_world(assessment, editor, partner, city)


def furnish_world(assessment, editor, partner, city) -> dict:
    """Evidence, an invitation, a policy, a shared assessment and a Scorecard for `city`."""
    from .exchange_world import furnish_exchange

    record = assessment.records.select_related("action").get(action__code="L1S1")
    record.assessment = assessment
    link = services.add_link(record, "https://example.org/plan", "Plan", editor)
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    evidence = services.add_file(record, upload, "application/pdf", editor)
    invitation = Invitation.objects.create(
        city=city, email="new@glasgow.test", role=Role.VIEWER, invited_by=editor
    )
    policy = Policy.objects.create(slug="handbook", title="Handbook", kind="campaign_tool")
    shared = start_signed_off(
        city, assessment.model_version, title="2025", reference_date=date(2025, 6, 1), user=editor
    )
    services.share(shared, partner, editor)
    from policies.models import Essential, ScorecardQuestion
    from scorecard.services import start_scorecard

    essential = Essential.objects.create(edition="2017", number=1, title="Organise")
    ScorecardQuestion.objects.create(
        ref="P1.1", essential=essential, topic="Plan making", order=1, text="Is there a plan?"
    )
    scorecard = start_scorecard(city, user=editor)
    from .review_helpers import furnish_review

    review = furnish_review(assessment)  # the reviewer: one more kind of user to walk with
    job = failed_job()
    return {
        "reviewer": review["reviewer"],
        "review": review["review"],
        "assessment": assessment,
        "shared": shared,
        "kwargs": {
            "slug": city.slug,
            "pk": assessment.pk,
            "code": "L1S1",
            "file_pk": evidence.pk,
            "kind": "link",
            "item": link.pk,
            "token": invitation.token,
            "policy": policy.slug,
            "version": assessment.model_version.slug,
            "sub": "L1",  # indicators: a subdimension and an indicator (issue 29)
            "indicator": "L1-leading-1",
            "partner": partner.slug,
            "fmt": "csv",
            "uidb64": "MQ",
            "ref": "P1.1",
            "scorecard": scorecard.pk,
            **review["kwargs"],
            **furnish_exchange(assessment, editor),
            "job": job.pk,
            **import_jobs(city, editor),
        },
    }


def import_jobs(city, editor) -> dict:
    """A Scorecard workbook and an exchange file the editor uploaded, read by their jobs,
    for the walk to reach their previews."""
    import json

    from django.core.files.base import ContentFile

    from exchange import staging
    from jobs.models import Job, JobState

    def done(kind, params, found):
        job = Job.objects.create(
            kind=kind, key=f"walk-{kind}", requested_by=editor, state=JobState.DONE,
            params={"city": city.slug, "name": "walk", **params},
        )  # fmt: skip
        job.file.save("found.json", ContentFile(json.dumps(found).encode()))
        return job.pk

    nothing = {"rows": [], "info": {}}
    plan = {
        "document": {"assessment": {"title": "2024", "reference_date": "2024-06-01"},
                     "city": {"name": "Glasgow", "country": "GB"}},
        "version": {"name": "SMR"}, "draft": None, "arrives_as_draft": True, "statuses": {},
        "links": 0, "files": 0, "history": 0, "not_in_file": [], "members": {}, "names": [],
        "incoming": {"missing": []},
    }  # fmt: skip
    return {
        "workbook_job": done("scorecard_import", {"replace": False}, nothing),
        "upload_job": done("exchange_import", {"staged": staging.stage(b"{}")}, plan),
    }


def failed_job():
    """A job's page for the URL walk: one that failed (its page renders nothing heavy)."""
    from jobs.models import Job, JobState

    return Job.objects.create(
        kind="worksheet_pdf", key="walk", params={}, state=JobState.FAILED, error="Failed."
    )


@pytest.fixture(autouse=True)
def no_parts_between_tests():
    """The page cache lives in the process's memory: a test's rolled-back ids come again in
    the next test, so its parts must not."""
    from django.core.cache import caches

    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def english_between_tests():
    """A request leaves its language active in the thread: start every test in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def latest_schema_after():
    """For a test that migrates back: every app's latest migrations applied again after it,
    whatever it migrated forward to (migrating one app back also takes back the migrations of
    other apps that depend on it, and the next test in this worker expects the whole schema)."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
