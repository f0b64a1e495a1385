"""The exchange platform's objects for the URL walk (issue 31): a published profile and a
city-only experience with a file, named by the walk's `city`, `experience` and
`experience_file` arguments."""

from django.core.files.uploadedfile import SimpleUploadedFile

from experiences.models import Experience, ExperienceFile
from profiles.models import PublicProfile


def furnish_exchange(assessment, editor) -> dict:
    action = assessment.records.select_related("action").get(action__code="L1S1").action
    experience = Experience.objects.create(
        city=assessment.city,
        action=action,
        title="Department plans",
        what_was_done="Each department wrote a plan.",
        created_by=editor,
    )
    stored = ExperienceFile.objects.create(
        experience=experience,
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 test"),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=13,
        added_by=editor,
    )
    PublicProfile.objects.create(city=assessment.city, published=True, text="Our work.")
    return {"experience": experience.pk, "experience_file": stored.pk, "city": assessment.city.slug}


# Views anyone may open: they show only what is public (or 404).
PUBLIC_EXCHANGE = {
    "profiles:directory", "profiles:profile", "profiles:badge", "profiles:preview",
    "profiles:sitemap", "profiles:robots", "experiences:search", "experiences:detail",
    "experiences:file",
}  # fmt: skip

# Not HTML pages: downloads, images and POST-only actions.
EXCHANGE_NOT_PAGES = {
    "experiences:delete", "experiences:file", "experiences:report", "profiles:badge",
    "profiles:preview",
}  # fmt: skip
