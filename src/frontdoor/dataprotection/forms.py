from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.core.concurrency import VersionedForm
from frontdoor.core.fields import GovukDateField


class FindPersonForm(forms.Form):
    q = forms.CharField(
        label="Find a person by name",
        max_length=100,
        required=False,
        help_text="For example, Stewart or Leo Stewart",
    )


class HoldForm(forms.Form):
    reason = forms.CharField(
        label="Why must the records be kept?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the claim, inquiry or investigation and its reference.",
    )


class ReleaseForm(VersionedForm):
    reason = forms.CharField(
        label="Why is the legal hold no longer needed?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the claim was settled on 3 March 2026.",
    )


class SubjectAccessForm(forms.Form):
    requester = forms.CharField(
        label="Who made the request?",
        max_length=200,
        required=False,
        help_text="For example, 'The young person' or 'Their mother, with parental responsibility'",
    )
    received_on = GovukDateField(
        label="Date the request was received",
        required=False,
        help_text="For example, 3 3 2026. The reply is due within one calendar month.",
    )
    release = forms.MultipleChoiceField(
        label="Third parties to release without redaction",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave every box empty to redact everyone else (the default). Release a third "
        "party only when they consented or it is reasonable without consent.",
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["release"].choices = choices
