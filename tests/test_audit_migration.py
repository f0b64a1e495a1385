"""The four old audit trails move into the one audit log with nothing lost, and back; the
Scorecard shares get their `latest` flag.

On a database filled by `load_demo` and `generate_cities`: the migrations are run back to
before the audit log (its rows go back into the four old tables), then forward again; every
entry comes back the same, with its time, its author and what it is about.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q

from accounts.models import Role
from accounts.services import invite, revoke_invitation
from assessments.models import Assessment
from audit.models import AuditEntry, Kind
from scorecard.models import ScorecardShare

from .conftest import update_action

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("audit", "0001_initial")]
FIELDS = (
    "city_id", "assessment_id", "record_id", "scorecard_id", "kind", "field", "old", "new",
    "detail", "email", "user_id", "at",
)  # fmt: skip


def _entries() -> list[tuple]:
    return sorted(AuditEntry.objects.values_list(*FIELDS), key=repr)


def _count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - the test's own names
        return cursor.fetchone()[0]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


MEMBERSHIP_KINDS = ("invited", "revoked", "joined", "role", "removed")
LATER_FIELDS = ("answer", "critical_friend", "experience", "finding", "public_profile", "report",
                "review")  # fmt: skip


def _forget_what_later_apps_wrote() -> None:
    """The demo's peer reviews, experiences, public profiles and indicator values (issues 29
    to 32) write to the one log; the four trails this migration folded never held such
    entries, and a roll-back past it would roll those apps back first."""
    city_only = Q(assessment=None, record=None, scorecard=None) & ~Q(kind__in=MEMBERSHIP_KINDS)
    from_review = Q(record__isnull=False) & ~Q(detail="")  # "Accepted from the peer review"
    # A Scorecard answer's text field named by its field (issue 25), not in the detail.
    by_field = Q(scorecard__isnull=False) & ~Q(field="")
    later = city_only | Q(field__in=LATER_FIELDS) | from_review | by_field
    AuditEntry.objects.filter(later).delete()


def test_the_trails_go_back_to_their_tables_and_return_whole(capsys):
    call_command("load_catalogue", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("generate_cities", cities=30, assessments=2, seed=3)
    capsys.readouterr()
    # The demo's records are written in bulk: an officer's edits add the record trail.
    draft = Assessment.objects.drafts().select_related("city").first()
    officer = draft.city.memberships.filter(role=Role.EDITOR).first().user
    update_action(draft, "L1S1", officer, status="done", note="Council minute 12/2026")
    update_action(draft, "L1S1", officer, status="in_progress")
    invitation = invite(draft.city, "new@officer.test", Role.VIEWER, officer, "http://testserver")
    revoke_invitation(invitation, officer)
    _forget_what_later_apps_wrote()
    before = _entries()
    shares = sorted(ScorecardShare.objects.values_list("pk", "latest"))
    assert any(latest for _pk, latest in shares)
    kinds = {k for (_c, _a, _r, _s, k, *_rest) in before}
    # The demo writes every kind of trail: a test on an empty log would prove nothing.
    assert {Kind.CHANGED, Kind.CREATED, Kind.SUBMITTED, Kind.ANSWERED} <= kinds
    assert {Kind.INVITED, Kind.INVITATION_REVOKED} <= kinds
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        _migrate(BEFORE)
        assert _count("audit_auditentry") == 0
        assert _count("assessments_recordchange") == sum(1 for e in before if e[2] is not None)
        assert _count("assessments_assessmentevent") == sum(
            1 for e in before if e[1] is not None and e[2] is None
        )
        assert _count("scorecard_scorecardevent") == sum(1 for e in before if e[3] is not None)
        assert _count("accounts_membershipchange") == sum(
            1 for e in before if e[4] in ("invited", "revoked", "joined", "role", "removed")
        )
    finally:
        _migrate(leaves)
    assert _entries() == before
    # The Scorecard shares' `latest` flag is marked by the migration that adds it.
    assert sorted(ScorecardShare.objects.values_list("pk", "latest")) == shares
