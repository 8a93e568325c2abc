"""The form for the child's consistent identifier (the NHS number, its status, or why missing)."""

from __future__ import annotations

from django import forms

from frontdoor.core.concurrency import VersionedForm

from .identifiers import NhsMissingReason, NhsStatus, NhsVerifiedHow


class IdentifierForm(VersionedForm):
    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        max_length=14,
        help_text="10 digits, for example 943 476 5919. Leave empty if it is not known",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"max_length": "NHS number must be 10 digits, like 943 476 5919"},
    )
    nhs_status = forms.ChoiceField(
        label="Status of the NHS number",
        choices=NhsStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the NHS number is verified, not verified or not known"
        },
    )
    nhs_verified_how = forms.ChoiceField(
        label="How was it verified? (if verified)",
        choices=NhsVerifiedHow.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    nhs_missing_reason = forms.ChoiceField(
        label="Why is the child's NHS number not known? (if not known)",
        choices=NhsMissingReason.choices,
        widget=forms.RadioSelect,
        required=False,
    )
