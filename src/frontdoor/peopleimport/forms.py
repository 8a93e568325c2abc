from __future__ import annotations

from typing import Any

from django import forms

MAX_UPLOAD_MB = 200


class PeopleFileForm(forms.Form):
    system = forms.CharField(
        label="Name of the old system",
        help_text="Kept with each person's id from it, for example CareFirst",
        max_length=60,
        error_messages={
            "required": "Enter the name of the old system",
            "max_length": "The name of the old system must be 60 characters or fewer",
        },
    )
    file = forms.FileField(
        label="People file (CSV or JSON lines)",
        help_text="One person a row, in the layout of the import guide",
        error_messages={"required": "Select the people file"},
    )

    def clean_file(self) -> Any:
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                f"The file must be smaller than {MAX_UPLOAD_MB} MB. Split it and import each part "
                "(importing a part twice is safe)"
            )
        return uploaded
