"""The partner's city table as rows for a spreadsheet, read in batches so that an export of
20,000 cities streams with flat memory and a query per batch."""

from collections.abc import Iterator
from itertools import islice

from django.db.models import QuerySet

from .presenters import country_name
from .queries import levels_for

BATCH = 2000


def export_rows(rows: QuerySet, codes: list[str], names: list[str]) -> Iterator[list]:
    """One list per city, in the table's order: the city, its assessment, the stage name per
    subdimension and overall."""
    # Plain tuples, not model instances: a fifth of the time per row at 20,000 cities.
    fields = ("pk", "city__name", "city__country", "city__region", "city__population",
              "title", "reference_date", "overall")  # fmt: skip
    iterator = rows.values_list(*fields).iterator(chunk_size=BATCH)
    while batch := list(islice(iterator, BATCH)):
        levels = levels_for([row[0] for row in batch])
        for pk, name, country, region, population, title, reference, overall in batch:
            own = levels.get(pk, {})
            yield [
                name, country_name(country), region, population or "",
                title, reference.isoformat(),
                *[names[own[c]] if c in own else "—" for c in codes],
                names[overall] if overall is not None else "—",
            ]  # fmt: skip
