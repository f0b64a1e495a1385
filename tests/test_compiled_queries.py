"""Queries compiled once per process (accounts.compiled) answer each run with its own values,
read what the database holds at that moment, and run on the calling thread's connection."""

import threading

import pytest

from accounts.compiled import CompiledQuery
from accounts.models import City, Membership, Role

from .conftest import make_city, make_user

ANY_SLUG = "\x00any-slug"
BY_SLUG = CompiledQuery(City, lambda slug: City.objects.filter(slug=slug))
ANY_IDS = [-9_001, -9_002, -9_003]
BY_IDS = CompiledQuery(City, lambda *ids: City.objects.filter(pk__in=ids).order_by("name"))
ANY_USER = -9_010
ROLES = CompiledQuery(
    Membership,
    lambda user: (
        Membership.objects.filter(user_id=user)
        .order_by("city__name")
        .values_list("city__name", "role")
    ),
)


def test_each_run_finds_what_its_own_values_ask_for(db):
    make_city("glasgow", name="Glasgow")
    make_city("riga", name="Riga")
    assert [c.name for c in BY_SLUG.rows({ANY_SLUG: "glasgow"})] == ["Glasgow"]
    assert [c.name for c in BY_SLUG.rows({ANY_SLUG: "riga"})] == ["Riga"]
    assert BY_SLUG.rows({ANY_SLUG: "atlantis"}) == []


def test_a_run_reads_the_database_as_it_is_now(db):
    glasgow = make_city("glasgow", name="Glasgow")
    assert BY_SLUG.rows({ANY_SLUG: "glasgow"})[0].name == "Glasgow"
    City.objects.filter(pk=glasgow.pk).update(name="Glaschu")
    assert BY_SLUG.rows({ANY_SLUG: "glasgow"})[0].name == "Glaschu"


def test_in_lists_of_different_lengths_each_get_their_own_sql(db):
    glasgow, riga, oslo = (make_city(s) for s in ("glasgow", "riga", "oslo"))
    one = BY_IDS.rows({ANY_IDS[0]: riga.pk}, shape=1)
    two = BY_IDS.rows(dict(zip(ANY_IDS, [oslo.pk, glasgow.pk], strict=False)), shape=2)
    three = BY_IDS.rows(dict(zip(ANY_IDS, [oslo.pk, glasgow.pk, riga.pk], strict=True)), shape=3)
    assert [c.slug for c in one] == ["riga"]
    assert [c.slug for c in two] == ["glasgow", "oslo"]
    assert [c.slug for c in three] == ["glasgow", "oslo", "riga"]


def test_values_list_rows_come_back_as_tuples(db):
    editor = make_user("ed@example.test")
    Membership.objects.create(user=editor, city=make_city("riga", name="Riga"), role=Role.VIEWER)
    Membership.objects.create(user=editor, city=make_city("oslo", name="Oslo"), role=Role.EDITOR)
    assert ROLES.rows({ANY_USER: editor.pk}) == [("Oslo", "editor"), ("Riga", "viewer")]
    assert ROLES.rows({ANY_USER: editor.pk + 1000}) == []


def test_a_stand_in_the_query_does_not_use_is_refused(db):
    ignores_it = CompiledQuery(City, lambda slug: City.objects.filter(slug="glasgow"))
    with pytest.raises(AssertionError, match="stand-ins not in the query"):
        ignores_it.rows({"\x00unused": "riga"})


@pytest.mark.django_db(transaction=True)
def test_a_run_on_another_thread_uses_that_threads_connection():
    make_city("glasgow", name="Glasgow")
    make_city("riga", name="Riga")
    assert BY_SLUG.rows({ANY_SLUG: "glasgow"})[0].name == "Glasgow"  # compiled here
    found, errors = [], []

    def run():
        from django.db import connections

        try:
            found.extend(c.name for c in BY_SLUG.rows({ANY_SLUG: "riga"}))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert errors == [] and found == ["Riga"]
