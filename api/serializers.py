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


class StandingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    reference_date = serializers.DateField()
    signed_off_at = serializers.DateTimeField(allow_null=True, source="submitted_at")
    overall_level = serializers.IntegerField(
        allow_null=True, help_text="The overall stage level stored at sign-off."
    )


class OpenDraftSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    reference_date = serializers.DateField()
    status = serializers.CharField(help_text="Always `draft`.")


class CityDetailSerializer(CitySerializer):
    standing = StandingSerializer(
        allow_null=True,
        help_text="Where the city stands: its latest signed-off SMR assessment (null when none "
        "is signed off yet).",
    )
    open_draft = OpenDraftSerializer(
        allow_null=True,
        help_text="The city's open SMR draft (at most one), not signed off: not its standing.",
    )


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The user id that `responsible_member` takes.")
    name = serializers.CharField()
    role = serializers.CharField(help_text="editor or viewer.")


# What an SMR assessment and a UN Scorecard both begin with: their lifecycle's header. (No
# docstring: drf-spectacular would give it to both as their description.)
class _SelfAssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    city = serializers.CharField(source="city.slug")
    title = serializers.CharField()
    reference_date = serializers.DateField()


class AssessmentSerializer(_SelfAssessmentSerializer):
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
    download_url = serializers.CharField(
        help_text="Where the file's bytes are sent (GET, with the same token or session)."
    )


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


# What a change to a record or an answer is sent with: the revision read (409 when it is no
# longer the saved one). No docstring: drf-spectacular would describe both changes with it.
class _ChangeBody(serializers.Serializer):
    revision = serializers.IntegerField(min_value=0, max_value=2**31 - 1)


class RecordChangeSerializer(_ChangeBody):
    """A change to one record. Only the fields sent change; `revision` is the one read."""

    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)
    na_reason = _text(
        1000,
        "Why the action does not apply. Required, not blank, when the record is or becomes "
        "`not_applicable` (send it with that `status`): a 400 names `na_reason` otherwise.",
    )
    note = _text(5000)
    responsible_member = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2**63 - 1,
        help_text="A member of the city (their user id), reminded by email; null for nobody.",
    )  # fmt: skip
    responsible = _text(200, "A name or department without an account.")
    target_date = serializers.DateField(required=False, allow_null=True)


class HistoryEntrySerializer(serializers.Serializer):
    field = serializers.CharField(help_text="status, note, responsible_member, link, file …")
    label = serializers.CharField(help_text="The field's name in words.")
    old = serializers.CharField(allow_null=True, help_text="Null when not shared with you.")
    new = serializers.CharField(allow_null=True, help_text="Null when not shared with you.")
    changed_by = serializers.CharField(
        allow_null=True, help_text="Who changed it; null when the share excludes names."
    )
    changed_at = serializers.DateTimeField()


class _WholeMatch(RegexValidator):
    """A pattern that holds for the whole text: Python's `$` would let a final line break
    through, the schema's (ECMA) `$` does not."""

    def __call__(self, value) -> None:
        if "\n" in str(value):
            raise serializers.ValidationError(self.message)
        super().__call__(value)


# What the API accepts as a link: an http(s) address with a plain host name. The action page
# accepts these and a little more (no scheme, ports, IDN hosts); the schema states exactly this.
LINK_PATTERN = (
    r"^https?://[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?){0,3}\.[A-Za-z]{2,30}"
    r"(?:/[!-~]{0,1800})?$"
)


class NewLinkSerializer(serializers.Serializer):
    url = serializers.CharField(
        max_length=2000, trim_whitespace=False,
        validators=[_WholeMatch(LINK_PATTERN, "Give an http(s) address such as "
                                "https://example.org/plan.")],
        help_text="An http(s) address with a plain host name, such as https://example.org/plan.",
    )  # fmt: skip
    label = serializers.CharField(
        required=False, allow_blank=True, max_length=200, trim_whitespace=False,
        validators=[NO_NUL, _storable],
    )  # fmt: skip


class NewFileSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT, ODS, CSV or TXT, within the size limit."
    )


# The 409 of a change sent with an old `revision`, for records and answers alike: what the
# colleague saved is in `current`. (Comments, not docstrings, on these bases: drf-spectacular
# would give a docstring to every serializer below as its description.)
class _StaleBody(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    fields = serializers.DictField()


class StaleSerializer(_StaleBody):
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
    trend_through_crosswalk = serializers.IntegerField(
        help_text="How many of the trend's assessments are on an older model version, of cities "
        "that moved to this one, read through the version crosswalk and scored on this version "
        "(the crosswalk is the project's own reading)."
    )
    countries = serializers.ListField(child=serializers.CharField())


class SharedAssessmentSerializer(AssessmentSerializer):
    city_name = serializers.CharField(source="city.name")


# -- Scorecard assessments ------------------------------------------------------------------


class EssentialTotalSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    score = serializers.IntegerField(help_text="Sum of the answered questions' scores.")
    maximum = serializers.IntegerField(help_text="3 × the Essential's questions.")
    answered = serializers.IntegerField()
    unanswered = serializers.IntegerField(help_text="Counted apart, never as a score of 0.")


class ScorecardTotalsSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    maximum = serializers.IntegerField(help_text="141 for the 47 preliminary questions.")
    answered = serializers.IntegerField()
    unanswered = serializers.IntegerField()
    essentials = EssentialTotalSerializer(many=True)


class ScorecardSerializer(_SelfAssessmentSerializer):
    status = serializers.CharField(help_text="draft, or submitted (then read-only).")
    submitted_at = serializers.DateTimeField(allow_null=True)


class ScorecardDetailSerializer(ScorecardSerializer):
    totals = ScorecardTotalsSerializer()


class SharedScorecardSerializer(ScorecardSerializer):
    city_name = serializers.CharField(source="city.name")


class AnswerSerializer(serializers.Serializer):
    ref = serializers.CharField(help_text="The question's id, P1.1 … P10.2.")
    essential = serializers.IntegerField(help_text="The Essential's number (2017 edition).")
    topic = serializers.CharField()
    question = serializers.CharField()
    score = serializers.IntegerField(allow_null=True, help_text="0–3, or null if unanswered.")
    verification = serializers.CharField(help_text="Means of verification.")
    actions = serializers.CharField(help_text="Actions to achieve maximum resilience.")
    institution = serializers.CharField(help_text="Responsible institution.")
    timescale = serializers.CharField()
    revision = serializers.IntegerField(help_text="Send it back with a change.")


class AnswerChangeSerializer(_ChangeBody):
    """A change to one answer. Only the fields sent change; `revision` is the one read."""

    score = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=3,
        help_text="0–3, or null to mark the question unanswered.",
    )  # fmt: skip
    verification = _text(5000)
    actions = _text(5000)
    institution = _text(5000)
    timescale = _text(5000)


class StaleAnswerSerializer(_StaleBody):
    current = AnswerSerializer(allow_null=True, help_text="The answer as it is now saved.")
