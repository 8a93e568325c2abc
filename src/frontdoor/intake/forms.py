from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.core.codes import ReferralSource
from frontdoor.core.fields import GovukDateField, GovukDateTimeField
from frontdoor.core.phone import PhoneField
from frontdoor.core.validators import check_child_date_of_birth, normalise_postcode

from .models import Channel, ConcernCategory, ParentsAware


def categories_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Categories of concern",
        choices=ConcernCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one category of concern"},
    )


def parents_aware_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=ParentsAware.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the parents know about the contact"},
    )


class ContactForm(forms.Form):
    children = forms.MultipleChoiceField(
        label="Which children is the contact about?",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select every child the concern is about. Siblings in the household are listed too.",
    )
    received_at = GovukDateTimeField(
        label="When was the contact received?",
        help_text="For example, 26 11 2026 and 14:05. The decision clock starts from this time.",
        error_messages={"required": "Enter the date and time the contact was received"},
    )
    channel = forms.ChoiceField(
        label="How did it arrive?",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the contact arrived"},
    )
    source = forms.ChoiceField(
        label="Source",
        choices=[("", "Select the source")] + ReferralSource.choices,
        error_messages={"required": "Select the source of the contact"},
    )
    anonymous = forms.BooleanField(label="The referrer wants to stay anonymous", required=False)
    source_organisation = forms.CharField(
        label="Organisation (optional for individuals)", required=False
    )
    referrer_name = forms.CharField(label="Referrer's name", required=False)
    referrer_role = forms.CharField(
        label="Referrer's role or relationship to the child", required=False
    )
    referrer_phone = PhoneField(label="Referrer's phone number", required=False)
    referrer_email = forms.EmailField(
        label="Referrer's email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.org"
        },
    )
    concerns = forms.CharField(
        label="The concerns, in the referrer's words",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the concerns in the referrer's words"},
    )
    categories = categories_field()
    parents_aware = parents_aware_field("Do the parents know about the contact?")

    def __init__(self, *args: Any, child_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].choices = child_choices

    def clean_children(self) -> list[str]:
        value = self.cleaned_data["children"]
        if not value:
            raise forms.ValidationError("Select at least one child the contact is about")
        return value


class PartnerConcernForm(forms.Form):
    first_name = forms.CharField(
        label="Child's first name", error_messages={"required": "Enter the child's first name"}
    )
    last_name = forms.CharField(
        label="Child's last name", error_messages={"required": "Enter the child's last name"}
    )
    date_of_birth = GovukDateField(
        label="Child's date of birth",
        help_text="For example, 27 3 2015",
        error_messages={"required": "Enter the child's date of birth"},
        validators=[check_child_date_of_birth],
    )
    address_line1 = forms.CharField(label="Address line 1 (optional)", required=False)
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    school = forms.CharField(label="School or setting (optional)", required=False)
    concerns = forms.CharField(
        label="What are you worried about?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you saw or were told, when, and what the child said, in their words if you can.",
        error_messages={"required": "Enter what you are worried about"},
    )
    categories = categories_field()
    parents_aware = parents_aware_field("Do the parents know you are contacting us?")

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        return normalise_postcode(value) if value else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("address_line1") and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", "Enter the postcode of the address")
        return data
