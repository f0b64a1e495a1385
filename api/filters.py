"""The filters of the API's lists, parsed by FilterSets: a bad value is a 400 naming it."""

import django_filters
from django.core.validators import RegexValidator

from assessments.models import ActionRecord, ActionStatus, Assessment, AssessmentStatus
from policies.models import EssentialLink, Policy, PolicyKind
from scorecard.models import ScorecardAnswer, ScorecardAssessment

# The patterns are also the schema's, so what the schema allows is what the filters accept.
CODE_PATTERN = r"^[A-Z]{1,2}[0-9]{1,2}[A-Z][0-9]{1,2}$"
SHORT_CODE_PATTERN = r"^[A-Z]{1,2}[0-9]{0,2}$"
STAGE_PATTERN = r"^[A-Z]$"
CODE = RegexValidator(CODE_PATTERN, "Use an action code like L1S1.")
SHORT_CODE = RegexValidator(SHORT_CODE_PATTERN, "Use a code like L or L1.")


class PolicyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=PolicyKind.choices)
    action = django_filters.CharFilter(
        field_name="links__action__code", max_length=10, validators=[CODE], distinct=True
    )

    class Meta:
        model = Policy
        fields: list[str] = []


class CrosswalkFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(field_name="action__code", max_length=10, validators=[CODE])
    essential = django_filters.ChoiceFilter(
        field_name="essential__number", choices=[(str(n), str(n)) for n in range(1, 11)]
    )
    model_version = django_filters.CharFilter(
        field_name="action__subdimension__dimension__version__slug",
        max_length=100,
        validators=[RegexValidator(r"^[-a-zA-Z0-9_]+$")],
    )

    class Meta:
        model = EssentialLink
        fields: list[str] = []


class AssessmentFilter(django_filters.FilterSet):
    """Any self-assessment instrument's list: drafts or signed off."""

    status = django_filters.ChoiceFilter(choices=AssessmentStatus.choices)

    class Meta:
        model = Assessment
        fields: list[str] = []


class ScorecardFilter(AssessmentFilter):
    class Meta(AssessmentFilter.Meta):
        model = ScorecardAssessment


class RecordFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices)
    dimension = django_filters.CharFilter(
        field_name="action__subdimension__dimension__code", max_length=5, validators=[SHORT_CODE]
    )
    subdimension = django_filters.CharFilter(
        field_name="action__subdimension__code", max_length=5, validators=[SHORT_CODE]
    )
    stage = django_filters.CharFilter(
        field_name="action__stage__letter",
        max_length=1,
        validators=[RegexValidator(STAGE_PATTERN, "Use a stage letter like S.")],
    )

    class Meta:
        model = ActionRecord
        fields: list[str] = []


class AnswerFilter(django_filters.FilterSet):
    essential = django_filters.ChoiceFilter(
        field_name="question__essential__number", choices=[(str(n), str(n)) for n in range(1, 11)]
    )
    answered = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")], method="filter_answered"
    )

    class Meta:
        model = ScorecardAnswer
        fields: list[str] = []

    def filter_answered(self, queryset, name, value):
        return queryset.filter(score__isnull=value == "false")
