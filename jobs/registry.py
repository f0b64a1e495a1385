"""The kinds of job, each registered by the app that knows how to do it (reports/tasks.py…),
so this app reads none of theirs."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation


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
    # job → what the page it leads to says once it is done ("12 changes imported."), in the
    # reader's language; None when the page itself says it.
    said: Callable[[object], str] | None = None


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    return KINDS[name]


def asked_in_language(**params) -> dict:
    """A job's params with the language it is asked in, which `kept_file` makes it in."""
    return {**params, "language": translation.get_language()}


def kept_file(
    name: str,
    *,
    title: Callable[[object], str],
    may_read: Callable[[object, object], bool],
    next_url: Callable[[object], str] | None = None,
    again_url: Callable[[object], str] | None = None,
) -> Callable[[Callable[[object], Output]], Callable[[object], Output]]:
    """Registers the decorated `make(job) -> Output` as the kind `name`.

    It is made in the language the job was asked in (its params from `asked_in_language`),
    never the worker's: the file is kept and handed to everyone who asks for it again in that
    language, and its refusals (`Refused`) are read by the person who asked.
    """

    def decorate(make: Callable[[object], Output]) -> Callable[[object], Output]:
        def run(job) -> Output:
            with translation.override(job.params["language"]):
                return make(job)

        register(Kind(name, title, run, may_read, next_url, again_url))
        return make

    return decorate
