from __future__ import annotations

from django import forms

from .models import Kind


class PreferencesForm(forms.Form):
    email = forms.MultipleChoiceField(
        label="Also send me an email for",
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Every notification is always shown here in Front Door. The email says what "
        "kind of thing happened and links to it; it never names the child.",
    )
