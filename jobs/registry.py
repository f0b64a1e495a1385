"""The kinds of job, each registered by the app that knows how to do it (reports/tasks.py…),
so this app reads none of theirs."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    content: bytes
    filename: str
    content_type: str


class Refused(Exception):  # noqa: N818 - a user's input refused, not a fault
    """What the job was given cannot be made into anything (an upload that is not the
    format, too large unpacked…): the job fails at once with this message for the user,
    never retried, since the same input would be refused again."""


@dataclass(frozen=True)
class Kind:
    name: str
    title: Callable[[object], str]  # job → what the progress page calls it
    run: Callable[[object], Output]  # job → its file; raises when it cannot be made
    may_read: Callable[[object, object], bool]  # (user, job) → may see the job and its file
    # job → the page that continues from a finished job (an import's preview), instead of
    # offering its file; and the page to give it other input after a refusal.
    next_url: Callable[[object], str] | None = None
    again_url: Callable[[object], str] | None = None


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    return KINDS[name]
