"""The kinds of job, each registered by the app that knows how to do it (reports/tasks.py…),
so this app reads none of theirs."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    content: bytes
    filename: str
    content_type: str


@dataclass(frozen=True)
class Kind:
    name: str
    title: Callable[[object], str]  # job → what the progress page calls it
    run: Callable[[object], Output]  # job → its file; raises when it cannot be made
    may_read: Callable[[object, object], bool]  # (user, job) → may see the job and its file


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    return kind


def get(name: str) -> Kind:
    return KINDS[name]
