"""The project's URL patterns, found by resolving the URLconf, and how to fill them in."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern


def _patterns(resolver=None, prefix="", route=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else ""
            if p.namespace == "admin":
                continue  # Django's admin has its own, tested, staff-only rule
            if p.namespace == "api":
                continue  # JSON answers (401, not a sign-in redirect): tests/test_api_walk.py
            yield from _patterns(p, prefix + ns, route + str(p.pattern))
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name, _whole(p, route)


def _whole(pattern: URLPattern, route: str) -> URLPattern:
    """The pattern with the routes of the includes above it (`under_assessment`'s
    `cities/<slug:slug>/assessments/<id:pk>/`), so that its regex names every argument
    reverse() needs and its route says where it sits."""
    if not route:
        return pattern
    whole = RoutePattern(route + str(pattern.pattern), name=pattern.name, is_endpoint=True)
    return URLPattern(whole, pattern.callback, pattern.default_args, pattern.name)


ALL = sorted({name: p for name, p in _patterns()}.items())


def _url(name, pattern, kwargs, **override):
    wanted = {k: v for k, v in {**kwargs, **override}.items()}
    keys = pattern.pattern.regex.groupindex.keys()
    return reverse(name, kwargs={k: wanted[k] for k in keys})


# The views that render a PDF with WeasyPrint (seconds each, where a page takes milliseconds).
PDF_VIEWS = {"reports:pdf", "reports:worksheet", "dashboards:dashboard_pdf"}


def cases(patterns, pdf_views=PDF_VIEWS):
    """One test case per pattern, named by it; the PDF views marked `pdf`. For a test that
    opens each page as someone it lets in: that is when the PDF is rendered."""
    return [
        pytest.param(n, p, id=n, marks=[pytest.mark.pdf] if n in pdf_views else [])
        for n, p in patterns
    ]
