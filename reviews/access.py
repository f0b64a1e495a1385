"""The one access rule of peer reviews.

- The reviewed city's members see its reviews; its editors request, answer and close them.
- The reviewing city's editors (the reviewers) see the one assessment under review, within
  scope, from the invitation until the review is closed, and record findings until they
  return it; after closing they keep the returned report, not the assessment. Its viewers
  are not reviewers.
- Site admins read everything. Everyone else: 404, never a hint that the review exists;
  a reader asking to write: 403.

Reviewers never reach the city's own pages: `assessments.access` does not know them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.access import city_access
from accounts.models import Role

from .models import Review

CITY, REVIEWER, ADMIN = "city", "reviewer", "admin"


@dataclass(frozen=True)
class ReviewAccess:
    review: Review
    side: str  # CITY, REVIEWER or ADMIN
    can_edit: bool  # editors of their side
    sees_assessment: bool  # the records under review (reviewers: until closed)
    sees_private: bool  # evidence files and people's names

    @property
    def is_reviewer(self) -> bool:
        return self.side == REVIEWER

    @property
    def is_city(self) -> bool:
        return self.side == CITY


def is_reviewer(user, review: Review) -> bool:
    """An editor of the reviewing city."""
    return (
        user.is_authenticated
        and review.reviewer.memberships.filter(user=user, role=Role.EDITOR).exists()
    )


def review_access(user, review: Review) -> ReviewAccess | None:
    own = city_access(user, review.assessment.city)
    if own is not None and own.role is not None:
        return ReviewAccess(review, CITY, own.can_edit, True, True)
    if is_reviewer(user, review):
        open_ = review.state != "closed"
        return ReviewAccess(review, REVIEWER, review.is_open, open_, review.include_private)
    if own is not None:  # a site admin
        return ReviewAccess(review, ADMIN, False, True, True)
    return None


def get_review(user, slug: str, review_pk: int, *, write: bool = False) -> ReviewAccess:
    """A review of an assessment of the city `slug` (the reviewed city), with the user's
    access (404 when not theirs to see; 403 on a refused write)."""
    review = Review.objects.with_header().filter(pk=review_pk, assessment__city__slug=slug).first()
    access = review_access(user, review) if review is not None else None
    if access is None:
        raise Http404(_("No such review."))
    if write and not access.can_edit:
        raise PermissionDenied(_("You cannot change this review."))
    return access


def ensure_sees_assessment(access: ReviewAccess, subdimension_code: str | None = None) -> None:
    """The assessment's records, within the review's scope: 404 outside it (for reviewers;
    the city sees its own records anyway)."""
    if not access.sees_assessment:
        raise Http404(_("No such review."))
    if access.is_reviewer and subdimension_code and not access.review.in_scope(subdimension_code):
        raise Http404(_("No such action in this review."))


def reviews_of(user):
    """The reviews a user gives (as a reviewer) or receives (as a member of the city)."""
    from django.db.models import Q

    if not user.is_authenticated:
        return Review.objects.none()
    return Review.objects.filter(
        Q(assessment__city__memberships__user=user)
        | Q(reviewer__memberships__user=user, reviewer__memberships__role=Role.EDITOR)
    ).distinct()
