"""Issue 31's demo: Glasgow and Kristiansand publish profiles; five experiences of L1, L4, P2
and C2 actions from three cities, public, for partners and city-only among them."""

from django.core.management import call_command

from experiences.models import Experience
from profiles.models import PublicProfile


def test_the_demo_publishes_two_profiles_and_five_experiences_idempotently(smr, client):
    call_command("load_demo")
    call_command("load_demo")
    published = set(PublicProfile.objects.published().values_list("city__slug", flat=True))
    assert published == {"glasgow", "kristiansand"}
    rows = set(Experience.objects.values_list("city__slug", "action__code", "visibility"))
    assert rows == {
        ("glasgow", "L1S1", "public"),
        ("glasgow", "P2S1", "partners"),
        ("kristiansand", "L4S1", "signed_in"),
        ("kristiansand", "L1S1", "city"),
        ("donostia", "C2M1", "public"),
    }
    html = client.get("/profiles/glasgow/").content.decode()
    assert "A resilience plan per department, then one for the city" in html
    assert client.get("/profiles/donostia/").status_code == 404
    assert "Glasgow</text>" in client.get("/profiles/").content.decode()  # placed on the map
