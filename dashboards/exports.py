"""The partner's city table as rows for a spreadsheet, read in batches so that an export of
20,000 cities streams with flat memory and a query per batch."""

from collections.abc import Callable, Iterator
from itertools import islice

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from scorecard.models import ScorecardStatus

from .presenters import country_name
from .queries import levels_for

BATCH = 2000

# Blank for a city that shared no Scorecard with the partner; the total counts answered
# questions only, so it is read beside the number answered.
SCORECARD_COLUMNS = [
    _("Scorecard total (of 141)"),
    _("Scorecard questions answered (of 47)"),
    _("Scorecard status"),
]


def export_rows(
    rows: QuerySet,
    codes: list[str],
    names: list[str],
    scorecards: Callable[[list[int]], dict[int, dict]] = lambda ids: {},
) -> Iterator[list]:
    """One list per city, in the table's order: the city, its assessment, the stage name per
    subdimension and overall, then its shared Scorecard's total, answered and status (from
    `scorecards`, city ids → figures, called once per batch)."""
    # Plain tuples, not model instances: a fifth of the time per row at 20,000 cities.
    fields = ("pk", "city_id", "city__name", "city__country", "city__region", "city__population",
              "title", "reference_date", "overall")  # fmt: skip
    iterator = rows.values_list(*fields).iterator(chunk_size=BATCH)
    while batch := list(islice(iterator, BATCH)):
        levels = levels_for([row[0] for row in batch])
        shared = scorecards([row[1] for row in batch])
        for pk, city, name, country, region, population, title, reference, overall in batch:
            own = levels.get(pk, {})
            sc = shared.get(city)
            yield [
                name, country_name(country), region, population or "",
                title, reference,  # a date cell in the XLSX, ISO in the CSV
                *[names[own[c]] if c in own else "—" for c in codes],
                names[overall] if overall is not None else "—",
                *((sc["total"], sc["answered"], str(ScorecardStatus(sc["status"]).label))
                  if sc else (None, None, None)),
            ]  # fmt: skip
