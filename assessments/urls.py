from django.urls import path

from accounts import converters  # noqa: F401  (registers the path converters used below)

from .views import carry, city, essentials, lifecycle, matrix, owners, record, tick

app_name = "assessments"
A = "cities/<slug:slug>/assessments/<id:pk>/"
urlpatterns = [
    path("my-actions/", owners.my_actions, name="my_actions"),
    path("cities/<slug:slug>/", city.city_detail, name="city"),
    path("cities/<slug:slug>/assessments/new/", city.new_assessment, name="new"),
    path("cities/<slug:slug>/compare/", city.compare_view, name="compare"),
    path(A, matrix.matrix, name="matrix"),
    path(A + "next-steps/", matrix.next_steps, name="next_steps"),
    path(A + "timeline/", matrix.timeline, name="timeline"),
    path(A + "carried-forward/", carry.carried_forward, name="carried_forward"),
    path(A + "essentials/", essentials.essentials_view, name="essentials"),
    path(A + "submit/", lifecycle.submit, name="submit"),
    path(A + "reopen/", lifecycle.reopen, name="reopen"),
    path(A + "sharing/", lifecycle.sharing, name="sharing"),
    path(A + "actions/<action_code:code>/", record.action_detail, name="action"),
    path(A + "actions/<action_code:code>/tick/", tick.tick, name="tick"),
    path(A + "actions/<action_code:code>/files/<id:file_pk>/", record.evidence_file, name="file"),
    path(
        A + "actions/<action_code:code>/<evidence_kind:kind>/<id:item>/remove/",
        record.remove_evidence,
        name="remove_evidence",
    ),
]
