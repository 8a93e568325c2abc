from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.core.concurrency import VersionedForm

from .models import LetterKind, Method
from .services import letter_problems


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label="Letter", choices=LetterKind.choices, widget=forms.HiddenInput)
    recipient_name = forms.CharField(label="To (name)", required=False)
    method = forms.ChoiceField(
        label="How will it be sent?",
        choices=Method.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    recipient_email = forms.CharField(
        label="Email address",
        required=False,
        help_text="Needed when it is sent by email",
    )
    recipient_address = forms.CharField(
        label="Postal address",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when it is printed; one line each",
    )
    subject = forms.CharField(label="Subject", required=False)
    body = forms.CharField(
        label="Text of the letter", required=False, widget=forms.Textarea(attrs={"rows": 18})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        problems = letter_problems(
            kind=cleaned.get("kind") or "",
            method=cleaned.get("method") or "",
            recipient_name=cleaned.get("recipient_name") or "",
            recipient_email=cleaned.get("recipient_email") or "",
            recipient_address=cleaned.get("recipient_address") or "",
            subject=cleaned.get("subject") or "",
            body=cleaned.get("body") or "",
        )
        for field, message in problems.items():
            self.add_error(field if field in self.fields else None, message)
        return cleaned


class TemplateForm(VersionedForm):
    subject = forms.CharField(label="Subject", required=False)
    body = forms.CharField(label="Text", required=False, widget=forms.Textarea(attrs={"rows": 20}))
