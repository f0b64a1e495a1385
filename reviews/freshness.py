"""What moves a city's `reviews_revision` (the city page's peer-review part is cached under
it): any review the city asked for or gave, its findings, notes and answers, the city's
critical-friend offer, and a reviewing city's new name. Signal receivers, so the services, the
admin and cascades all move it; one UPDATE of the cities concerned, no other city's part."""

from django.db.models import F, Q

from accounts.models import City


def _move(cities: Q) -> None:
    City.objects.filter(cities).update(reviews_revision=F("reviews_revision") + 1)


def _of_reviews(reviews: Q) -> Q:
    """The cities on either side of the reviews matching `reviews` (a filter on Review)."""
    from .models import Review

    found = Review.objects.filter(reviews)
    return Q(pk__in=found.values("reviewer_id")) | Q(pk__in=found.values("assessment__city_id"))


def review_changed(sender, instance, **kwargs) -> None:
    _move(Q(pk=instance.reviewer_id) | Q(assessments=instance.assessment_id))


def part_of_review_changed(sender, instance, **kwargs) -> None:
    """A finding or a subdimension note (of a review), or an answer (to a finding)."""
    if hasattr(instance, "review_id"):
        _move(_of_reviews(Q(pk=instance.review_id)))
    else:
        _move(_of_reviews(Q(findings=instance.finding_id)))


def offer_changed(sender, instance, **kwargs) -> None:
    _move(Q(pk=instance.city_id))


def city_saved(sender, instance, **kwargs) -> None:
    """A city renamed: the cities it reviewed or was reviewed by show its name. A new city
    (or one a fixture loads) has no review to show yet."""
    if kwargs.get("created") or kwargs.get("raw"):
        return
    _move(Q(pk=instance.pk) | _of_reviews(Q(reviewer=instance) | Q(assessment__city=instance)))
