"""The project's own 2010↔2017 Ten Essentials correspondence, and LG-SAT shown truthfully.

LG-SAT (Hyogo era) used the 2010 Ten Essentials, the Scorecard the 2017 ones. UNDRR publishes
no official mapping, so the correspondence is the project's own and every page says so. It
relates Essential to Essential: fanned out to every action of a 2017 Essential it mislabelled
them (issue 25, finding 18), so no action carries a 2010 Essential.
"""

import copy
import html
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from policies.catalogue import CatalogueError, export_catalogue, import_catalogue
from policies.models import Essential, EssentialCorrespondence, Policy

from .conftest import CATALOGUE

# Derived by hand from the two editions' titles (2017 number → 2010 numbers).
EXPECTED = {1: {1}, 2: {3}, 3: {2}, 4: {6}, 5: {8}, 6: {1, 7}, 7: {7}, 8: {4, 5}, 9: {9}, 10: {10}}
TITLES_2010 = {
    1: "Organisation and coordination",
    3: "Hazard and vulnerability data, risk assessments",
    7: "Education and training",
}


def _pairs() -> set[tuple[int, int]]:
    return set(
        EssentialCorrespondence.objects.values_list(
            "essential_2017__number", "essential_2010__number"
        )
    )


def _doc() -> dict:
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))


def test_the_catalogue_loads_the_correspondence_between_the_two_editions(catalogue):
    assert _pairs() == {(a, b) for a, bs in EXPECTED.items() for b in bs}
    for item in EssentialCorrespondence.objects.select_related("essential_2017", "essential_2010"):
        assert item.essential_2017.edition == "2017" and item.essential_2010.edition == "2010"
        # Each pair says why, in the two titles' words.
        assert item.essential_2010.title in item.note, item
    # Every 2010 Essential has a 2017 counterpart, so no LG-SAT Essential is left out.
    assert {b for _, b in _pairs()} == set(range(1, 11))


def test_the_file_labels_it_as_the_projects_own(catalogue, smr):
    for doc in (_doc(), export_catalogue(smr)):
        source = doc["essential_correspondence_source"]
        assert "project's own" in source and "not an official" in source


def test_loading_twice_changes_nothing_and_export_round_trips(catalogue, smr):
    call_command("load_catalogue", str(CATALOGUE))
    assert EssentialCorrespondence.objects.count() == 12
    exported = export_catalogue(smr)
    EssentialCorrespondence.objects.all().delete()
    import_catalogue(exported)
    assert export_catalogue(smr)["essential_correspondence"] == exported["essential_correspondence"]
    assert len(exported["essential_correspondence"]) == 12


def test_a_pair_the_file_no_longer_has_is_removed(catalogue):
    doc = _doc()
    doc["essential_correspondence"] = [
        r
        for r in doc["essential_correspondence"]
        if (r["essential_2017"], r["essential_2010"]) != (6, 7)
    ]
    import_catalogue(doc)
    assert (6, 7) not in _pairs() and (6, 1) in _pairs()
    assert len(_pairs()) == 11


@pytest.mark.parametrize(
    "row,message",
    [
        ({"essential_2017": 1, "essential_2010": 11}, "2010 Essential 11 unknown"),
        ({"essential_2017": 12, "essential_2010": 1}, "2017 Essential 12 unknown"),
        ({"essential_2017": "1", "essential_2010": 1}, "2017 Essential '1' unknown"),
        ({"essential_2017": True, "essential_2010": 1}, "not true/false"),
        ({"essential_2017": 1, "essential_2010": 1}, "duplicate pair 2017 E1 ↔ 2010 E1"),
        ({"essential_2017": 1, "essential_2010": 2, "note": 5}, "field 'note' must be text"),
        ("1-1", "expected an object"),
    ],
)
def test_a_bad_correspondence_row_is_refused_naming_it_and_nothing_is_written(
    catalogue, tmp_path, row, message
):
    doc = _doc()
    doc["essential_correspondence"].append(row)
    doc["essentials"][0]["title"] = "Changed"  # would be written if anything were
    with pytest.raises(CatalogueError, match="essential_correspondence\\[12\\]"):
        import_catalogue(copy.deepcopy(doc))
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("load_catalogue", str(path))
    assert message in str(excinfo.value) and "Nothing was imported" in str(excinfo.value)
    assert Essential.objects.get(edition="2017", number=1).title != "Changed"
    assert EssentialCorrespondence.objects.count() == 12


