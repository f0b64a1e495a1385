from django.urls import path

from accounts.routes import under_assessment
from lifecycle.urls import instrument_paths

from .views import carry, city, essentials, lifecycle, matrix, owners, record, tick

app_name = "assessments"
urlpatterns = [
    path("my-actions/", owners.my_actions, name="my_actions"),
    path("cities/<slug:slug>/", city.city_detail, name="city"),
    path("cities/<slug:slug>/assessments/new/", city.new_assessment, name="new"),
    path("cities/<slug:slug>/compare/", city.compare_view, name="compare"),
    under_assessment(
        path("", matrix.matrix, name="matrix"),
        path("next-steps/", matrix.next_steps, name="next_steps"),
        path("timeline/", matrix.timeline, name="timeline"),
        path("carried-forward/", carry.carried_forward, name="carried_forward"),
        path("essentials/", essentials.essentials_view, name="essentials"),
        *instrument_paths(lifecycle),
        path("actions/<action_code:code>/", record.action_detail, name="action"),
        path("actions/<action_code:code>/tick/", tick.tick, name="tick"),
        path("actions/<action_code:code>/files/<id:file_pk>/", record.evidence_file, name="file"),
        path(
            "actions/<action_code:code>/<evidence_kind:kind>/<id:item>/remove/",
            record.remove_evidence,
            name="remove_evidence",
        ),
    ),
]
