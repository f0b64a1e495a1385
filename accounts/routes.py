"""Where the pages of one assessment sit in the URL space, said once for every app.

The SMR assessment's own pages (assessments), its report and downloads (reports), its export
(exchange), its reviews (reviews) and the experience written from one of its actions
(experiences) all live under `cities/<slug>/assessments/<pk>/`; each app's URLconf hands its
routes to `under_assessment`, and every such view takes `slug` and `pk`.
"""

from django.urls import URLPattern, URLResolver, include, path

from . import converters  # noqa: F401  (registers the `id` converter the prefix uses)

ASSESSMENT = "cities/<slug:slug>/assessments/<id:pk>/"


def under_assessment(*routes: URLPattern) -> URLResolver:
    """The routes, each relative to one assessment's address; their names stay in the app's
    namespace (`reverse("reports:pdf", args=[slug, pk])`)."""
    return path(ASSESSMENT, include(list(routes)))
