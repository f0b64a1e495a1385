"""The catalogue's version: every change to the policies, their links to actions or the
crosswalk moves it, so cached page parts that show the catalogue (the matrix's cards count
each action's tools) are drawn afresh."""

from django.utils import timezone

from maturity.models import ModelVersion


def catalogue_changed() -> None:
    """Call after any change to the catalogue, in the same transaction (one UPDATE: a
    policy may link actions of every model version)."""
    ModelVersion.objects.update(catalogue_revised_at=timezone.now())
