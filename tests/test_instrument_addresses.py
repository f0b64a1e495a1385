"""The routes the shared URL helpers write keep their addresses: the lifecycle steps of each
instrument (lifecycle.urls.instrument_paths) and the imports read by a job
(jobs.urls.upload_paths). Bookmarks, e-mails and the job pages' links point at them."""

import pytest
from django.urls import resolve, reverse

JOB = "5f0c6b52-0d3e-4f4e-9a55-3c1f4c7e2b10"


@pytest.mark.parametrize(
    "name,kwargs,address",
    [
        ("assessments:submit", {"pk": 7}, "/cities/glasgow/assessments/7/submit/"),
        ("assessments:reopen", {"pk": 7}, "/cities/glasgow/assessments/7/reopen/"),
        ("scorecard:submit", {"scorecard": 3}, "/cities/glasgow/scorecard/3/submit/"),
        ("scorecard:reopen", {"scorecard": 3}, "/cities/glasgow/scorecard/3/reopen/"),
        ("scorecard:sharing", {"scorecard": 3}, "/cities/glasgow/scorecard/3/sharing/"),
        ("scorecard:import", {}, "/cities/glasgow/scorecard/import/"),
        (
            "scorecard:import_preview",
            {"workbook_job": JOB},
            f"/cities/glasgow/scorecard/import/{JOB}/",
        ),
        ("exchange:import", {}, "/cities/glasgow/assessments/import/"),
        (
            "exchange:import_preview",
            {"upload_job": JOB},
            f"/cities/glasgow/assessments/import/{JOB}/",
        ),
    ],
)
def test_an_instruments_shared_routes_keep_their_addresses(name, kwargs, address):
    assert reverse(name, kwargs={"slug": "glasgow", **kwargs}) == address
    match = resolve(address)
    assert match.view_name == name
    assert {k: str(v) for k, v in match.kwargs.items()} == {
        "slug": "glasgow",
        **{k: str(v) for k, v in kwargs.items()},
    }


def test_each_instrument_routes_to_its_own_views():
    # One helper, two instruments: each name reaches the instrument's own view.
    assert resolve("/cities/glasgow/scorecard/3/reopen/").func.__module__ == "scorecard.views"
    assert (
        resolve("/cities/glasgow/assessments/7/reopen/").func.__module__
        == "assessments.views.lifecycle"
    )
    assert resolve(f"/cities/glasgow/scorecard/import/{JOB}/").func.__module__ == (
        "scorecard.views"
    )
    assert resolve(f"/cities/glasgow/assessments/import/{JOB}/").func.__module__ == (
        "exchange.views"
    )
