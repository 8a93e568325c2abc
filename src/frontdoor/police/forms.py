from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from frontdoor.core.codes import Agency
from frontdoor.core.concurrency import VersionedForm
from frontdoor.core.fields import GovukDateTimeField

from .models import Decision, EncompassMethod


def max_upload_mb() -> int:
    """The largest police file accepted, in MB: the setting FRONTDOOR_MAX_UPLOAD_MB (from the
    environment variable of the same name, default 20; a day's file is well under 1 MB)."""
    return int(settings.FRONTDOOR_MAX_UPLOAD_MB)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Police notifications file (CSV)",
        help_text="The daily file from the police, with the columns in the import guide",
        error_messages={"required": "Select the police notifications file"},
    )

    def clean_file(self) -> Any:
        uploaded = self.cleaned_data["file"]
        limit = max_upload_mb()
        if uploaded.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                f"The file must be smaller than {limit} MB (this one is "
                f"{uploaded.size / (1024 * 1024):.1f} MB). Check it is the police's daily file; "
                "a larger file can be split into days and imported one at a time"
            )
        return uploaded


class AttendeeForm(forms.Form):
    name = forms.CharField(label="Name", error_messages={"required": "Enter the attendee's name"})
    agency = forms.ChoiceField(
        label="Agency",
        choices=[("", "Select the agency")] + Agency.choices,
        error_messages={"required": "Select the attendee's agency"},
    )
    role = forms.CharField(label="Role (optional)", required=False)


class DecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label="Decision for this child",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a decision for this child"},
    )
    rationale = forms.CharField(
        label="Reason for the decision",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reason for the decision"},
    )
    summary = forms.CharField(
        label="Summary for the early help team (early help only)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    risks_and_protective_factors = forms.CharField(
        label="Risks and protective factors (early help only)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConfirmMatchForm(VersionedForm):
    person = forms.ChoiceField(
        label="Which child in the people index is this?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child in the people index"},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = choices


class MaracForm(VersionedForm):
    referred_at = GovukDateTimeField(
        label="When was the MARAC referral made?",
        error_messages={"required": "Enter the date and time the MARAC referral was made"},
    )
    note = forms.CharField(
        label="Note (professional judgement, if not flagged)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EncompassRecordForm(VersionedForm):
    told_name = forms.CharField(
        label="Who was told (name and role)",
        error_messages={"required": "Enter the name of the person who was told"},
    )
    method = forms.ChoiceField(
        label="How were they told?",
        choices=EncompassMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they were told"},
    )
    notified_at = GovukDateTimeField(
        label="When were they told?",
        error_messages={"required": "Enter the date and time they were told"},
    )
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SchoolNurseForm(forms.Form):
    organisation = forms.CharField(
        label="School nursing service",
        error_messages={"required": "Enter the school nursing service to tell"},
    )
