from __future__ import annotations

from django import forms

from frontdoor.administration.models import PartnerOrganisation
from frontdoor.core.concurrency import VersionedForm

from .models import Scope


def scopes_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="What may the token do?",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Give only what the partner's system needs.",
        error_messages={"required": "Select at least one thing the token may do"},
    )


class TokenCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Partner organisation",
        queryset=PartnerOrganisation.objects.filter(active=True),
        empty_label="Select the organisation",
        help_text="Add organisations in Administration first.",
        error_messages={
            "required": "Select the partner organisation the token is for",
            "invalid_choice": "Select a partner organisation from the list",
        },
    )
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="For example, 'Case management system'. Shown to you, not to the partner.",
        error_messages={"required": "Enter what the token is for"},
    )
    scopes = scopes_field()


class TokenScopesForm(VersionedForm):
    scopes = scopes_field()
