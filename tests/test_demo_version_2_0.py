"""The demo: Kristiansand has moved to the SMR Maturity Model 2.0, carried forward from its
2018 assessment; the other cities stay on 2018."""

from django.core.management import call_command
from django.urls import reverse

from accounts.models import City, User


def test_kristiansand_moved_to_2_0_carried_forward_from_2018(client, smr, smr2):
    call_command("load_demo", verbosity=0)
    kristiansand = City.objects.get(slug="kristiansand")
    _older, last, this = kristiansand.assessments.order_by("reference_date")
    assert last.model_version == smr and last.status == "submitted"
    assert this.model_version == smr2 and this.carried_from == last
    assert this.records.count() == 124
    glasgow = City.objects.get(slug="glasgow")
    assert set(glasgow.assessments.values_list("model_version__slug", flat=True)) == {smr.slug}
    client.force_login(User.objects.get(email="editor@kristiansand.demo"))
    page = client.get(reverse("assessments:carried_forward", args=["kristiansand", this.pk]))
    assert page.status_code == 200
    assert "41 new actions, started empty" in page.text
