from __future__ import annotations

from django import forms

from frontdoor.core.codes import Agency
from frontdoor.core.concurrency import VersionedForm
from frontdoor.core.fields import GovukDateTimeField
from frontdoor.core.phone import PhoneField

from .models import EdtAction

YES_NO = [("yes", "Yes"), ("no", "No")]


class EdtRecordForm(forms.Form):
    received_at = GovukDateTimeField(
        label="When did the call come in?",
        error_messages={"required": "Enter the date and time of the call"},
    )
    caller_name = forms.CharField(
        label="Caller's name", error_messages={"required": "Enter the caller's name"}
    )
    caller_agency = forms.ChoiceField(
        label="Caller's agency",
        choices=[("", "Select the agency")] + Agency.choices,
        error_messages={"required": "Select the caller's agency"},
    )
    caller_phone = PhoneField(label="Caller's phone number", required=False)
    address = forms.CharField(label="Where the child is (address)", required=False)
    request = forms.CharField(
        label="What the caller asked for",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the caller asked for"},
    )
    can_wait = forms.ChoiceField(
        label="Could it safely wait until the next working day?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it could safely wait until the next working day"},
    )
    risk_judgement = forms.CharField(
        label="Risk judgement",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the risk judgement"},
    )
    actions = forms.MultipleChoiceField(
        label="Actions taken",
        choices=EdtAction.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the actions taken"},
    )
    actions_other = forms.CharField(label="Other action (if 'Other')", required=False)
    rationale = forms.CharField(
        label="Rationale for the decisions",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the rationale for the decisions taken"},
    )


class AcknowledgeForm(VersionedForm):
    create_contact = forms.ChoiceField(
        label="Does this need screening by the MASH as a contact?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the handover needs a contact"},
    )
    note = forms.CharField(
        label="Note (required if no contact is needed)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FindChildForm(forms.Form):
    q = forms.CharField(label="Child's name, NHS number or UPN", required=False)
