"""What a dashboard figure is, and the registry of figures in the order the dashboard shows them.

A figure is computed from the records for one period (and team). Each row keeps the children
behind it so the drill-down lists exactly the children counted, never a re-derived set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Model

from ..periods import Period


@dataclass
class Row:
    key: str
    label: str
    value: int
    people: frozenset[int] = frozenset()

    @property
    def children(self) -> int:
        return len(self.people)


@dataclass
class Figure:
    key: str
    title: str
    headline: str = ""
    rows: list[Row] = field(default_factory=list)
    chart: str = "bar"  # "bar", "line" or "" (table only)
    value_label: str = "Number"
    comparator: str = ""
    no_data: str = ""  # set when the area behind the figure has recorded nothing
    note: str = ""
    svg: str = ""  # the chart, filled in by the dashboard

    def row(self, key: str) -> Row | None:
        return next((row for row in self.rows if row.key == key), None)

    @property
    def people(self) -> frozenset[int]:
        return frozenset().union(*(row.people for row in self.rows)) if self.rows else frozenset()


FigureFn = Callable[[Period], Figure]
REGISTRY: dict[str, tuple[str, str, FigureFn]] = {}  # key -> (area, title, function)


def figure(key: str, *, area: str, title: str) -> Callable[[FigureFn], FigureFn]:
    def register(fn: FigureFn) -> FigureFn:
        REGISTRY[key] = (area, title, fn)
        return fn

    return register


def compute(key: str, period: Period) -> Figure:
    area, title, fn = REGISTRY[key]
    result = fn(period)
    result.key, result.title = key, title
    return result


def model(label: str) -> type[Model] | None:
    """Another area's model, or None while that area is not built (so reports keep working)."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def has_field(model_cls: Any, name: str) -> bool:
    return any(f.name == name for f in model_cls._meta.get_fields())


def no_data(message: str) -> Figure:
    return Figure(key="", title="", no_data=message, chart="")


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def people_of(pairs: Iterable[tuple[Any, int]], keys: Iterable[Any]) -> frozenset[int]:
    wanted = set(keys)
    return frozenset(person for key, person in pairs if key in wanted)
