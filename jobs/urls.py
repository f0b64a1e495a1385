from django.urls import URLPattern, path

from . import views

app_name = "jobs"
urlpatterns = [
    path("jobs/<uuid:job>/", views.job_page, name="job"),
    path("jobs/<uuid:job>/file", views.job_file, name="file"),
]


def upload_paths(upload, preview, job: str) -> list[URLPattern]:
    """The pages of an import whose upload a job reads (jobs.imports): the form
    at `import/`, and at `import/<job>/` the preview of what the job read, where the person
    confirms it. Relative to where the import creates its object; `job` names the preview
    view's argument (the URL walk fills each kind's own)."""
    return [
        path("import/", upload, name="import"),
        path(f"import/<uuid:{job}>/", preview, name="import_preview"),
    ]
