from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from frontdoor.accounts.models import User
from frontdoor.core.codes import Disability, Ethnicity, Sex
from frontdoor.core.concurrency import VersionedForm
from frontdoor.core.fields import GovukDateField
from frontdoor.core.validators import (
    check_child_date_of_birth,
    check_expected_date_of_birth,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
)

from .models import PersonKind


def check_birth_dates(form: forms.Form, data: dict[str, Any]) -> None:
    """A child's date of birth and an unborn child's expected date checked with the field errors,
    so all of a form's problems are shown at once (the service checks the same rules again)."""
    checks = {
        PersonKind.CHILD: ("date_of_birth", check_child_date_of_birth),
        PersonKind.UNBORN: ("expected_date_of_birth", check_expected_date_of_birth),
    }
    field, check = checks.get(data.get("kind"), (None, None))  # type: ignore[arg-type]
    if field and check and data.get(field) and field not in form.errors:
        try:
            check(data[field])
        except ValidationError as error:
            form.add_error(field, error)


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Name, NHS number or UPN",
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        help_text="For example, John Smith, 943 476 5919 or A123456789012",
    )
    dob = GovukDateField(label="Date of birth", required=False, help_text="For example, 27 3 2015")
    dob_from = GovukDateField(label="Born on or after", required=False)
    dob_to = GovukDateField(label="Born on or before", required=False)
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        return normalise_postcode(value) if value else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            not any(data.get(k) for k in ("q", "dob", "dob_from", "dob_to", "postcode"))
            and not self.errors
        ):
            raise ValidationError(
                "Enter a name, NHS number, UPN, date of birth or postcode to search"
            )
        if data.get("dob_from") and data.get("dob_to") and data["dob_from"] > data["dob_to"]:
            self.add_error(
                "dob_to", "Born on or before must be the same as or after born on or after"
            )
        return data


class PersonForm(forms.Form):
    kind = forms.ChoiceField(
        label="Who is this?",
        choices=PersonKind.choices,
        widget=forms.RadioSelect,
        initial=PersonKind.CHILD,
    )
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter the person's first name"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter the person's last name"},
    )
    other_names = forms.CharField(
        label="Other or previous names (optional)",
        required=False,
        help_text="One per line, first name then last name",
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, help_text="For example, 27 3 2015"
    )
    expected_date_of_birth = GovukDateField(
        label="Expected date of delivery (unborn child only)", required=False
    )
    sex = forms.ChoiceField(
        label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN
    )
    gender_identity = forms.CharField(label="Gender identity (optional)", required=False)
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=Ethnicity.choices, initial=Ethnicity.NOBT
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        required=False,
        help_text="10 digits, like 943 476 5919",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN) (optional)",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    disabilities = forms.MultipleChoiceField(
        label="Disabilities (optional)",
        choices=Disability.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    first_language = forms.CharField(label="First language (optional)", required=False)
    school = forms.CharField(label="School or setting (optional)", required=False)
    line1 = forms.CharField(label="Address line 1 (optional)", required=False)
    town = forms.CharField(label="Town or city (optional)", required=False)
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    not_a_duplicate = forms.BooleanField(
        label="I have checked: none of the people listed is this person", required=False
    )

    other_names.widget = forms.Textarea(attrs={"rows": 2})

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data["nhs_number"]
        return normalise_nhs_number(value) if value else ""

    def clean_upn(self) -> str:
        value = self.cleaned_data["upn"]
        return normalise_upn(value) if value else ""

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"]
        return normalise_postcode(value) if value else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("line1") and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", "Enter the postcode of the address")
        if (
            data.get("kind") != PersonKind.UNBORN
            and not data.get("date_of_birth")
            and "date_of_birth" not in self.errors
        ):
            if data.get("kind") == PersonKind.CHILD:
                self.add_error("date_of_birth", "Enter the child's date of birth")
        check_birth_dates(self, data)
        return data

    def other_name_pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for line in (self.cleaned_data.get("other_names") or "").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                pairs.append((parts[0], " ".join(parts[1:])))
        return pairs


class WhoViewedForm(forms.Form):
    username = forms.CharField(label="Username (optional)", required=False)
    since = GovukDateField(label="From (optional)", required=False)
    until = GovukDateField(label="To (optional)", required=False)


