from django.urls import path, register_converter

from accounts.routes import under_assessment

from . import views


class SubdimensionCodeConverter:
    regex = r"[A-Z][0-9]{1,2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(SubdimensionCodeConverter, "subdimension_code")

app_name = "reviews"
# A review is reached through the reviewed city, by its own id: its reviewers never reach the
# city's assessment pages.
R = "cities/<slug:slug>/reviews/<id:review_pk>/"
urlpatterns = [
    path("reviews/", views.my_reviews, name="mine"),
    path("cities/<slug:slug>/critical-friend/", views.critical_friend, name="critical_friend"),
    under_assessment(path("reviews/", views.assessment_reviews, name="list")),
    path(R, views.review_detail, name="detail"),
    path(R + "actions/<action_code:code>/", views.review_action, name="action"),
    path(R + "actions/<action_code:code>/files/<id:file_pk>/", views.review_file, name="file"),
    path(R + "subdimensions/<subdimension_code:sub>/", views.review_note, name="note"),
    path(R + "return/", views.return_review, name="return"),
    path(R + "close/", views.close_review, name="close"),
]
