"""Reads for the reporting pages: the dashboard's figures and the children behind a figure."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from frontdoor.accounts.models import Team
from frontdoor.people.access import visible_people
from frontdoor.people.models import Person

from .charts import bar_chart, line_chart
from .figures import REGISTRY, Figure, compute
from .figures.base import sharing
from .periods import Period

CHUNK = 500
AREAS = [
    "Contacts",
    "Screening",
    "Referrals",
    "Child protection",
    "Early help",
    "Pathways",
    "Allegations",
    "Caseloads",
]


def team_choices() -> list[tuple[int, str]]:
    return list(Team.objects.order_by("name").values_list("pk", "name"))


def dashboard(period: Period) -> OrderedDict[str, list[Figure]]:
    """Every figure for the period, grouped by area, each with its chart."""
    areas: OrderedDict[str, list[Figure]] = OrderedDict()
    with sharing():
        figures = [(area, compute(key, period)) for key, (area, _t, _f) in REGISTRY.items()]
    for area, fig in figures:
        points = [(row.label, row.value) for row in fig.rows]
        if fig.chart and not fig.no_data:
            fig.svg = (line_chart if fig.chart == "line" else bar_chart)(points, title=fig.title)
        areas.setdefault(area, []).append(fig)
    rank = {name: i for i, name in enumerate(AREAS)}
    return OrderedDict(sorted(areas.items(), key=lambda item: rank.get(item[0], len(rank))))


def visible_children(user: Any, person_ids: Iterable[int]) -> list[Person]:
    """The children among `person_ids` this user may see (sealed: only if on the access list)."""
    ids = sorted(set(person_ids))
    allowed = visible_people(user)
    found: list[Person] = []
    for start in range(0, len(ids), CHUNK):
        found.extend(allowed.filter(pk__in=ids[start : start + CHUNK]))
    return sorted(found, key=lambda p: (p.last_name, p.first_name, p.pk))
