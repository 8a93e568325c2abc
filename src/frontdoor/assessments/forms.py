"""Forms for assessments, Signs of Safety mapping and group supervision. Repeating rows (people to
see, danger statements …) are formsets with a few blank rows, so the pages work without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.child_protection.forms import (
    SCALE,
    TEXTAREA,
    YES_NO,
    RowForm,
    date_field,
)
from frontdoor.core.codes import Agency, AssessmentFactor
from frontdoor.core.concurrency import VersionedForm

from .models import AssessmentOutcome, DirectWorkTool, ScaleRole, SeeRelationship


class GuidanceForm(forms.Form):
    focus = forms.CharField(
        label="Focus of the assessment",
        widget=TEXTAREA,
        error_messages={"required": "Enter the focus of the assessment"},
    )
    lines_of_enquiry = forms.CharField(
        label="Key lines of enquiry",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the key lines of enquiry"},
    )
    due_date = date_field(
        "Due date", hint="At most 45 working days from the referral date. You may set it shorter."
    )
    absent_parent = forms.ChoiceField(
        label="Is there a parent who does not live with the child?",
        widget=forms.RadioSelect,
        choices=[
            ("named", "Yes: they are named below (leave 'Lives with the child' unticked)"),
            ("none", "No: every parent lives with the child"),
            ("unknown", "Not known yet"),
        ],
        error_messages={"required": "Select whether a parent does not live with the child"},
    )
    absent_parent_note = forms.CharField(
        label="What is known, and how the worker should find out (if not known)",
        required=False,
        widget=TEXTAREA,
    )


class GuidanceEditForm(VersionedForm):
    """Changing the guidance while the assessment is open (the people to see stay as given)."""

    focus = GuidanceForm.base_fields["focus"]
    lines_of_enquiry = GuidanceForm.base_fields["lines_of_enquiry"]
    due_date = GuidanceForm.base_fields["due_date"]


class PersonToSeeRow(RowForm):
    person = forms.ChoiceField(
        label="Their record (if known)",
        required=False,
        help_text="Choose them if they are in the people index; a name typed below is used as given.",
    )
    name = forms.CharField(label="Name", required=False)
    relationship = forms.ChoiceField(
        label="Relationship to the child",
        required=False,
        choices=[("", "Select the relationship")] + SeeRelationship.choices,
    )
    lives_with_child = forms.BooleanField(label="Lives with the child", required=False)

    def __init__(self, *args: Any, relatives: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Not in the people index")] + relatives

    def row(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not (data.get("name") or data.get("relationship") or data.get("person")):
            return None
        return dict(data)


class AssessmentStartForm(forms.Form):
    start_date = date_field("Start date of the assessment")


class ChildSeenForm(forms.Form):
    seen_on = date_field("Date the child was seen")
    seen_alone = forms.BooleanField(label="The child was seen alone", required=False)
    notes = forms.CharField(label="Notes of the visit", required=False, widget=TEXTAREA)


class ChildVoiceForm(VersionedForm):
    direct_work = forms.MultipleChoiceField(
        label="Direct work tools used",
        choices=DirectWorkTool.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    direct_work_other = forms.CharField(label="Other tool (if other)", required=False)
    child_voice = forms.CharField(
        label="The child's voice: what they said, showed or drew",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the child's own voice"},
    )


class EngagementForm(VersionedForm):
    engaged = forms.ChoiceField(
        label="Did they engage in the assessment?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they engaged"},
    )
    not_engaged_reason = forms.CharField(label="If not, why not", required=False, widget=TEXTAREA)
    attempts = forms.CharField(
        label="What was tried to engage them", required=False, widget=TEXTAREA
    )


class ConcludeForm(VersionedForm):
    analysis = forms.CharField(
        label="Analysis",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the analysis"},
    )
    factors = forms.MultipleChoiceField(
        label="Factors identified at assessment",
        choices=AssessmentFactor.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="'No factors identified' must be selected on its own.",
        error_messages={"required": "Select the factors identified, or 'No factors identified'"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=AssessmentOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the assessment"},
    )


class SignOffForm(VersionedForm):
    signoff_date = date_field(
        "Sign-off date", hint="This is the completion date of the assessment."
    )
    late_reason = forms.CharField(
        label="Reason for signing off after the due date (if late)", required=False, widget=TEXTAREA
    )


class MappingForm(forms.Form):
    held_on = date_field("Date of the mapping")
    harm = forms.CharField(
        label="Harm: what has happened to the child",
        widget=TEXTAREA,
        error_messages={"required": "Enter the harm: what has actually happened"},
    )
    complicating_factors = forms.CharField(
        label="Complicating factors", required=False, widget=TEXTAREA
    )
    strengths = forms.CharField(label="Existing strengths", required=False, widget=TEXTAREA)
    existing_safety = forms.CharField(label="Existing safety", required=False, widget=TEXTAREA)
    grey_areas = forms.CharField(label="Grey areas and unknowns", required=False, widget=TEXTAREA)


class MappingEditForm(VersionedForm):
    """Correcting a mapping's narrative (its rows of dangers, steps, scales and bottom lines stay)."""

    harm = MappingForm.base_fields["harm"]
    complicating_factors = MappingForm.base_fields["complicating_factors"]
    strengths = MappingForm.base_fields["strengths"]
    existing_safety = MappingForm.base_fields["existing_safety"]
    grey_areas = MappingForm.base_fields["grey_areas"]


