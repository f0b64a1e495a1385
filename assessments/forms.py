"""Forms validate and return domain values; services do the writing."""

from datetime import date
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from lifecycle.forms import ReadableLimits, ReopenForm, WithinLimit, too_long  # noqa: F401
from lifecycle.services import REASON_LENGTH
from maturity.models import ModelVersion

from .models import ActionRecord, ActionStatus, Assessment

# Extension → (content type, leading bytes a real file of that kind starts with, or None).
ALLOWED_EVIDENCE = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", b"PK"),
    ".odt": ("application/vnd.oasis.opendocument.text", b"PK"),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", b"PK"),
    ".csv": ("text/csv", None),
    ".txt": ("text/plain", None),
}

# Longest text a person may type; the PDF report prints at most these too.
NOTE_LIMIT = 5_000
REASON_LIMIT = REASON_LENGTH
NAME_LIMIT = 200  # titles, names, responsible, link labels
URL_LIMIT = 2_000


def checked_upload(upload):
    """A file that follows the evidence rules (a plain name, an accepted type, within the
    size limit, content that matches its type), with its content type set as
    `evidence_content_type`; raises ValidationError otherwise. Evidence and experiences'
    files alike."""
    name = upload.name or ""
    if "/" in name or "\\" in name or "\x00" in name or name.startswith(".") or ".." in name:
        raise forms.ValidationError(
            _("The file name must be a plain name, without folders or dots in front.")
        )
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in ALLOWED_EVIDENCE:
        raise forms.ValidationError(
            _("Files of type %(type)s are not accepted. Use one of: %(allowed)s.")
            % {"type": suffix or _("(none)"), "allowed": ", ".join(ALLOWED_EVIDENCE)}
        )
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.EVIDENCE_MAX_BYTES),
            }
        )
    content_type, magic = ALLOWED_EVIDENCE[suffix]
    head = upload.read(16)
    upload.seek(0)
    if magic and not head.startswith(magic):
        raise forms.ValidationError(
            _("The file's content is not a %(type)s file.") % {"type": suffix}
        )
    upload.evidence_content_type = content_type
    return upload


class VersionChoiceField(forms.ModelChoiceField):
    """A published model version, named with the sentence on what it changed."""

    def label_from_instance(self, obj: ModelVersion) -> str:
        return f"{obj.name}: {obj.changes}" if obj.changes else obj.name


class LanguageDateInput(forms.DateInput):
    """A date typed in the page language's one order (07/11/2026 in English, 07.11.2026 in
    Norwegian: DATE_INPUT_FORMATS[0] in resilience_site/formats), which the field parses.
    Not the browser's date picker: it follows the browser's locale, so a British reader of a
    US-English browser saw 11/07/2026."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        example = date(2026, 11, 7).strftime(get_format("DATE_INPUT_FORMATS")[0])
        context["widget"]["attrs"].setdefault("placeholder", example)
        return context


class NewAssessmentForm(ReadableLimits, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=NAME_LIMIT)
    reference_date = forms.DateField(label=_("Reference date"), widget=LanguageDateInput())
    # The newest first, and chosen unless the city picks another.
    model_version = VersionChoiceField(
        label=_("Maturity model"),
        queryset=ModelVersion.objects.published().order_by("-loaded_at", "-pk"),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_(
            "Assessments on different versions are compared through the version crosswalk."
        ),
    )
    carry_from = forms.ModelChoiceField(
        label=_("Carry forward statuses and evidence from"),
        queryset=Assessment.objects.none(),
        required=False,
        empty_label=_("Start empty"),
    )

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carry_from"].queryset = city.assessments.all()
        latest = city.assessments.first()
        self.initial.setdefault("carry_from", latest.pk if latest else None)
        newest = ModelVersion.objects.current()
        self.initial.setdefault("model_version", newest.pk if newest else None)
        self.initial.setdefault("reference_date", timezone.localdate())
        self.initial.setdefault(
            "title", _("Self-assessment %(year)s") % {"year": timezone.localdate().year}
        )


class RecordForm(ReadableLimits, forms.ModelForm):
    """The full record of one action; `revision` guards against overwriting a colleague."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    link_url = forms.URLField(
        label=_("Add a link"), required=False, max_length=URL_LIMIT, assume_scheme="https"
    )
    link_label = forms.CharField(label=_("Link label"), required=False, max_length=NAME_LIMIT)
    upload = forms.FileField(label=_("Add a file"), required=False)

    class Meta:
        model = ActionRecord
        fields = ["status", "na_reason", "note", "responsible_member", "responsible", "target_date"]
        widgets = {
            "status": forms.RadioSelect,
            "na_reason": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 4}),
            "target_date": LanguageDateInput(),
        }
        help_texts = {
            "na_reason": _(
                "Needed when the action is marked not applicable: say why it does not apply to "
                "the city. It then counts as met for the stage, but never as done."
            ),
            "note": _(
                "At most 5,000 characters: a longer text is refused with a message, never cut."
            ),
            "responsible_member": _("A member of the city, who is reminded by email."),
            "responsible": _("Or a name or department without an account (no email)."),
        }

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        members = self.fields["responsible_member"]
        members.queryset = User.objects.filter(memberships__city=city).order_by("full_name")
        members.label_from_instance = lambda user: user.get_full_name()
        members.empty_label = _("— nobody from the city —")
        self.fields["na_reason"].max_length = REASON_LIMIT
        self.fields["na_reason"].validators.append(WithinLimit(REASON_LIMIT))

    def clean_note(self) -> str:
        """The note, within NOTE_LIMIT characters unless it is the one already saved.

        A note saved before the limit existed stays as it is: saving the action's other fields
        must not fail on a note nobody touched.
        """
        note = self.cleaned_data["note"]
        # A browser counts a line break as one character and sends it as two (CR LF).
        length = len(note.replace("\r\n", "\n"))
        if length > NOTE_LIMIT and not _same_text(note, self.instance.note or ""):
            raise too_long(NOTE_LIMIT, length, _("the note"))
        return note

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        return checked_upload(upload) if upload else None

    def clean(self):
        data = super().clean()
        if data.get("link_label") and not data.get("link_url"):
            self.add_error("link_url", _("Give the link's address as well as its label."))
        if data.get("status") == ActionStatus.NOT_APPLICABLE:
            if not (data.get("na_reason") or "").strip():
                self.add_error(
                    "na_reason",
                    _("Say why this action does not apply to the city to mark it not applicable."),
                )
        elif "na_reason" in data:
            data["na_reason"] = ""  # the reason belongs to the not-applicable status only
        return data

    def record_changes(self) -> dict:
        return {f: self.cleaned_data[f] for f in self._meta.fields}


class TickForm(forms.Form):
    """The quick tick on an action card: one status change, guarded by the revision.

    Not applicable is not among its choices: it needs a written reason, on the action page.
    """

    status = forms.ChoiceField(
        choices=[c for c in ActionStatus.choices if c[0] != ActionStatus.NOT_APPLICABLE]
    )
    revision = forms.IntegerField(min_value=0)


def _same_text(typed: str, saved: str) -> bool:
    # The form strips the text and the browser sends CR LF line breaks: neither is a change.
    def normal(text: str) -> str:
        return text.replace("\r\n", "\n").strip()

    return normal(typed) == normal(saved)
