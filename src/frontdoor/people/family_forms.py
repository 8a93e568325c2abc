"""Forms for a child's family: a new family member, ending a relationship."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from frontdoor.core.concurrency import VersionedForm
from frontdoor.core.fields import GovukDateField

from .forms import PersonForm, check_birth_dates
from .models import RelationshipKind


class HouseholdStartForm(forms.Form):
    label = forms.CharField(
        label="Name for the household (optional)",
        help_text="For example, Harlow family. Left empty, it is named after the child's surname",
        max_length=200,
        required=False,
        error_messages={"max_length": "The household's name must be 200 characters or fewer"},
    )


class FamilyMemberForm(forms.Form):
    relationship = forms.ChoiceField(
        label="What are they to the child?",
        choices=RelationshipKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they are related to the child"},
    )
    parental_responsibility = forms.BooleanField(
        label="Has parental responsibility", required=False
    )
    kind = PersonForm.base_fields["kind"]
    first_name = PersonForm.base_fields["first_name"]
    last_name = PersonForm.base_fields["last_name"]
    date_of_birth = PersonForm.base_fields["date_of_birth"]
    expected_date_of_birth = PersonForm.base_fields["expected_date_of_birth"]
    sex = PersonForm.base_fields["sex"]
    start_date = GovukDateField(
        label="Living with or related to the child since (optional)",
        required=False,
        help_text="For example, 1 9 2026. Left empty, today",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("kind") == "child"
            and not data.get("date_of_birth")
            and "date_of_birth" not in self.errors
        ):
            self.add_error("date_of_birth", "Enter the child's date of birth")
        if data.get("parental_responsibility") and data.get("relationship") != "parent":
            self.add_error(
                "parental_responsibility", "Only a parent or carer has parental responsibility"
            )
        check_birth_dates(self, data)
        return data


class RelationshipEndForm(VersionedForm):
    end_date = GovukDateField(
        label="When did it end?",
        help_text="For example, 27 11 2026",
        error_messages={"required": "Enter the date the relationship ended"},
    )
    reason = forms.CharField(
        label="Why did it end?",
        help_text="For example, father moved out; the placement ended",
        max_length=200,
        error_messages={
            "required": "Enter why the relationship ended",
            "max_length": "The reason must be 200 characters or fewer",
        },
    )

    def clean_end_date(self) -> date:
        value: date = self.cleaned_data["end_date"]
        if value > timezone.localdate():
            raise forms.ValidationError("The date it ended must be today or in the past")
        return value
