"""Finding 15: a phone (390 px) that reads. On the demo data, in each of the five languages,
no table cell breaks a word; on the matrix page every control is at least 24 × 24 px (WCAG
2.2's target size) and the headline comes before the downloads and the tabs."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from assessments.models import Assessment

from .conftest import sign_in

DEMO_PASSWORD = "resilience-demo-2026"
LANGUAGES = ["en", "es", "fr", "it", "nb"]

# Every word of a table cell whose letters sit on two lines; a hyphen may end a line.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('td, th')) {
    if (!cell.offsetParent) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (node.parentElement.closest('.visually-hidden, svg')) continue;
      const words = /[^\\s\\u00a0\\-\\u2011]+/g;
      let m;
      while ((m = words.exec(node.textContent))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
          .map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""

SMALL_CONTROLS = """() => {
  const small = [];
  const controls = 'a.btn, button, select, input:not([type=hidden]), textarea, summary, '
    + '[role=button]';
  for (const el of document.querySelectorAll(controls)) {
    if (el.closest('.visually-hidden')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // not shown at this width
    if (el.matches('input[type=radio], input[type=checkbox]')) {
      const label = el.labels && el.labels[0];
      const l = label ? label.getBoundingClientRect() : r;
      if (Math.max(r.height, l.height) >= 24 && Math.max(r.width, l.width) >= 24) continue;
    }
    if (r.width < 24 || r.height < 24) {
      small.push(`${el.tagName} ${(el.textContent || el.name || '').trim().slice(0, 30)} `
        + `${r.width.toFixed(1)}x${r.height.toFixed(1)}`);
    }
  }
  return small;
}"""


@pytest.fixture
def demo(smr, catalogue):
    call_command("load_translations", verbosity=0, stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    return Assessment.objects.drafts().get(city__slug="glasgow")


def _speak(language: str, *emails) -> None:
    User.objects.filter(email__in=emails).update(language=language)


def test_matrix_controls_are_24px_and_the_headline_comes_first(phone, demo):
    sign_in(phone, "editor@glasgow.demo", DEMO_PASSWORD)
    phone.goto(reverse("assessments:matrix", args=["glasgow", demo.pk]))
    assert phone.evaluate(SMALL_CONTROLS) == []
    headline = phone.locator("#summary").bounding_box()["y"]
    downloads = phone.get_by_role("link", name="PDF report").bounding_box()["y"]
    tabs = phone.locator(".nav-tabs").bounding_box()["y"]
    assert headline < downloads and headline < tabs
    assert phone.locator("#summary").bounding_box()["y"] < 844  # on the first screen


def test_no_table_cell_breaks_a_word_of_the_demo_in_any_language(phone, demo):
    glasgow = ("glasgow",)
    # The newest of the two signed-off years the demo has per city.
    submitted = Assessment.objects.submitted().filter(city__slug="glasgow").newest_first()[0]
    editor_pages = [
        reverse("assessments:city", args=glasgow),
        reverse("assessments:matrix", args=["glasgow", demo.pk]),
        reverse("assessments:next_steps", args=["glasgow", demo.pk]),
        reverse("assessments:compare", args=glasgow),
        reverse("assessments:my_actions"),
        reverse("accounts:members", args=glasgow),
        reverse("assessments:sharing", args=["glasgow", submitted.pk]),
        reverse("dashboards:peers", args=glasgow),
        reverse("scorecard:list", args=glasgow),
    ]
    partner = "partner@demo.resilience.city"
    found = {}
    for language in LANGUAGES:
        _speak(language, "editor@glasgow.demo", partner)
        for email, urls in [
            ("editor@glasgow.demo", editor_pages),
            (partner, [reverse("dashboards:dashboard", args=["iclei-europe"])]),
        ]:
            phone.context.clear_cookies()
            sign_in(phone, email, DEMO_PASSWORD)
            for url in urls:
                phone.goto(url)
                if broken := phone.evaluate(BROKEN_WORDS):
                    found[f"{language} {url}"] = broken[:10]
    assert not found, found
