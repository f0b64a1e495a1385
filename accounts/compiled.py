"""Queries of the hot pages compiled to SQL once per process, not once per request.

The ORM compiles a QuerySet to SQL every time it runs, and for a query with a few joins
(select_related over translated models: dozens of columns) that compiling costs the page
several times what the database takes to answer (SQLite: ~1 ms against ~0.1 ms). The SQL
of these queries is the same on every request but for a few values (a slug, an id), so it is
compiled once, with stand-in values, and each run swaps the request's values in.

It sits in the lowest layer so that every app may use it. Only for queries whose SQL does
not depend on anything but the stand-in values (no dates computed at build time, no lists
of varying length: `CompiledQuery` takes the list's length as part of the key).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Hashable

from django.db import connections, router
from django.db.models import Model, QuerySet, prefetch_related_objects


class CompiledQuery:
    """`build(*stand_ins)` → QuerySet, compiled once per database alias (and `shape`);
    `rows(values, shape=...)` runs it with `values` in place of the stand-ins and returns
    what iterating the QuerySet gives (model instances with their select_related objects
    and prefetches, or values_list rows) as a list.

    The stand-ins must be values no request can ask for (negative ids, a slug with a NUL),
    distinct from each other and from every other parameter of the query.
    """

    def __init__(self, model: type[Model], build: Callable[..., QuerySet]):
        self.model = model
        self.build = build
        self._compiled: dict[Hashable, tuple] = {}
        self._lock = threading.Lock()

    def rows(self, values: dict, *, shape: Hashable = None) -> list:
        """The query's rows for `values` ({stand-in: value}); `shape` names anything that
        changes the SQL itself (the length of an IN list)."""
        alias = router.db_for_read(self.model)
        key = (alias, shape)
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key) or self._compile(alias, tuple(values))
                self._compiled[key] = compiled
        queryset, compiler, sql, params = compiled
        run = copy.copy(compiler)
        run.connection = connections[alias]  # the calling thread's own connection
        swapped = tuple(values.get(p, p) if _hashable(p) else p for p in params)
        run.as_sql = lambda *args, **kwargs: (sql, swapped)
        query = copy.copy(queryset.query)
        query.get_compiler = lambda *args, **kwargs: run
        run_set = QuerySet(model=self.model, query=query, using=alias)
        run_set._fields = queryset._fields
        # Model instances, or values / values_list rows, as the built QuerySet gives them.
        found = list(queryset._iterable_class(run_set))
        if queryset._prefetch_related_lookups:
            prefetch_related_objects(found, *queryset._prefetch_related_lookups)
        return found

    def _compile(self, alias: str, stand_ins: tuple) -> tuple:
        queryset = self.build(*stand_ins).using(alias)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()  # also sets what reading the rows needs (select, …)
        missing = [s for s in stand_ins if s not in params]
        assert not missing, f"stand-ins not in the query's parameters: {missing}"
        return queryset, compiler, sql, params


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
