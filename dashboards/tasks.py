"""The partner dashboard's PDF and its cities' table as CSV or XLSX, and its rollups, as jobs.

The PDF and the table (jobs/): made by a
worker when there is a broker, in the request otherwise, and kept while the partner's figures
stay the same (the partner's version, freshness.py, moves with every share and city edit).

A file is the same for every member of the partner who asks with the same filters in the same
language, so it is kept for all of them; each of them reaches it through the access rule
(accounts.access.get_partner) again, as the job runs and as its page and file are read.
"""

import logging
import threading

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, QueryDict
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.access import get_partner
from accounts.models import Partner
from jobs.registry import Output, asked_in_language, kept_file
from jobs.services import submit
from maturity.models import ModelVersion

from .freshness import partner_version

PDF = "application/pdf"
logger = logging.getLogger(__name__)


def _query(params: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, values in params["query"]:
        query.setlist(name, values)
    return query


def _key(request, partner: Partner, *more) -> tuple:
    """What every file of the partner depends on: its figures' version, the model versions'
    contents, the filters as asked and the language."""
    versions = [v.content_version for v in ModelVersion.objects.published()]
    query = sorted((name, sorted(values)) for name, values in request.GET.lists())
    return (partner.pk, partner_version(partner.pk), versions, query,
            translation.get_language(), *more)  # fmt: skip


def _params(request, partner: Partner, **more) -> dict:
    return asked_in_language(partner=partner.slug, query=list(request.GET.lists()), **more)


def _may_read(user, job) -> bool:
    try:
        get_partner(user, job.params["partner"])
    except Http404:
        return False
    return True


def _partner_of(job) -> Partner:
    # The access rule again, as the job runs: a member who left since gets nothing.
    return get_partner(job.requested_by, job.params["partner"])


def dashboard_pdf_job(request, partner: Partner):
    # The targets are drawn in the PDF but do not move the partner's version.
    targets = list(partner.targets.values_list("pk", "share", "year", "stage_id"))
    key = _key(request, partner, targets)
    return submit("dashboard_pdf", key, _params(request, partner), request.user)


@kept_file("dashboard_pdf", title=lambda job: _("The dashboard as PDF"), may_read=_may_read)
def _run_dashboard_pdf(job) -> Output:
    from .views import dashboard_pdf_bytes

    partner = _partner_of(job)
    pdf = dashboard_pdf_bytes(partner, _query(job.params))
    return Output(pdf, f"{partner.slug}-dashboard.pdf", PDF)


def heatmap_export_job(request, partner: Partner, fmt: str):
    key = _key(request, partner, fmt)
    return submit("cities_export", key, _params(request, partner, fmt=fmt), request.user)


def _heatmap_export_title(job) -> str:
    return _("The table of cities as %(format)s") % {"format": job.params["fmt"].upper()}


@kept_file("cities_export", title=_heatmap_export_title, may_read=_may_read)
def _run_heatmap_export(job) -> Output:
    from .views import heatmap_export_file

    content, name, content_type = heatmap_export_file(
        _partner_of(job), _query(job.params), job.params["fmt"]
    )
    return Output(content, name, content_type)


# The rollups: each partner's unfiltered overview (its figures across every city sharing with
# it) computed by a job after a change instead of by the next page load, in every language
# (the Scorecard's figures carry its Essentials' titles), into the cache the page reads.

_pending = threading.local()


def _rolled_key(partner_id: int) -> str:
    return f"dashboard:rolled:{partner_id}"


def refresh_soon(partner_ids) -> None:
    """After the transaction commits, one rollup job for the partners changed in it (many
    shares changed at once make one job per partner, not one per share). Without a broker
    nothing is rolled up ahead: the job would run inside the save (five languages, most of a
    second at scale) for a page that computes its figures itself on a cache miss."""
    if not settings.JOBS_BROKER_URL:
        return
    pending = getattr(_pending, "ids", None)
    if pending is None:
        pending = _pending.ids = set()
    pending.update(partner_ids)
    transaction.on_commit(_flush)


def _flush() -> None:
    ids = sorted(getattr(_pending, "ids", ()))
    if not ids:
        return
    _pending.ids = set()
    try:
        refresh_rollups.apply_async(args=[ids])
    except Exception as exc:  # the broker is down: the beat's refresh catches up
        logger.warning("Dashboard rollups of %s not queued: %s", ids, exc)


def roll_up(partner: Partner) -> None:
    from .views import roll_up as compute

    version = partner_version(partner.pk)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            compute(partner)
    cache.set(_rolled_key(partner.pk), version, None)


@shared_task(bind=True, name="dashboards.refresh_rollups", max_retries=3, acks_late=True)
def refresh_rollups(self, partner_ids: list[int]) -> None:
    for partner in Partner.objects.filter(pk__in=partner_ids):
        try:
            roll_up(partner)
        except Exception as exc:
            # In the request (no broker) the save that changed the figures must not fail
            # for them: the page computes them itself, as it would without rollups.
            if self.request.is_eager or self.request.retries >= self.max_retries:
                logger.error("Dashboard rollup of partner %s failed: %r", partner.pk, exc)
                continue
            raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc


@shared_task(name="dashboards.refresh_stale_rollups")
def refresh_stale_rollups() -> int:
    """The beat's catch-up: the partners whose rollup is not of their current version (a
    job lost with its broker, a cache emptied), rolled up again. Idempotent, so two beats
    firing it cost a second computation at most."""
    stale = [
        pk
        for pk in Partner.objects.values_list("pk", flat=True)
        if cache.get(_rolled_key(pk)) != partner_version(pk)
    ]
    if stale:
        refresh_rollups.apply_async(args=[stale])
    return len(stale)
