from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.accounts.models import User
from frontdoor.core.codes import ReasonForClosure
from frontdoor.core.concurrency import VersionedForm
from frontdoor.core.fields import GovukDateField

from .models import LeadKind


class WorkerChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name}, {obj.team}" if obj.team_id else obj.display_name


class AllocateForm(VersionedForm):
    worker = WorkerChoice(
        label="Allocate to",
        queryset=User.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the worker to allocate to",
            "invalid_choice": "Choose one of the workers listed",
        },
    )
    reason = forms.CharField(
        label="Reason for reallocating",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the work moves from one worker to another.",
        error_messages={"max_length": "Keep the reason to 1,000 characters or fewer"},
    )

    def __init__(self, *args: Any, workers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["worker"]
        assert isinstance(field, WorkerChoice)
        field.queryset = User.objects.filter(pk__in=[w.pk for w in workers]).select_related("team")


class LeadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Role",
        choices=LeadKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which lead practitioner you are recording"},
    )
    user = WorkerChoice(
        label="Worker",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not a Front Door user",
        help_text="The lead child protection practitioner must be a qualified social worker.",
        error_messages={"invalid_choice": "Choose one of the workers listed"},
    )
    name = forms.CharField(
        label="Or their name (partner agency)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Keep the name to 200 characters or fewer"},
    )
    agency = forms.CharField(
        label="Their agency",
        required=False,
        max_length=200,
        help_text="For example, Demoton Primary School",
        error_messages={"max_length": "Keep the agency to 200 characters or fewer"},
    )
    start_date = GovukDateField(
        label="Start date",
        help_text="For example, 26 11 2026",
        error_messages={"required": "Enter the date the lead practitioner started"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, WorkerChoice)
        field.queryset = (
            User.objects.filter(is_active=True)
            .exclude(role__in=["partner", "analyst", "admin"])
            .select_related("team")
            .order_by("last_name", "first_name")
        )


class EndLeadForm(VersionedForm):
    end_date = GovukDateField(
        label="End date",
        help_text="For example, 26 11 2026",
        error_messages={"required": "Enter the date the role ended"},
    )


class CloseForm(VersionedForm):
    """Closing a referral: CINclosureDate and ReasonForClosure go together."""

    closure_date = GovukDateField(
        label="Closure date",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the closure date"},
    )
    reason = forms.ChoiceField(
        label="Reason for closure",
        choices=ReasonForClosure.choices,
        widget=forms.RadioSelect,
        help_text="RC8 and RC9 mean the case closed after an assessment: they need one signed off.",
        error_messages={"required": "Select the reason for closure"},
    )
