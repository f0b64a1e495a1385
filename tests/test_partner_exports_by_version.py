"""A partner's exports (heatmap CSV and XLSX, the dashboard PDF) are of one model version, as
the dashboard is: a 2018 city never appears in the 2.0 figures nor a 2.0 one in 2018's."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .test_dashboard_versions import mixed  # noqa: F401 - the fixture


@pytest.mark.usefixtures("mixed")
@pytest.mark.parametrize(
    "version,cities,absent,columns",
    [
        ("smr-rmm-2018", {"Oslo", "Riga"}, "Kristiansand", 10),
        ("smr-maturity-model-2-0", {"Kristiansand"}, "Oslo", 12),
    ],
)
def test_the_heatmap_csv_is_of_the_chosen_version(
    client,
    partner_user,
    smr2,
    version,
    cities,
    absent,
    columns,
):
    client.force_login(partner_user)
    url = reverse("dashboards:heatmap_export", args=["iclei", "csv"])
    response = client.get(url, {"version": version})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    names = {row[0] for row in body}
    assert names == cities and absent not in names
    subdimensions = [h for h in header if len(h) >= 2 and h[0] in "LPICU" and h[1].isdigit()]
    assert len(subdimensions) == columns, header
    assert ("U1" in " ".join(header)) == (columns == 12)


@pytest.mark.usefixtures("mixed")
def test_the_heatmap_xlsx_of_2_0_has_the_fifth_dimension_and_only_its_cities(
    client,
    partner_user,
    smr2,
):
    client.force_login(partner_user)
    url = reverse("dashboards:heatmap_export", args=["iclei", "xlsx"])
    response = client.get(url, {"version": smr2.slug})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = " ".join(str(v) for v in values[0])
    assert "U2" in header
    assert [row[0] for row in values[1:]] == ["Kristiansand"]
