"""Sections other areas add to the person page (open cases, plans, screenings …).

An area registers a function in its AppConfig.ready(): `register_panel(order, fn)`, where
`fn(user, person)` returns `{"title": str, "template": str, **context}` or None. The person is
already through the access gate when panels are built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PanelFn = Callable[[Any, Any], dict[str, Any] | None]
_panels: list[tuple[int, PanelFn]] = []


def register_panel(order: int, fn: PanelFn) -> None:
    if all(existing is not fn for _, existing in _panels):
        _panels.append((order, fn))
        _panels.sort(key=lambda item: item[0])


def panels_for(user: Any, person: Any) -> list[dict[str, Any]]:
    return [panel for _, fn in _panels if (panel := fn(user, person))]
