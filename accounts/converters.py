"""Path converters: a URL that names something impossible never reaches a view.

Each converter's regex is the shape of the values it names, so junk in a path (a NUL byte,
which PostgreSQL refuses in text, an unknown format) is a 404 from the resolver on every
database. They live here, in the lowest app, so that every app's URLconf may use them;
importing this module registers them once.
"""

from django.urls import register_converter


class _Converter:
    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ActionCodeConverter(_Converter):
    """An action's code: dimension, subdimension number, stage letter, number (L1S1, I2T3)."""

    regex = r"[A-Z]{1,2}[0-9]{1,2}[A-Z][0-9]{1,2}"


class InvitationTokenConverter(_Converter):
    """An invitation token as `secrets.token_urlsafe` makes it."""

    regex = r"[A-Za-z0-9_-]{20,64}"


class EvidenceKindConverter(_Converter):
    regex = r"link|file"


class DownloadFormatConverter(_Converter):
    regex = r"csv|xlsx"


register_converter(ActionCodeConverter, "action_code")
register_converter(InvitationTokenConverter, "invitation_token")
register_converter(EvidenceKindConverter, "evidence_kind")
register_converter(DownloadFormatConverter, "download_format")
