"""Evidence and job files on S3-compatible object storage (django-storages against a local
moto server): stored in the bucket, read back only through the app's access rule, never a
link to the bucket."""

import uuid

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from .fleet_helpers import s3_server

FORM = {"status": "in_progress", "note": "Plan attached", "responsible": "", "revision": 0}


@pytest.fixture
def bucket(settings):
    """The S3 client and a new bucket's name (moto keeps its buckets for the process)."""
    with s3_server() as endpoint:
        name = f"evidence-{uuid.uuid4().hex[:12]}"
        options = {
            "bucket_name": name,
            "endpoint_url": endpoint,
            "region_name": "us-east-1",
            "access_key": "fleet",
            "secret_key": "fleet-secret",
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
        }
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="fleet",
            aws_secret_access_key="fleet-secret",
        )
        client.create_bucket(Bucket=name)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        }
        yield client, name


def _objects(bucket) -> dict[str, bytes]:
    s3, name = bucket
    listed = s3.list_objects_v2(Bucket=name).get("Contents", [])
    return {o["Key"]: s3.get_object(Bucket=name, Key=o["Key"])["Body"].read() for o in listed}


def _upload(client, assessment):
    url = reverse("assessments:action", args=["glasgow", assessment.pk, "L1S1"])
    client.post(url, {**FORM, "upload": SimpleUploadedFile("plan.pdf", b"%PDF-1.7 flood plan")})
    evidence = assessment.records.get(action__code="L1S1").files.get()
    return reverse("assessments:file", args=["glasgow", assessment.pk, "L1S1", evidence.pk])


def test_evidence_goes_to_the_bucket_and_comes_back_through_the_app(
    client, editor, viewer, assessment, bucket
):
    client.force_login(editor)
    url = _upload(client, assessment)
    assert list(_objects(bucket).values()) == [b"%PDF-1.7 flood plan"]
    client.force_login(viewer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 flood plan"


def test_a_signed_out_download_is_refused_not_sent_to_the_bucket(
    client, editor, outsider, assessment, bucket
):
    client.force_login(editor)
    url = _upload(client, assessment)
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code == 404 and "Location" not in response


def test_a_report_kept_in_the_bucket_is_served_by_the_app(
    client, editor, assessment, bucket, pdf_as_html
):
    client.force_login(editor)
    first = client.get(reverse("reports:pdf", args=["glasgow", assessment.pk]))
    kept = _objects(bucket)
    assert list(kept.values()) == [first.content]
    assert "Glasgow" in pdf_as_html(first.content)
