"""Administration forms. Messages say what is wrong and how to fix it, next to the field."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.accounts.models import Team
from frontdoor.accounts.roles import Role
from frontdoor.core.codes import Agency
from frontdoor.core.phone import PhoneField

from .models import PartnerOrganisation
from .services.users import AccountDetails


class VersionRequired(forms.Form):
    """A hidden version that must come back: a post without it is not from our page."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "Open the page again and make your change from there"},
    )


class UserFilterForm(forms.Form):
    text = forms.CharField(label="Name, username or email", required=False)
    role = forms.ChoiceField(
        label="Role", required=False, choices=[("", "Any role"), *Role.choices]
    )
    active = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Active and deactivated"), ("yes", "Active"), ("no", "Deactivated")],
    )


class AccountForm(forms.Form):
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={"required": "Enter the user's first name"},
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter the user's last name"}
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@council.gov.uk"},
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[("", "Choose a role"), *Role.choices],
        error_messages={"required": "Choose the user's role"},
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.all(), required=False, empty_label="No team"
    )
    job_title = forms.CharField(label="Job title", max_length=120, required=False)
    phone = PhoneField(label="Phone", required=False)
    organisation = forms.ModelChoiceField(
        label="Partner organisation",
        queryset=PartnerOrganisation.objects.filter(active=True),
        required=False,
        empty_label="None (council staff)",
        help_text="Partner agency users only: the organisation they submit concerns for",
    )
    restricted_records_manager = forms.BooleanField(
        label="Restricted-records manager",
        required=False,
        help_text="Holds contacts about sealed people whose access list is empty",
    )
    qualified_social_worker = forms.BooleanField(
        label="Qualified social worker",
        required=False,
        help_text="Registered with Social Work England: may be a child's lead child protection "
        "practitioner",
    )
    swe_registration = forms.CharField(
        label="Social Work England registration number",
        max_length=20,
        required=False,
        help_text="For example, SW123456",
        error_messages={"max_length": "Enter the registration number in 20 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("qualified_social_worker") and not (data.get("swe_registration") or "").strip():
            self.add_error(
                "swe_registration",
                "Enter the Social Work England registration number of a qualified social worker",
            )
        return data

    def details(self) -> AccountDetails:
        d = self.cleaned_data
        return AccountDetails(
            first_name=d["first_name"],
            last_name=d["last_name"],
            email=d["email"],
            role=d["role"],
            team=d["team"],
            job_title=d["job_title"],
            phone=d["phone"],
            organisation=d["organisation"],
            restricted_records_manager=d["restricted_records_manager"],
            qualified_social_worker=d["qualified_social_worker"],
            swe_registration=d["swe_registration"],
        )


class UserCreateForm(AccountForm):
    username = forms.CharField(
        label="Username",
        max_length=150,
        error_messages={"required": "Enter a username"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    password = forms.CharField(
        label="First password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a first password for the user"},
        help_text="At least 12 characters. Give it to the user in person, never by email",
    )

    field_order = ["username", "first_name", "last_name", "email", "role", "team"]


class UserEditForm(AccountForm, VersionRequired):
    @classmethod
    def initial_for(cls, user: Any, version: int) -> dict[str, Any]:
        membership = getattr(user, "partner_membership", None)
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "role": user.role,
            "team": user.team_id,
            "job_title": user.job_title,
            "phone": user.phone,
            "organisation": membership.organisation_id if membership else None,
            "restricted_records_manager": user.restricted_records_manager,
            "qualified_social_worker": user.qualified_social_worker,
            "swe_registration": user.swe_registration,
            "version": version,
        }


class TeamForm(forms.Form):
    name = forms.CharField(
        label="Team name", max_length=120, error_messages={"required": "Enter the team's name"}
    )
    kind = forms.CharField(
        label="Practice area",
        max_length=40,
        required=False,
        help_text="For example, mash or assessment: used to route work",
    )


class TeamEditForm(TeamForm, VersionRequired):
    pass


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label="Organisation name",
        max_length=200,
        error_messages={"required": "Enter the organisation's name"},
    )
    agency = forms.ChoiceField(
        label="Agency",
        choices=[("", "Choose an agency"), *Agency.choices],
        error_messages={"required": "Choose the agency the organisation belongs to"},
    )


class OrganisationEditForm(OrganisationForm, VersionRequired):
    active = forms.BooleanField(
        label="Active",
        required=False,
        help_text="New partner users can only be added to an active organisation",
    )


class BreakGlassForm(forms.Form):
    person = forms.IntegerField(
        label="Record number",
        min_value=1,
        help_text="The number in the address of the person's page, for example 1234 in /people/1234/",
        error_messages={
            "required": "Enter the record number of the person whose record you need",
            "invalid": "Enter the record number as digits, for example 1234",
            "min_value": "Enter the record number as digits, for example 1234",
        },
    )
    reason = forms.CharField(
        label="Reason for emergency access",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who asked, what the emergency is and why the usual route cannot wait",
        error_messages={"required": "Enter the reason for the emergency access"},
    )
