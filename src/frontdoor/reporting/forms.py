"""Forms for the returns pages."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms

from frontdoor.core.fields import GovukDateField


def current_census_year(today: date) -> int:
    """The year of the 31 March that ends the collection year containing `today`."""
    return today.year + 1 if today.month >= 4 else today.year


class CensusForm(forms.Form):
    year = forms.TypedChoiceField(
        label="Collection year",
        coerce=int,
        help_text="1 April to 31 March; the census reference date is 31 March",
        error_messages={
            "required": "Select the collection year",
            "invalid_choice": "Select one of the collection years listed",
        },
    )

    def __init__(self, data: Any = None, *, today: date) -> None:
        super().__init__(data)
        latest = current_census_year(today)
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            (y, f"1 April {y - 1} to 31 March {y}") for y in range(latest, latest - 6, -1)
        ]
        self.fields["year"].initial = latest


class AnnexAForm(forms.Form):
    end = GovukDateField(
        label="Last day of the six months",
        error_messages={"required": "Enter the last day of the six months"},
        help_text="Usually the day before the inspection, for example 31 3 2026",
    )
