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


# The largest id a database column can hold (a signed 64-bit integer, BigAutoField's range).
LARGEST_ID = 2**63 - 1


class IdConverter:
    """A row's id, for every whole number in a path: a number the database cannot hold
    (`99999999999999999999`) is a 404 from the resolver. Django's `int` passes it on, and
    SQLite answers with an OverflowError: a 500."""

    regex = r"[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            raise ValueError("beyond the database's integers")  # the resolver's "no match"
        return number

    def to_url(self, value: int) -> str:
        return str(value)


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


register_converter(IdConverter, "id")
register_converter(ActionCodeConverter, "action_code")
register_converter(InvitationTokenConverter, "invitation_token")
register_converter(EvidenceKindConverter, "evidence_kind")
register_converter(DownloadFormatConverter, "download_format")
