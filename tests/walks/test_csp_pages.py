"""Pages work under the strict Content-Security-Policy: no inline script or style in them."""

import re

import pytest

from ..exchange_world import EXCHANGE_NOT_PAGES
from ..urlwalk import ALL, _url

# The same on every database (see pyproject's markers): run once, on SQLite.
pytestmark = pytest.mark.once

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
STYLE_ATTR = re.compile(r"<[^>]+\sstyle=", re.I)
HANDLER_ATTR = re.compile(r"<[^>]+\son[a-z]+=", re.I)
# Not HTML pages: POST-only actions, downloads and the health check.
NOT_PAGES = {"accounts:change_role", "accounts:remove_member", "accounts:revoke_invitation",
             "assessments:file", "assessments:remove_evidence", "assessments:reopen",
             "assessments:submit", "assessments:tick", "dashboards:dashboard_pdf",
             "dashboards:target_delete", "dashboards:target_change",
             "dashboards:heatmap_export", "healthz", "logout", "scorecard:answer",
             "scorecard:export", "scorecard:new", "scorecard:reopen",
             "choose_language", "exchange:export_json",
             "exchange:export_zip", "exchange:schema",
             "indicators:record", "indicators:consent",
             "reviews:return", "reviews:close", "reviews:critical_friend",
             "reviews:file", "jobs:file", *EXCHANGE_NOT_PAGES}  # fmt: skip
PAGES = [(n, p) for n, p in ALL if n not in NOT_PAGES and not n.startswith("reports:")]


@pytest.mark.parametrize("name,pattern", PAGES, ids=[n for n, _ in PAGES])
def test_page_has_no_inline_script_style_or_handler(client, world, editor, partner_user, name,
                                                    pattern):  # fmt: skip
    if name != "accounts:accept_invitation":  # the invitation page is for the invitee
        client.force_login(partner_user if "partner" in str(pattern.pattern) else editor)
    response = client.get(_url(name, pattern, world["kwargs"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not STYLE_ATTR.search(html)
    assert not HANDLER_ATTR.search(html)
