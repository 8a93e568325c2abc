"""Job kinds: each names what it does, who may start it, the form of its parameters and the function
that runs it. An area registers its kinds in `jobs/kinds.py`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django import forms

    from .runner import JobContext


@dataclass(frozen=True)
class Outcome:
    """What a job made: a summary line and, optionally, a file (bytes or a path to move in)."""

    summary: str
    content: bytes | None = None
    path: str | None = None
    filename: str = ""
    content_type: str = "application/octet-stream"


@dataclass(frozen=True)
class JobKind:
    key: str
    label: str
    capability: str
    run: Callable[[JobContext, dict[str, Any]], Outcome]
    form: Callable[..., forms.Form] | None = None
    description: str = ""
    cancellable: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> JobKind:
    if kind.key in KINDS:
        raise ValueError(f"job kind {kind.key!r} is registered twice")
    KINDS[kind.key] = kind
    return kind


def get_kind(key: str) -> JobKind | None:
    return KINDS.get(key)
