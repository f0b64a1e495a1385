"""The URL walks: one world per test module, each case still its own test.

Building the world (two assessments of 90 records, evidence, a share, a Scorecard) took about
0.3 s, and a walk case about 10 ms. So each module here builds it once, inside a transaction
that is rolled back when the module ends; every test runs inside a savepoint of it (pytest's
`db`), as Django's `TestCase.setUpTestData` does, so a case that writes leaves the next one the
same world. Each test gets its own copy of the Python objects too, so what one test changes
on them in memory does not reach the next.

No test here may be transactional (`transaction=True`, live_server): it would empty the
database under the module's open transaction.
"""

import copy

import pytest
from django.db import transaction
from django.test.utils import override_settings

from ..conftest import (
    FIXTURE_SLUG,
    furnish_world,
    make_editor,
    make_glasgow,
    make_outsider,
    make_partner,
    make_partner_user,
    make_riga,
    make_viewer,
    start_the_assessment,
)


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    from maturity.models import ModelVersion

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("walk-media"))
    media.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        smr = ModelVersion.objects.get(slug=FIXTURE_SLUG)
        city, other_city, partner = make_glasgow(), make_riga(), make_partner()
        editor = make_editor(city)
        people = {
            "city": city,
            "other_city": other_city,
            "editor": editor,
            "viewer": make_viewer(city),
            "outsider": make_outsider(other_city),
            "partner": partner,
            "partner_user": make_partner_user(partner),
        }
        assessment = start_the_assessment(smr, city, editor)
        built = {**people, "world": furnish_world(assessment, editor, partner, city)}
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    media.disable()


@pytest.fixture
def walk(db, module_world):
    """This test's copy of the module's world, its database changes in a savepoint (db)."""
    return copy.deepcopy(module_world)


@pytest.fixture
def world(walk):
    return walk["world"]


@pytest.fixture
def assessment(walk):
    return walk["world"]["assessment"]


@pytest.fixture
def city(walk):
    return walk["city"]


@pytest.fixture
def other_city(walk):
    return walk["other_city"]


@pytest.fixture
def editor(walk):
    return walk["editor"]


@pytest.fixture
def viewer(walk):
    return walk["viewer"]


@pytest.fixture
def outsider(walk):
    return walk["outsider"]


@pytest.fixture
def partner(walk):
    return walk["partner"]


@pytest.fixture
def partner_user(walk):
    return walk["partner_user"]


@pytest.fixture(scope="module")
def module_catalogue(module_world, django_db_blocker):
    """The shipped catalogue, loaded once into the module's world (its transaction takes it
    away with the rest): importing it took longer than the walk cases that read it."""
    from policies.catalogue import import_catalogue, read_catalogue

    from ..conftest import CATALOGUE

    with django_db_blocker.unblock():
        import_catalogue(read_catalogue(CATALOGUE))


@pytest.fixture
def catalogue(walk, module_catalogue):
    """The shipped policy catalogue and Ten Essentials crosswalk, as in tests/conftest.py."""
