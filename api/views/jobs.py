"""A job the API started (an exchange import sent with `Prefer: respond-async`): where it is,
why it failed, and what it created. Only the person who sent it and site admins read it;
anyone else gets the 404 of a job that does not exist."""

from uuid import UUID

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from exchange.tasks import FLOW
from jobs.imports import created
from jobs.models import Job, JobState
from jobs.services import ensure_queued

from .common import StrictQuery, errors

JOB = OpenApiParameter("job", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The job's id.")


class JobSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.ChoiceField(
        choices=JobState.values,
        source="state",
        help_text="`queued` (waiting for a worker), `running`, `done` or `failed`.",
    )
    error = serializers.CharField(help_text="Why the job failed; empty unless `failed`.")
    assessment_id = serializers.IntegerField(
        allow_null=True, help_text="The imported assessment's id once `done`, else null."
    )
    assessment_url = serializers.URLField(
        allow_null=True, help_text="The imported assessment in this API once `done`, else null."
    )


def job_data(request: Request, job: Job) -> dict:
    """The job as its resource shows it."""
    made = created(job) if job.state == JobState.DONE else None
    url = None
    if made is not None:
        path = reverse("api:assessment", args=[job.params["city"], made["id"]])
        url = request.build_absolute_uri(path)
    return {
        "id": job.pk,
        "state": job.state,
        "error": job.error,
        "assessment_id": made and made["id"],
        "assessment_url": url,
    }


def get_api_job(user, job_id: UUID) -> Job:
    """The import job, for the person who sent it or a site admin; 404 for anyone else."""
    job = Job.objects.filter(pk=job_id, kind=FLOW.create_kind).first()
    if job is None or not (user.pk == job.requested_by_id or user.is_staff):
        raise NotFound(_("No such job."))
    return job


class JobDetail(StrictQuery, generics.GenericAPIView):
    """An import job sent with `Prefer: respond-async` (its `Location`): poll it until `done`
    (the assessment's id and URL) or `failed` (the reason, e.g. the city's draft conflicts)."""

    serializer_class = JobSerializer

    @extend_schema(responses={200: JobSerializer, **errors(401, 404, 429)}, parameters=[JOB])
    def get(self, request: Request, job: UUID) -> Response:
        found = get_api_job(request.user, job)
        # As the job's page does: a job no broker took (it was down at the 202) is queued again.
        ensure_queued(found)
        found.refresh_from_db()
        return Response(JobSerializer(job_data(request, found)).data)
