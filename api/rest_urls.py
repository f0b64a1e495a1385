"""The API's routes. Each path part has the shape of what it names; anything else under
/api/ is the API's JSON 404, never an HTML page."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from .docs import docs
from .errors import not_found
from .views import (
    catalogue,
    cities,
    evidence,
    exchange,
    indicators,
    jobs,
    partners,
    records,
    reviews,
    scorecards,
)
from .views.experiences import ExperienceList

app_name = "api"
SLUG = r"[-a-zA-Z0-9_]{1,200}"
CITY = rf"^v1/cities/(?P<slug>{SLUG})/"
ASSESSMENT = CITY + r"assessments/(?P<pk>[0-9]{1,18})/"
RECORD = ASSESSMENT + r"records/(?P<code>[A-Z]{1,2}[0-9]{1,2}[A-Z][0-9]{1,2})/"
ITEM = r"(?P<item>[0-9]{1,18})/$"
SCORECARD = CITY + r"scorecards/(?P<scorecard>[0-9]{1,18})/"
PARTNER = rf"^v1/partners/(?P<partner>{SLUG})/"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs, name="docs"),
    re_path(r"^v1/model-versions/$", catalogue.ModelVersionList.as_view(), name="model_versions"),
    re_path(
        rf"^v1/model-versions/(?P<version>{SLUG})/$",
        catalogue.ModelVersionDetail.as_view(),
        name="model_version",
    ),
    re_path(r"^v1/policies/$", catalogue.PolicyList.as_view(), name="policies"),
    re_path(
        rf"^v1/policies/(?P<policy>{SLUG})/$", catalogue.PolicyDetail.as_view(), name="policy"
    ),  # fmt: skip
    re_path(r"^v1/crosswalk/$", catalogue.CrosswalkList.as_view(), name="crosswalk"),
    re_path(r"^v1/experiences/$", ExperienceList.as_view(), name="experiences"),  # issue 31
    re_path(r"^v1/cities/$", cities.CityList.as_view(), name="cities"),
    re_path(CITY + "$", cities.CityDetail.as_view(), name="city"),
    re_path(CITY + "members/$", cities.MemberList.as_view(), name="members"),
    re_path(
        CITY + "indicator-values/$",
        indicators.IndicatorValueList.as_view(),
        name="indicator_values",
    ),
    re_path(CITY + "assessments/$", cities.AssessmentList.as_view(), name="assessments"),
    re_path(ASSESSMENT + "$", cities.AssessmentDetail.as_view(), name="assessment"),
    re_path(CITY + "assessments/import/$", exchange.AssessmentImport.as_view(), name="import"),
    re_path(r"^v1/jobs/(?P<job>[0-9a-f-]{36})/$", jobs.JobDetail.as_view(), name="job"),
    re_path(ASSESSMENT + "export/$", exchange.AssessmentExport.as_view(), name="export"),
    re_path(ASSESSMENT + "records/$", records.RecordList.as_view(), name="records"),
    re_path(RECORD + "$", records.RecordDetail.as_view(), name="record"),
    re_path(RECORD + "history/$", evidence.RecordHistory.as_view(), name="record_history"),
    re_path(RECORD + "links/$", evidence.LinkList.as_view(), name="record_links"),
    re_path(RECORD + "links/" + ITEM, evidence.LinkDetail.as_view(), name="record_link"),
    re_path(RECORD + "files/$", evidence.FileList.as_view(), name="record_files"),
    re_path(RECORD + "files/" + ITEM, evidence.FileDetail.as_view(), name="record_file"),
    re_path(
        RECORD + r"files/(?P<item>[0-9]{1,18})/download/$",
        evidence.FileDownload.as_view(),
        name="record_file_download",
    ),
    re_path(CITY + "scorecards/$", scorecards.ScorecardList.as_view(), name="scorecards"),
    re_path(SCORECARD + "$", scorecards.ScorecardDetail.as_view(), name="scorecard"),
    re_path(SCORECARD + "answers/$", scorecards.AnswerList.as_view(), name="scorecard_answers"),
    re_path(
        SCORECARD + r"answers/(?P<ref>P[0-9]{1,2}\.[0-9]{1,2})/$",
        scorecards.AnswerDetail.as_view(),
        name="scorecard_answer",
    ),
    re_path(PARTNER + "figures/$", partners.Figures.as_view(), name="figures"),
    re_path(
        PARTNER + "assessments/$", partners.SharedAssessments.as_view(), name="shared_assessments"
    ),  # fmt: skip
    re_path(
        PARTNER + "scorecards/$", scorecards.SharedScorecards.as_view(), name="shared_scorecards"
    ),  # fmt: skip
    re_path(r"^v1/reviews/$", reviews.MyReviews.as_view(), name="my_reviews"),
    re_path(ASSESSMENT + "reviews/$", reviews.ReviewList.as_view(), name="reviews"),
    re_path(
        ASSESSMENT + r"reviews/(?P<review>[0-9]{1,18})/$",
        reviews.ReviewDetail.as_view(),
        name="review",
    ),
    re_path(r"", not_found, name="not_found"),
]
