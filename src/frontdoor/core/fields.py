"""GOV.UK date and date-time fields: day, month and year boxes, with plain error messages."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from .calendar import LONDON


class GovukDateWidget(forms.Widget):
    """Three boxes named NAME_day, NAME_month, NAME_year (GOV.UK date input pattern)."""

    govuk_kind = "date"
    parts = ("day", "month", "year")

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, ...]:
        return tuple((data.get(f"{name}_{p}") or "").strip() for p in self.parts)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return all(f"{name}_{p}" not in data for p in self.parts)


class GovukDateTimeWidget(GovukDateWidget):
    govuk_kind = "datetime"
    parts = ("day", "month", "year", "time")


def _parse_date(label: str, day: str, month: str, year: str) -> date:
    missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
    if missing:
        raise forms.ValidationError(f"{label} must include a {' and '.join(missing)}")
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        raise forms.ValidationError(
            f"{label} must be a real date, written in numbers, like 27 3 2026"
        )
    if len(year) != 4:
        raise forms.ValidationError(f"{label} year must include 4 numbers, like 2026")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise forms.ValidationError(f"{label} must be a real date") from None


class GovukDateField(forms.Field):
    widget = GovukDateWidget

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date):
            return value
        if not value or not any(value):
            return None
        label = self.label or "Date"
        return _parse_date(label, *value[:3])


class GovukDateTimeField(forms.Field):
    """A date plus a 24-hour time ("14:05"); returns an aware datetime in Europe/London."""

    widget = GovukDateTimeWidget

    def to_python(self, value: Any) -> datetime | None:
        if isinstance(value, datetime):
            return value
        if not value or not any(value):
            return None
        label = self.label or "Date and time"
        day = _parse_date(label, *value[:3])
        raw_time = value[3]
        if not raw_time:
            raise forms.ValidationError(f"{label} must include a time, like 14:05")
        try:
            parsed = time.fromisoformat(raw_time.replace(".", ":").zfill(5))
        except ValueError:
            raise forms.ValidationError(
                f"{label} must have a real 24-hour time, like 09:30 or 14:05"
            ) from None
        return datetime.combine(day, parsed, tzinfo=LONDON)


def date_parts(value: Any, kind: str) -> list[str]:
    """The strings to show in the boxes, from bound data (a tuple) or an initial value."""
    count = 4 if kind == "datetime" else 3
    if isinstance(value, (tuple, list)):
        return list(value) + [""] * (count - len(value))
    if isinstance(value, datetime):
        local = timezone.localtime(value, LONDON)
        return [str(local.day), str(local.month), str(local.year), local.strftime("%H:%M")][:count]
    if isinstance(value, date):
        return [str(value.day), str(value.month), str(value.year), ""][:count]
    return [""] * count
