"""The period and team a dashboard shows, read from the query string.

A period is a pair of dates, both inclusive, in Europe/London. Figures select records whose
date (received, referral date …) falls within it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django import forms

from frontdoor.core.calendar import LONDON, months_before


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    team_id: int | None = None

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=LONDON)

    @property
    def end_at(self) -> datetime:
        """The first moment after the period (exclusive upper bound)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=LONDON)

    def query(self) -> str:
        team = f"&team={self.team_id}" if self.team_id else ""
        return f"date_from={self.start.isoformat()}&date_to={self.end.isoformat()}{team}"


class PeriodForm(forms.Form):
    """Period filter. Dates are ISO (yyyy-mm-dd) so links and bookmarks stay readable."""

    date_from = forms.DateField(
        label="From",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text="For example, 2026-04-01",
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text="For example, 2026-09-30",
    )
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None)

    def __init__(self, data: Any, *, today: date, teams: list[tuple[int, str]]) -> None:
        super().__init__({k: data.get(k, "") for k in ("date_from", "date_to", "team")})
        self.today = today
        cast(forms.ChoiceField, self.fields["team"]).choices = [("", "All teams"), *teams]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_from", "The start of the period must be on or before its end")
        return cleaned

    def period(self) -> Period:
        """The chosen period; by default the three months to today."""
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("date_to") or self.today
        start = data.get("date_from") or months_before(end, 3) + timedelta(days=1)
        return Period(start=start, end=end, team_id=data.get("team"))
