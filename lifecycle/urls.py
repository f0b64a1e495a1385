"""The lifecycle's pages of every self-assessment instrument: the same steps, so the same
addresses and names, said once (a second copy would let the SMR assessment and the Scorecard
drift apart, as their views once did)."""

from django.urls import URLPattern, path


def instrument_paths(views) -> list[URLPattern]:
    """Sign-off, reopening and sharing, relative to one instrument's address; `views` holds
    the instrument's `submit`, `reopen` and `sharing` views, which take that address's
    arguments. The names land in the including app's namespace (`scorecard:reopen`)."""
    return [
        path("submit/", views.submit, name="submit"),
        path("reopen/", views.reopen, name="reopen"),
        path("sharing/", views.sharing, name="sharing"),
    ]
