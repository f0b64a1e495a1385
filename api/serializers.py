"""What the API returns, field by field: the schema is generated from these."""

from django.core.validators import RegexValidator
from rest_framework import serializers

from assessments.models import ActionStatus
from policies.models import PolicyKind

# -- the maturity model and the catalogue (public) ----------------------------------------


class StakeholderSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class StageSerializer(serializers.Serializer):
    letter = serializers.CharField()
    name = serializers.CharField()
    title = serializers.CharField()
    order = serializers.IntegerField()
    stakeholders = StakeholderSerializer(many=True, source="stakeholders.all")


class ActionSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    stage = serializers.CharField(source="stage.letter", help_text="The stage's letter.")
    order = serializers.IntegerField()


class SubdimensionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    order = serializers.IntegerField()
    actions = ActionSerializer(many=True)


class DimensionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    order = serializers.IntegerField()
    subdimensions = SubdimensionSerializer(many=True)


class ModelVersionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    source = serializers.CharField()
    published = serializers.BooleanField()
    loaded_at = serializers.DateTimeField()


class ModelVersionDetailSerializer(ModelVersionSerializer):
    stages = StageSerializer(many=True)
    dimensions = DimensionSerializer(many=True)


class PolicyActionSerializer(serializers.Serializer):
    action = serializers.CharField(source="action.code")
    note = serializers.CharField()


class PolicySerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=PolicyKind.choices)
    summary = serializers.CharField()
    organisation = serializers.CharField()
    url = serializers.CharField()
    language = serializers.CharField()
    actions = PolicyActionSerializer(many=True, source="links.all")


class EssentialSerializer(serializers.Serializer):
    edition = serializers.CharField()
    number = serializers.IntegerField()
    title = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    ref = serializers.CharField()
    topic = serializers.CharField()


class CrosswalkSerializer(serializers.Serializer):
    action = serializers.CharField(source="action.code")
    model_version = serializers.CharField(source="action.subdimension.dimension.version.slug")
    essential = EssentialSerializer()
    question = QuestionSerializer(allow_null=True)
    note = serializers.CharField()


# -- cities and assessments ------------------------------------------------------------------


class CitySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    country = serializers.CharField()
    region = serializers.CharField()
    population = serializers.IntegerField(allow_null=True)
    role = serializers.CharField(allow_null=True, help_text="editor, viewer, or null for admins.")
    can_edit = serializers.BooleanField()


class AssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    city = serializers.CharField(source="city.slug")
    title = serializers.CharField()
    reference_date = serializers.DateField()
    status = serializers.CharField()
    model_version = serializers.CharField(source="model_version.slug")
    submitted_at = serializers.DateTimeField(allow_null=True)
    overall_level = serializers.IntegerField(
        allow_null=True, help_text="The overall stage level stored at sign-off (null in a draft)."
    )


class ProgressSerializer(serializers.Serializer):
    met = serializers.IntegerField()
    total = serializers.IntegerField()


class StageResultSerializer(serializers.Serializer):
    level = serializers.IntegerField(help_text="0 while working on the first stage.")
    reached = serializers.CharField(allow_null=True, help_text="The stage reached, or null.")
    being_worked_on = serializers.CharField(
        allow_null=True, help_text="The next stage, or null once every stage is reached."
    )
    progress = ProgressSerializer(allow_null=True, help_text="Of the stage being worked on.")
    done = serializers.IntegerField()
    not_applicable = serializers.IntegerField()
    total = serializers.IntegerField()
    missing = serializers.ListField(child=serializers.CharField())
    summary = serializers.CharField(help_text="The stage in words, as the pages say it.")


class DimensionResultSerializer(StageResultSerializer):
    code = serializers.CharField()
    name = serializers.CharField()


class SubdimensionResultSerializer(StageResultSerializer):
    code = serializers.CharField()
    title = serializers.CharField()
    dimension = serializers.CharField()


class AssessmentDetailSerializer(AssessmentSerializer):
    overall = StageResultSerializer()
    dimensions = DimensionResultSerializer(many=True)
    subdimensions = SubdimensionResultSerializer(many=True)


# -- records and evidence --------------------------------------------------------------------


class LinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    label = serializers.CharField()
    added_at = serializers.DateTimeField()


class FileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    added_at = serializers.DateTimeField()
    download_url = serializers.CharField(help_text="The page view that streams the file.")


class RecordSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    dimension = serializers.CharField()
    subdimension = serializers.CharField()
    stage = serializers.CharField(help_text="The stage's letter.")
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    na_reason = serializers.CharField()
    note = serializers.CharField()
    responsible = serializers.CharField(
        allow_null=True, help_text="Who answers for it; null when the share excludes names."
    )
    responsible_member = serializers.IntegerField(
        allow_null=True, help_text="The responsible member's user id (null if none or hidden)."
    )
    target_date = serializers.DateField(allow_null=True)
    revision = serializers.IntegerField(help_text="Send it back with a change.")
    updated_at = serializers.DateTimeField()
    links = LinkSerializer(many=True)
    files = FileSerializer(
        many=True, allow_null=True, help_text="Null when the share excludes evidence files."
    )


def _storable(value: str) -> None:
    """Text the database can store: no NUL, no lone surrogate (JSON allows both)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise serializers.ValidationError("The text is not valid Unicode.") from exc


NO_NUL = RegexValidator(r"^[^\x00]*$", "The text may not contain NUL characters.")


def _text(limit: int, help_text: str = "") -> serializers.CharField:
    # Not trimmed here: the limit then counts what was sent (the form strips it afterwards).
    return serializers.CharField(required=False, allow_blank=True, max_length=limit,
                                 trim_whitespace=False, validators=[NO_NUL, _storable],
                                 help_text=help_text)  # fmt: skip


class RecordChangeSerializer(serializers.Serializer):
    """A change to one record. Only the fields sent change; `revision` is the one read.

    The responsible member (a person with an account) is chosen on the action's page only.
    """

    revision = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
    na_reason = _text(1000, "Needed, not blank, to mark the action not applicable.")
    note = _text(5000)
    responsible = _text(200, "A name or department without an account.")
    target_date = serializers.DateField(required=False, allow_null=True)


class StaleSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    fields = serializers.DictField()
    current = RecordSerializer(allow_null=True, help_text="The record as it is now saved.")


# -- a partner's figures ---------------------------------------------------------------------


class LevelCountSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    name = serializers.CharField()
    cities = serializers.IntegerField()


class DistributionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    levels = LevelCountSerializer(many=True)


class CompletionSerializer(serializers.Serializer):
    code = serializers.CharField()
    cities = serializers.IntegerField(help_text="Cities whose latest shared assessment did it.")


class TrendSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    levels = LevelCountSerializer(many=True)


class FiguresSerializer(serializers.Serializer):
    partner = serializers.CharField()
    model_version = serializers.CharField(allow_null=True)
    filters = serializers.DictField(child=serializers.CharField())
    city_count = serializers.IntegerField()
    distribution = DistributionSerializer(many=True)
    action_completion = CompletionSerializer(many=True)
    trend = TrendSerializer(many=True)
    countries = serializers.ListField(child=serializers.CharField())


class SharedAssessmentSerializer(AssessmentSerializer):
    city_name = serializers.CharField(source="city.name")
