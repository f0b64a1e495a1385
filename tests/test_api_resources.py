"""The API's resources: the model and catalogue (public), my cities, an assessment's stages,
a partner's figures with the dashboard's filters, the schema and the docs page."""

from django.urls import reverse

from api.models import ApiToken
from assessments.models import ActionStatus

from .conftest import mark_done


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {ApiToken.issue(user, 't')[1]}"}


def test_model_version_has_its_whole_structure(client, smr):
    body = client.get(reverse("api:model_version", args=[smr.slug])).json()
    assert [s["letter"] for s in body["stages"]] == ["S", "M", "A", "R", "T"]
    assert [d["code"] for d in body["dimensions"]] == ["L", "P", "I", "C"]
    subs = [s for d in body["dimensions"] for s in d["subdimensions"]]
    assert len(subs) == 10
    assert sum(len(s["actions"]) for s in subs) == 90
    l2 = next(s for s in subs if s["code"] == "L2")
    assert [a["stage"] for a in l2["actions"]][:1] == ["M"]  # L2 has no Starting action


def test_policies_and_crosswalk_are_public_and_filterable(client, catalogue):
    policies = client.get(reverse("api:policies"), {"page_size": 200}).json()
    assert policies["count"] > 0
    crosswalk = client.get(reverse("api:crosswalk"), {"action": "L1S1"}).json()
    assert crosswalk["count"] >= 1
    assert {row["action"] for row in crosswalk["results"]} == {"L1S1"}
    assert client.get(reverse("api:crosswalk"), {"essential": "11"}).status_code == 400


def test_my_cities_lists_only_my_memberships(client, editor, other_city):
    body = client.get(reverse("api:cities"), **auth(editor)).json()
    assert body["results"] == [
        {"slug": "glasgow", "name": "Glasgow", "country": "GB", "region": "Scotland",
         "population": 635000, "role": "editor", "can_edit": True}
    ]  # fmt: skip


def test_assessment_stages_say_reached_and_being_worked_on(client, editor, assessment):
    mark_done(assessment, ["L1S1", "L1S2"], editor)
    body = client.get(reverse("api:assessment", args=["glasgow", assessment.pk]),
                      **auth(editor)).json()  # fmt: skip
    l1 = next(s for s in body["subdimensions"] if s["code"] == "L1")
    assert (l1["level"], l1["reached"], l1["being_worked_on"]) == (1, "Starting", "Moderate")
    assert l1["progress"] == {"met": 0, "total": 4}
    assert l1["summary"] == "Starting reached · Moderate: 0 of 4 done"
    assert body["overall"]["reached"] is None
    assert body["overall"]["being_worked_on"] == "Starting"
    assert [d["code"] for d in body["dimensions"]] == ["L", "P", "I", "C"]


def test_assessment_counts_not_applicable_apart(client, editor, assessment):
    assessment.records.filter(action__code="L1S1").update(
        status=ActionStatus.NOT_APPLICABLE, na_reason="No such department"
    )
    body = client.get(reverse("api:assessment", args=["glasgow", assessment.pk]),
                      **auth(editor)).json()  # fmt: skip
    l1 = next(s for s in body["subdimensions"] if s["code"] == "L1")
    assert (l1["not_applicable"], l1["done"]) == (1, 0)


def test_assessment_list_filters_by_status(client, editor, assessment):
    url = reverse("api:assessments", args=["glasgow"])
    assert client.get(url, {"status": "draft"}, **auth(editor)).json()["count"] == 1
    assert client.get(url, {"status": "submitted"}, **auth(editor)).json()["count"] == 0
    response = client.get(url, {"status": "draft", "page_size": "0"}, **auth(editor))
    assert response.status_code == 400 and "page_size" in response.json()["fields"]


def test_repeated_or_empty_parameters_are_400_naming_them(client, editor, assessment):
    url = reverse("api:assessments", args=["glasgow"])
    response = client.get(url + "?status=draft&status=submitted&page=", **auth(editor))
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"status", "page"}


def test_partner_figures_follow_the_dashboards_filters(client, world, partner_user):
    url = reverse("api:figures", args=["iclei"])
    body = client.get(url, **auth(partner_user)).json()
    assert body["city_count"] == 1
    assert body["model_version"] == world["shared"].model_version.slug
    assert len(body["distribution"]) == 10
    assert len(body["action_completion"]) == 90
    assert client.get(url, {"country": "LV"}, **auth(partner_user)).json()["city_count"] == 0
    bad = client.get(url, {"country": "Latvia"}, **auth(partner_user))
    assert bad.status_code == 400 and list(bad.json()["fields"]) == ["country"]


def test_partner_lists_the_assessments_shared_with_it(client, world, partner_user):
    body = client.get(reverse("api:shared_assessments", args=["iclei"]),
                      **auth(partner_user)).json()  # fmt: skip
    assert [a["id"] for a in body["results"]] == [world["shared"].pk]


def test_partner_figures_take_a_fixed_number_of_queries(
    client, world, partner_user, django_assert_max_num_queries
):
    url = reverse("api:figures", args=["iclei"])
    headers = auth(partner_user)
    client.get(url, **headers)
    with django_assert_max_num_queries(20):
        assert client.get(url, **headers).status_code == 200


def test_schema_lists_every_operation_with_real_responses(client, db):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    operations = [op for item in schema["paths"].values() for op in item.values()]
    # 33, + the city's indicator values (issue 29), the experiences search (issue 31) and
    # the peer reviews' four (issue 30), an import job's resource (issue 32).
    assert len(operations) == 40
    for op in operations:
        assert "default" not in op["responses"]
        assert {"401", "429"} <= set(op["responses"])
    record = "/api/v1/cities/{slug}/assessments/{pk}/records/{code}/"
    patch = schema["paths"][record]["patch"]
    assert {"200", "400", "403", "404", "409"} <= set(patch["responses"])
    answer = schema["paths"]["/api/v1/cities/{slug}/scorecards/{scorecard}/answers/{ref}/"]
    assert {"200", "400", "403", "404", "409"} <= set(answer["patch"]["responses"])
    exchange = schema["paths"]["/api/v1/cities/{slug}/assessments/import/"]["post"]
    assert {"201", "202", "400", "409", "413"} <= set(exchange["responses"])
    assert set(exchange["responses"]["202"]["headers"]) == {"Location", "Preference-Applied"}
    assert "Prefer" in [p["name"] for p in exchange["parameters"] if p["in"] == "header"]
    job = schema["paths"]["/api/v1/jobs/{job}/"]["get"]
    assert {"200", "401", "404", "429"} <= set(job["responses"])
    upload = schema["paths"][record + "files/"]["post"]
    assert {"201", "400", "403", "409", "413", "415"} <= set(upload["responses"])
    form = upload["requestBody"]["content"]["multipart/form-data"]
    assert list(upload["requestBody"]["content"]) == ["multipart/form-data"]
    assert (
        'filename="minutes.txt"'
        in form["encoding"]["file"]["headers"]["Content-Disposition"]["example"]
    )
    for path in (record + "links/{item}/", record + "files/{item}/"):
        assert "409" in schema["paths"][path]["delete"]["responses"]


def test_docs_page_is_rendered_on_the_server_under_the_strict_csp(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/cities/{slug}/assessments/{pk}/records/{code}/" in html
    assert "/api/v1/cities/{slug}/scorecards/{scorecard}/answers/{ref}/" in html
    assert "Request body (multipart/form-data)" in html
    assert "<script>" not in html and " style=" not in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