class AccessGrantForm(forms.Form):
    username = forms.CharField(label="Username of the person to add to the access list")


class CorrectionForm(VersionedForm):
    """The person's details as they stand, to correct; the reason is required and kept."""

    kind = PersonForm.base_fields["kind"]
    first_name = PersonForm.base_fields["first_name"]
    middle_names = forms.CharField(label="Middle names (optional)", max_length=200, required=False)
    last_name = PersonForm.base_fields["last_name"]
    date_of_birth = PersonForm.base_fields["date_of_birth"]
    expected_date_of_birth = PersonForm.base_fields["expected_date_of_birth"]
    date_of_death = GovukDateField(label="Date of death (if they have died)", required=False)
    sex = PersonForm.base_fields["sex"]
    gender_identity = PersonForm.base_fields["gender_identity"]
    ethnicity = PersonForm.base_fields["ethnicity"]
    nhs_number = PersonForm.base_fields["nhs_number"]
    upn = PersonForm.base_fields["upn"]
    disabilities = PersonForm.base_fields["disabilities"]
    first_language = PersonForm.base_fields["first_language"]
    school = PersonForm.base_fields["school"]
    educated_at_home = forms.BooleanField(label="Educated at home", required=False)
    reason = forms.CharField(
        label="Why are you correcting these details?",
        help_text="For example, the date of birth was typed wrongly; the birth certificate shows "
        "4 May 2016. This is kept with the correction and shown on the record",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why these details are being corrected"},
    )

    clean_nhs_number = PersonForm.clean_nhs_number
    clean_upn = PersonForm.clean_upn

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("kind") == PersonKind.CHILD
            and not data.get("date_of_birth")
            and "date_of_birth" not in self.errors
        ):
            self.add_error("date_of_birth", "Enter the child's date of birth")
        check_birth_dates(self, data)
        return data

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("reason", "version")}


class SealForm(VersionedForm):
    reason = forms.CharField(
        label="Why is this record being sealed?",
        help_text="For example, the child of a member of staff. This is kept with the seal and "
        "read at each yearly review",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why this record is being sealed"},
    )
    access = forms.ModelMultipleChoiceField(
        label="Who else may open this record?",
        help_text="You are added to the access list yourself. Choose everyone else who needs to "
        "work with this record; you can change the list later",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["access"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = candidates
        field.label_from_instance = lambda u: (  # type: ignore[method-assign]
            f"{u.display_name} ({u.get_role_display()}{', ' + u.team.name if u.team else ''})"
        )


class UnsealForm(VersionedForm):
    reason = forms.CharField(
        label="Why does this record no longer need to be sealed?",
        help_text="Unsealing lets everyone who works with children's records open it, and clears "
        "the access list",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why this record no longer needs to be sealed"},
    )


class SealReviewForm(VersionedForm):
    note = forms.CharField(
        label="Note (optional)",
        help_text="For example, the staff member still works in the MASH",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class AddressChangeForm(VersionedForm):
    """A move (new address from a date, the old one ended) or a mistyped address corrected (with
    a reason). Fields are checked together by the service, so every problem shows at once."""

    change = forms.ChoiceField(
        label="What has changed?",
        choices=[],
        widget=forms.RadioSelect,
        required=False,
    )
    line1 = forms.CharField(label="Address line 1", max_length=200, required=False)
    line2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    town = forms.CharField(label="Town or city (optional)", max_length=100, required=False)
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        help_text="Leave empty if it is not known",
    )
    country = forms.CharField(
        label="Country (if not in the United Kingdom)", max_length=60, required=False
    )
    moved_on = GovukDateField(
        label="Date they moved",
        required=False,
        help_text="If they moved. For example, 27 11 2026",
    )
    reason = forms.CharField(
        label="Why is the address changing?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when correcting a mistyped address, for example: the house number was "
        "typed as 21, the tenancy agreement shows 12. Kept and shown on the record",
        error_messages={"max_length": "Keep the reason to 1,000 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .services import AddressChange

        super().__init__(*args, **kwargs)
        field = self.fields["change"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = AddressChange.CHOICES
