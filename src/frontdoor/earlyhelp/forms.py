from __future__ import annotations

from django import forms

from frontdoor.core.concurrency import VersionedForm
from frontdoor.core.fields import GovukDateField
from frontdoor.intake.models import ConcernCategory, ParentsAware

from .models import EndReason


class AcceptForm(VersionedForm):
    lead_professional = forms.CharField(
        label="Lead professional",
        max_length=200,
        required=False,
        help_text="The person who will coordinate early help with the family.",
    )
    organisation = forms.CharField(
        label="Lead professional's organisation",
        max_length=200,
        required=False,
        help_text="For example, Oakfield Primary School",
    )
    start_date = GovukDateField(
        label="Date early help starts",
        required=False,
        help_text="For example, 26 11 2026. Leave empty for today.",
    )


class DeclineForm(VersionedForm):
    reason = forms.CharField(
        label="Reason for declining",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="This goes back on the child's record.",
    )


class AssessmentForm(VersionedForm):
    start_date = GovukDateField(
        label="Date the early help assessment started",
        required=False,
        help_text="For example, 26 11 2026",
    )
    completion_date = GovukDateField(
        label="Date the early help assessment was completed",
        required=False,
        help_text="Leave empty if the assessment is not finished.",
    )
    organisation = forms.CharField(
        label="Organisation completing the assessment",
        max_length=200,
        required=False,
        help_text="Leave empty if it is the lead professional's.",
    )


class EndForm(VersionedForm):
    end_date = GovukDateField(
        label="Date the episode ended", required=False, help_text="For example, 26 11 2026"
    )
    reason = forms.ChoiceField(
        label="Why did the episode end?",
        widget=forms.RadioSelect,
        required=False,
        choices=[
            (EndReason.OUTCOMES_MET, EndReason.OUTCOMES_MET.label),
            (EndReason.NO_FURTHER_ACTION, EndReason.NO_FURTHER_ACTION.label),
        ],
    )


class StepUpForm(VersionedForm):
    reason = forms.CharField(
        label="Why does the child need to step up to social care?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    concerns = forms.CharField(
        label="The current concerns",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="The early help history is attached to the contact for you.",
    )
    categories = forms.MultipleChoiceField(
        label="Categories of concern",
        choices=ConcernCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    parents_aware = forms.ChoiceField(
        label="Do the parents know about the step-up?",
        choices=ParentsAware.choices,
        widget=forms.RadioSelect,
        required=False,
    )
