"""Forms for pre-proceedings: every message says how to put the answer right."""

from __future__ import annotations

from django import forms

from frontdoor.child_protection.forms import TEXTAREA, YES_NO, date_field
from frontdoor.core.concurrency import VersionedForm

from .models import MeetingKind, StepDecision


def yes_no(label: str, message: str, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=hint,
        error_messages={"required": message},
    )


class StartForm(forms.Form):
    pp_start_date = date_field(
        "Date of the legal planning meeting",
        hint="The meeting (or other decision-making forum) that decided to start pre-proceedings",
    )
    legal_planning_notes = forms.CharField(
        label="What the meeting decided and why",
        widget=TEXTAREA,
        max_length=5000,
        error_messages={
            "required": "Enter what the legal planning meeting decided and why",
            "max_length": "What the meeting decided must be 5,000 characters or fewer",
        },
    )


class LetterForm(VersionedForm):
    lbp_sent_date = date_field("Date the letter before proceedings was sent")
    fgdm_meeting_offer = yes_no(
        "Did the letter offer a family group decision-making (FGDM) meeting?",
        "Select whether the letter offered an FGDM meeting",
        hint="The Children's Wellbeing and Schools Act 2026 requires the offer in the letter",
    )


class FgdmForm(VersionedForm):
    fgdm_meeting_fac = yes_no(
        "Was an FGDM meeting held after the offer?",
        "Select whether an FGDM meeting was held",
    )
    fgdm_meeting_date = date_field("Date of the FGDM meeting", required=False)
    fgdm_not_held_reason = forms.CharField(
        label="If not, why not",
        required=False,
        widget=TEXTAREA,
        max_length=2000,
        help_text="For example: the family declined, or a meeting was not in the child's interests",
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
    )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which meeting",
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which meeting it was"},
    )
    held_date = date_field("Date of the meeting")
    parents_attended = yes_no("Did the parents attend?", "Select whether the parents attended")
    notes = forms.CharField(
        label="Notes",
        required=False,
        widget=TEXTAREA,
        max_length=5000,
        error_messages={"max_length": "Notes must be 5,000 characters or fewer"},
    )


class DecisionForm(VersionedForm):
    step_decision = forms.ChoiceField(
        label="Decision",
        choices=StepDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
    )
    step_decision_date = date_field("Date of the decision")


class CourtForm(VersionedForm):
    court_app_date = date_field("Date the court application was made")
    letter_init_cp_date = date_field(
        "Date the letter to initiate proceedings was sent to the parents", required=False
    )
