"""Issue 29: the partner's dashboard counts, per indicator, the sharing cities that report it;
a city that did not include its values is not counted."""

from decimal import Decimal

from django.urls import reverse

from assessments import services as assessment_services
from indicators import services
from maturity.models import Indicator

from .conftest import make_member, make_riga, start_signed_off


def _share_with_values(city, user, version, smr, partner, *, consent: bool):
    signed = start_signed_off(city, smr, user=user, title="2025", reference_date="2025-12-31")
    assessment_services.share(signed, partner, user)
    indicator = Indicator.objects.get(subdimension__dimension__version=version, code="L4-result-1")
    services.record_value(city, indicator, services.Measured(2025, Decimal(2)), user)
    services.record_value(city, indicator, services.Measured(2026, Decimal(3)), user)
    if consent:
        services.set_consent(city, partner, True, user)


def test_the_dashboard_counts_consenting_cities_per_indicator(
    client, smr, smr2, city, editor, partner, partner_user
):
    riga = make_riga()
    riga_editor = make_member("editor@riga.test", "Rita Riga", riga, "editor")
    _share_with_values(city, editor, smr2, smr, partner, consent=True)
    _share_with_values(riga, riga_editor, smr2, smr, partner, consent=False)
    client.force_login(partner_user)
    page = client.get(reverse("dashboards:dashboard", args=[partner.slug])).content.decode()
    table = page.split('id="indicator-reporting"')[1].split("</table>")[0]
    row = table.split("Number of updates of the resilience action plan (L4A1)")[1].split("</tr>")[0]
    assert "<td>1</td>" in row  # Glasgow; Riga's values are not included in its share
    other = table.split("Level of awareness (L3R1)")[1].split("</tr>")[0]
    assert "<td>0</td>" in other
