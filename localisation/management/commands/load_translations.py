from django.core.management.base import BaseCommand, CommandError

from localisation.content import apply_translations, read_translations, translation_languages
from maturity.models import ModelVersion


class Command(BaseCommand):
    help = (
        "Add the project's translations (fixtures/translations/<lang>.json) of the model's, "
        "the Essentials', the Scorecard's and the catalogue's texts to every installed "
        "published model version (idempotent; English stays the reference)."
    )

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="*", help="default: every language but English")

    def handle(self, *args, languages: list[str], **options):
        # Every version: cities keep assessing on an older one (2018) beside the newest.
        versions = list(ModelVersion.objects.published().order_by("loaded_at", "pk"))
        if not versions:
            raise CommandError("No published model version: run load_maturity_model first.")
        known = translation_languages()
        for language in languages or known:
            if language not in known:
                raise CommandError(f"Unknown language {language!r}; choose from {known}.")
            for version in versions:
                counts = apply_translations(version, language, read_translations(language))
                # The line scripts read ("es: … missing.") names the version only when there
                # are several.
                which = f"{language} ({version.slug})" if len(versions) > 1 else language
                self.stdout.write(
                    f"{which}: {counts['applied']} texts translated, "
                    f"{counts['stale']} stale (English shown), {counts['missing']} missing."
                )
