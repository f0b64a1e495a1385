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


def build_exchange(smr) -> dict:
    """Glasgow (GB) publishes a profile from its signed-off 2025 assessment (L1 reached
    Starting: L1S1 and L1S2 done) while its 2026 draft has much more done; Kristiansand (NO)
    publishes too; Riga (LV) does not. Experiences of L1S1 at each visibility."""
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.models import Partner, Role
    from assessments import services
    from experiences.models import Visibility

    from .conftest import make_city, make_member, start_signed_off

    glasgow = make_city("glasgow", name="Glasgow", population=635000)
    kristiansand = make_city("kristiansand", name="Kristiansand", country="NO")
    riga = make_city("riga", name="Riga", country="LV")
    editor = make_member("editor@glasgow.test", "Ellen Editor", glasgow, Role.EDITOR)
    riga_editor = make_member("editor@riga.test", "Olga Outsider", riga, Role.EDITOR)
    k_editor = make_member("editor@kristiansand.test", "Kari Nordmann", kristiansand, "editor")
    signed = start_signed_off(
        glasgow, smr, title="Self-assessment 2025", reference_date=date(2025, 6, 30),
        user=editor, done={"action__code__in": ["L1S1", "L1S2"]},
    )  # fmt: skip
    draft = services.start_assessment(
        glasgow, smr, title="Self-assessment 2026", reference_date=date(2026, 6, 30), user=editor
    )
    draft.records.filter(action__subdimension__code__in=["P1", "C1"]).update(
        status="done", responsible="Hidden Department Head", note="secret draft note"
    )
    record = draft.records.get(action__code="L1S1")
    record.assessment = draft
    services.add_file(
        record,
        SimpleUploadedFile("evidence-secret.pdf", b"%PDF-1.4 x"),
        "application/pdf",
        editor,
    )
    start_signed_off(
        kristiansand, smr, title="2025", reference_date=date(2025, 5, 1), user=k_editor
    )
    riga_draft = services.start_assessment(
        riga, smr, title="Riga 2026", reference_date=date(2026, 3, 1), user=riga_editor
    )
    partner = Partner.objects.create(name="ICLEI Europe", slug="iclei")
    for city in (glasgow, kristiansand):
        PublicProfile.objects.create(
            city=city, published=True, latitude=55.9 if city == glasgow else 58.1,
            longitude=-4.3 if city == glasgow else 8.0, text=f"{city.name} shares its work.",
        )  # fmt: skip
    l1s1 = record.action
    made = {}
    for key, city, visibility, title in [
        ("public", glasgow, Visibility.PUBLIC, "Department plans in Glasgow"),
        ("partners", glasgow, Visibility.PARTNERS, "Glasgow partners-only notes"),
        ("signed_in", kristiansand, Visibility.SIGNED_IN, "Kristiansand for signed-in cities"),
        ("city", kristiansand, Visibility.CITY, "Kristiansand city-only notes"),
    ]:
        made[key] = Experience.objects.create(
            city=city, action=l1s1, title=title, what_was_done=f"What {city.name} did.",
            visibility=visibility, created_by=editor,
        )  # fmt: skip
    ExperienceFile.objects.create(
        experience=made["city"],
        file=SimpleUploadedFile("city-only-budget.pdf", b"%PDF-1.4 y"),
        original_name="city-only-budget.pdf",
        content_type="application/pdf",
        size=10,
    )
    return {
        "glasgow": glasgow, "kristiansand": kristiansand, "riga": riga, "editor": editor,
        "riga_editor": riga_editor, "k_editor": k_editor, "signed": signed, "draft": draft,
        "riga_draft": riga_draft, "partner": partner, "experiences": made,
    }  # fmt: skip
