"""The start page offers an editor the first assessment of their city in every language
(it once compared the translated role's name with the English "Editor")."""

import pytest
from django.urls import reverse

from accounts.models import Membership, Role

from .conftest import make_city


@pytest.mark.parametrize("language", ["en", "es", "fr", "it", "nb"])
def test_an_editor_is_offered_to_start_the_first_assessment(client, editor, smr, language):
    riga = make_city("riga", name="Riga", country="LV")
    Membership.objects.create(user=editor, city=riga, role=Role.EDITOR)
    client.force_login(editor)
    client.cookies["language"] = language
    html = client.get(reverse("home")).content.decode()
    riga_card = html[html.index('id="city-riga"') :]
    assert reverse("assessments:new", args=["riga"]) in riga_card


def test_a_viewer_is_not_offered_to_start_one(client, viewer, smr):
    riga = make_city("riga", name="Riga", country="LV")
    Membership.objects.create(user=viewer, city=riga, role=Role.VIEWER)
    client.force_login(viewer)
    html = client.get(reverse("home")).content.decode()
    assert reverse("assessments:new", args=["riga"]) not in html
