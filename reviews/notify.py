"""E-mail the reviewed city's editors that a review came back, each in their own language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.language import language_of
from accounts.models import Role, User


def review_returned(review) -> None:
    city = review.assessment.city
    path = reverse("reviews:detail", args=[city.slug, review.pk])
    url = settings.SITE_URL.rstrip("/") + path if getattr(settings, "SITE_URL", "") else path
    editors = User.objects.filter(
        memberships__city=city, memberships__role=Role.EDITOR, is_active=True
    ).distinct()
    for editor in editors:
        with language_of(editor):
            context = {"review": review, "city": city, "url": url, "user": editor}
            subject = render_to_string("reviews/email/returned_subject.txt", context).strip()
            body = render_to_string("reviews/email/returned.txt", context)
        send_mail(subject, body, None, [editor.email])
