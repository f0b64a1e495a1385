"""Property: random and malformed input to every endpoint never causes a 500, and a
rejected request leaves saved data exactly as it was."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Invitation, Membership
from assessments.models import ActionRecord, Assessment, EvidenceLink, Share
from policies.models import Policy, PolicyLink

from ..urlwalk import ALL, PDF_VIEWS, _url, cases

FIELDS = ["status", "revision", "note", "responsible", "target_date", "link_url", "link_label",
          "email", "role", "reason", "partner", "action", "title", "reference_date",
          "model_version", "carry_from", "full_name", "password1", "password2", "a", "b",
          "page", "sort", "country", "population"]  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=300),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.sampled_from(["done", "editor", "../../etc/passwd", "\x00", "2026-13-45", "0", "-1",
                     "https://example.org", "javascript:alert(1)", "'; DROP TABLE x; --"]),
)  # fmt: skip
PAYLOADS = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=20), VALUES, max_size=8)
SKIP = {"logout", "login", "password_reset", "password_reset_confirm", "password_change"}
TARGETS = [(n, p) for n, p in ALL if n not in SKIP]


def snapshot():
    return (
        list(ActionRecord.objects.order_by("pk").values_list("pk", "status", "note", "revision")),
        list(Assessment.objects.order_by("pk").values_list("pk", "status", "title")),
        list(Membership.objects.order_by("pk").values_list("pk", "role")),
        list(Invitation.objects.order_by("pk").values_list("pk", "revoked_at", "accepted_at")),
        Share.objects.count(), EvidenceLink.objects.count(),
        Policy.objects.count(), PolicyLink.objects.count(),
    )  # fmt: skip


# The editor is no partner's member: the partner dashboard's PDF is a 404, nothing rendered.
@pytest.mark.parametrize("name,pattern", cases(TARGETS, PDF_VIEWS - {"dashboards:dashboard_pdf"}))
def test_random_posts_never_fail_and_rejections_change_nothing(
    client, world, editor, name, pattern
):
    url = _url(name, pattern, world["kwargs"])

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
    @given(payload=PAYLOADS, method=st.sampled_from(["post", "get"]))
    def run(payload, method):
        client.force_login(editor)
        before = snapshot()
        response = getattr(client, method)(url, payload)
        assert response.status_code < 500, (method, payload)
        if response.status_code >= 400:
            assert snapshot() == before, (method, payload, response.status_code)

    run()
