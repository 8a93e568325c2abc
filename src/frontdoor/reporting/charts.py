"""Server-rendered SVG charts. Each chart sits beside a GOV.UK table holding the same figures, so
the chart is decoration for sighted users and the table is the accessible source of truth.

No scripts and no style attributes (the Content-Security-Policy forbids them): colours are SVG
presentation attributes.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BLUE = "#1d70b8"
TEXT = "#0b0c0c"
GREY = "#b1b4b6"
WIDTH = 640
ALT = "chart of the figures in the table below"


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def bar_chart(rows: Sequence[tuple[str, float]], *, title: str) -> SafeString:
    """Horizontal bars, one per row, labelled with the row's label and value."""
    if not rows:
        return mark_safe("")
    label_w, bar_h, gap, top = 230, 22, 8, 8
    biggest = max((value for _, value in rows), default=0) or 1
    room = WIDTH - label_w - 70
    height = top * 2 + len(rows) * (bar_h + gap)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="fd-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}: {ALT}">',
    ]
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar_h + gap)
        width = max(0.0, room * value / biggest)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" font-size="14" '
            f'fill="{TEXT}">{escape(_short(label))}</text>'
            f'<rect x="{label_w}" y="{y}" width="{width:.1f}" height="{bar_h}" fill="{BLUE}"/>'
            f'<text x="{label_w + width + 6:.1f}" y="{y + bar_h * 0.7:.1f}" font-size="14" '
            f'fill="{TEXT}">{escape(_number(value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def line_chart(points: Sequence[tuple[str, float]], *, title: str) -> SafeString:
    """A line through the points in order (e.g. weeks), with the first and last labels shown."""
    if not points:
        return mark_safe("")
    height, left, right, top, bottom = 240, 50, 20, 16, 40
    biggest = max((value for _, value in points), default=0) or 1
    inner_w, inner_h = WIDTH - left - right, height - top - bottom
    step = inner_w / max(1, len(points) - 1)

    def xy(index: int, value: float) -> tuple[float, float]:
        return left + index * step, top + inner_h - inner_h * value / biggest

    coords = [xy(i, value) for i, (_, value) in enumerate(points)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="fd-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}: {ALT}">',
        f'<line x1="{left}" y1="{top + inner_h}" x2="{WIDTH - right}" y2="{top + inner_h}" '
        f'stroke="{GREY}"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + inner_h}" stroke="{GREY}"/>',
        f'<text x="{left - 6}" y="{top + 5}" text-anchor="end" font-size="13" fill="{TEXT}">'
        f"{escape(_number(biggest))}</text>",
        f'<text x="{left - 6}" y="{top + inner_h}" text-anchor="end" font-size="13" '
        f'fill="{TEXT}">0</text>',
        f'<polyline points="{path}" fill="none" stroke="{BLUE}" stroke-width="3"/>',
    ]
    parts.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{BLUE}"/>' for x, y in coords)
    shown = {0, len(points) - 1, (len(points) - 1) // 2}
    for index in sorted(shown):
        x, _ = coords[index]
        anchor = "start" if index == 0 else "end" if index == len(points) - 1 else "middle"
        parts.append(
            f'<text x="{x:.1f}" y="{height - 12}" text-anchor="{anchor}" font-size="13" '
            f'fill="{TEXT}">{escape(points[index][0])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