def test_no_action_page_labels_an_action_with_a_2010_essential(
    client, catalogue, editor, assessment
):
    """P2A3 (education in schools) is linked to 2017 Essential 6, which corresponds to 2010
    Essentials 1 and 7: the page used to call it "Organisation and coordination"."""
    client.force_login(editor)
    for code in ("P2A3", "P1A1", "I1M1"):
        url = reverse("assessments:action", args=["glasgow", assessment.pk, code])
        part = html.unescape(client.get(url).content.decode()).split('id="policies"')[1]
        assert "Essential 6" in part or code != "P2A3"
        assert "2010 Essential" not in part and "LG-SAT" not in part, code
        assert TITLES_2010[1] not in part, code


def test_the_next_steps_page_shows_no_2010_essentials(
    client, catalogue, editor, assessment, django_assert_max_num_queries
):
    client.force_login(editor)
    url = reverse("assessments:next_steps", args=["glasgow", assessment.pk])
    with django_assert_max_num_queries(60):
        body = html.unescape(client.get(url).content.decode())
    assert body.count("Essential 6") > 3  # the 2017 links are there
    assert "2010 Essential" not in body and "LG-SAT (superseded" not in body
    # Ten actions link to 2017 Essential 8 (infrastructure); none is about schools or hospitals.
    assert "Safety of schools and health facilities" not in body


def test_the_public_scorecard_pages_show_the_correspondence(client, catalogue):
    body = html.unescape(client.get(reverse("policies:scorecard_questions")).content.decode())
    section = body.split('id="correspondence"')[1]
    assert "the project's own correspondence" in section
    assert "no official mapping" in section and "superseded" in section
    assert "no action is labelled with a 2010 Essential" in section
    essential_6 = body.split('id="essential-6"')[1].split("</section>")[0]
    assert TITLES_2010[1] in essential_6 and TITLES_2010[7] in essential_6
    page = html.unescape(client.get(reverse("scorecard:question", args=["P6.1"])).content.decode())
    assert "LG-SAT (superseded; 2010 Ten Essentials)" in page
    assert TITLES_2010[1] in page and TITLES_2010[7] in page
    assert "project's own correspondence" in page


def test_lgsat_is_described_as_the_superseded_hyogo_era_tool(catalogue):
    summary = Policy.objects.get(slug="lg-sat").summary
    assert summary.startswith("Superseded")
    assert "Hyogo" in summary and "2010 Ten Essentials" in summary
    scorecard = Policy.objects.get(slug="disaster-resilience-scorecard-for-cities").summary
    assert "replaced LG-SAT" in scorecard


def test_staff_curate_the_correspondence_in_the_admin_only_within_each_edition(
    client, catalogue, admin_user
):
    client.force_login(admin_user)
    listing = client.get(reverse("admin:policies_essentialcorrespondence_changelist"))
    assert listing.status_code == 200
    assert "Essentials correspondences (the project&#x27;s own)" in listing.content.decode()
    add = client.get(reverse("admin:policies_essentialcorrespondence_add")).content.decode()
    # The 2017 field offers only 2017 Essentials: LG-SAT's titles are not among its choices.
    field_2017 = add.split('name="essential_2017"')[1].split("</select>")[0]
    assert "Organise for disaster resilience" in field_2017
    assert "Organisation and coordination" not in field_2017
    wrong = {
        "essential_2017": Essential.objects.get(edition="2010", number=1).pk,
        "essential_2010": Essential.objects.get(edition="2010", number=2).pk,
        "note_en": "",
    }
    response = client.post(reverse("admin:policies_essentialcorrespondence_add"), wrong)
    assert response.status_code == 200  # the form again, with the error
    assert EssentialCorrespondence.objects.count() == 12
