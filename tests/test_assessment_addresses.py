"""The pages of one assessment keep their addresses, whichever app serves them: bookmarks,
links in sent e-mails and the PDF's footer point at them (accounts.routes.under_assessment
writes the shared prefix once)."""

import pytest
from django.urls import resolve, reverse

A = "/cities/glasgow/assessments/7/"


@pytest.mark.parametrize(
    "name,kwargs,address",
    [
        ("assessments:matrix", {}, A),
        ("assessments:next_steps", {}, A + "next-steps/"),
        ("assessments:sharing", {}, A + "sharing/"),
        ("assessments:tick", {"code": "L1S1"}, A + "actions/L1S1/tick/"),
        (
            "assessments:remove_evidence",
            {"code": "L1S1", "kind": "link", "item": 3},
            A + "actions/L1S1/link/3/remove/",
        ),
        ("reports:pdf", {}, A + "report.pdf"),
        ("reports:workplan", {"fmt": "xlsx"}, A + "work-plan.xlsx"),
        ("exchange:export_zip", {}, A + "export.zip"),
        ("reviews:list", {}, A + "reviews/"),
        ("experiences:new", {"code": "I2T3"}, A + "actions/I2T3/experience/"),
    ],
)
def test_an_assessments_pages_keep_their_addresses(name, kwargs, address):
    assert reverse(name, kwargs={"slug": "glasgow", "pk": 7, **kwargs}) == address
    match = resolve(address)
    assert match.view_name == name
    assert (match.kwargs["slug"], match.kwargs["pk"]) == ("glasgow", 7)


def test_a_word_where_the_assessment_id_goes_is_no_assessment_page():
    # `new` and `import` are the city's pages, not an assessment with a strange id.
    assert resolve("/cities/glasgow/assessments/new/").view_name == "assessments:new"
    assert resolve("/cities/glasgow/assessments/import/").view_name == "exchange:import"