class DangerRow(RowForm):
    danger = forms.CharField(label="Danger statement", required=False, widget=TEXTAREA)
    safety_goal = forms.CharField(label="Safety goal", required=False, widget=TEXTAREA)


class NextStepRow(RowForm):
    who = forms.CharField(label="Who", required=False)
    what = forms.CharField(label="What", required=False)
    by_when = date_field("By when", required=False)


class ScoreRow(RowForm):
    name = forms.CharField(label="Name", required=False)
    role = forms.ChoiceField(
        label="Role", required=False, choices=[("", "Select the role")] + ScaleRole.choices
    )
    score = forms.TypedChoiceField(
        label="Scale (0 to 10)", required=False, choices=SCALE, coerce=int, empty_value=None
    )


class BottomLineRow(RowForm):
    trigger = forms.CharField(
        label="If this happens (the specific trigger)", required=False, widget=TEXTAREA
    )
    agency_action = forms.CharField(
        label="Children's services will", required=False, widget=TEXTAREA
    )
    who_acts = forms.CharField(label="Who will act", required=False)
    how_quickly = forms.CharField(label="How quickly", required=False)
    family_must = forms.CharField(label="What the family must do", required=False, widget=TEXTAREA)


class SupervisionForm(forms.Form):
    held_on = date_field("Date of the meeting")
    chair = forms.CharField(
        label="Chair (facilitator)", error_messages={"required": "Enter who chaired"}
    )
    presenter = forms.CharField(
        label="Presenter", error_messages={"required": "Enter who presented"}
    )
    mapping = forms.ChoiceField(label="The mapping discussed", required=False)
    decision = forms.CharField(
        label="Decision and course of action agreed",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the decision and course of action"},
    )
    accountable_manager = forms.ChoiceField(
        label="Accountable manager who agreed it",
        error_messages={"required": "Select the accountable manager"},
    )

    def __init__(
        self,
        *args: Any,
        mappings: list[tuple[str, str]],
        managers: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mapping"].choices = [("", "No mapping")] + mappings
        self.fields["accountable_manager"].choices = [("", "Select the manager")] + managers


class SupervisionDecisionForm(VersionedForm):
    decision = SupervisionForm.base_fields["decision"]


class SupervisionParticipantRow(RowForm):
    name = forms.CharField(label="Name", required=False)
    agency = forms.ChoiceField(
        label="Agency", choices=[("", "Select the agency")] + Agency.choices, required=False
    )
    role = forms.CharField(label="Role", required=False)
    contribution = forms.CharField(label="Contribution", required=False, widget=TEXTAREA)
    scale = forms.TypedChoiceField(
        label="Risk scale (0 to 10)", required=False, choices=SCALE, coerce=int, empty_value=None
    )
