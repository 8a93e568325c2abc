"""Forms for the designated officer's pages (rendered with `{% govuk_field %}`)."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.core.concurrency import VersionedForm
from frontdoor.core.fields import GovukDateField, GovukDateTimeField

from .models import (
    OUTCOME_DEFINITIONS,
    DbsReferral,
    EmployerAction,
    HarmLimb,
    MeetingKind,
    Outcome,
    ReferrerType,
    Sector,
    StayInRole,
)

YES_NO = [("yes", "Yes"), ("no", "No")]
YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known")]


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class SubjectFieldsMixin(forms.Form):
    """The person the allegation is about (skipped when an existing person was chosen)."""

    first_name = forms.CharField(label="First name", required=False)
    last_name = forms.CharField(label="Last name", required=False)
    date_of_birth = GovukDateField(
        label="Date of birth (if known)", required=False, help_text="For example, 27 3 1985"
    )
    job_role = forms.CharField(
        label="Their role",
        required=False,
        help_text="For example, teaching assistant or football coach",
    )
    employer = forms.CharField(label="Employer or organisation", required=False)
    sector = forms.ChoiceField(
        label="Sector",
        choices=[("", "Select the sector")] + Sector.choices,
        error_messages=_required("Select the sector"),
    )


class ConsultationForm(SubjectFieldsMixin):
    received_at = GovukDateTimeField(
        label="When did the consultation reach the designated officer?",
        help_text="For example, 26 11 2026 and 14:05",
        error_messages=_required("Enter the date and time of the consultation"),
    )
    referrer_type = forms.ChoiceField(
        label="Who asked for advice?",
        choices=ReferrerType.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select who asked for advice"),
    )
    referrer_name = forms.CharField(label="Their name", required=False)
    referrer_organisation = forms.CharField(label="Their organisation", required=False)
    summary = forms.CharField(
        label="What was the concern?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("Enter what the consultation was about"),
    )
    advice_given = forms.CharField(
        label="Advice given",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("Enter the advice given"),
    )

    field_order = [
        "received_at",
        "referrer_type",
        "referrer_name",
        "referrer_organisation",
        "first_name",
        "last_name",
        "job_role",
        "employer",
        "sector",
        "summary",
        "advice_given",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].label = "First name of the adult (optional)"
        self.fields["last_name"].label = "Last name of the adult (optional)"
        self.fields["sector"].label = "Sector of the setting"
        del self.fields["date_of_birth"]


class ReferralForm(SubjectFieldsMixin):
    received_at = GovukDateTimeField(
        label="When did the referral reach the designated officer?",
        help_text="For example, 26 11 2026 and 14:05. The one working day clock for the initial "
        "consideration starts from this time.",
        error_messages=_required(
            "Enter the date and time the referral reached the designated officer"
        ),
    )
    employer_learned_on = GovukDateField(
        label="When did the employer learn of the allegation?",
        help_text="It must reach the designated officer within one working day of this date.",
        error_messages=_required("Enter the date the employer learned of the allegation"),
    )
    referrer_type = forms.ChoiceField(
        label="Who referred?",
        choices=ReferrerType.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select who referred"),
    )
    referrer_name = forms.CharField(label="Referrer's name", required=False)
    referrer_organisation = forms.CharField(label="Referrer's organisation", required=False)
    regulated_activity = forms.ChoiceField(
        label="Is the person in regulated activity?",
        choices=YES_NO_UNKNOWN,
        widget=forms.RadioSelect,
        required=False,
    )
    harm_limbs = forms.MultipleChoiceField(
        label="Which parts of the harm test apply?",
        choices=HarmLimb.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="The person has … Select all that apply. If none applies, record a consultation.",
        error_messages=_required("Select at least one part of the harm test that applies"),
    )
    summary = forms.CharField(
        label="What is the allegation?",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=_required("Enter what the allegation is"),
    )

    def __init__(self, *args: Any, subject_chosen: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subject_chosen = subject_chosen
        if subject_chosen:
            for name in (
                "first_name",
                "last_name",
                "date_of_birth",
                "job_role",
                "employer",
                "sector",
                "regulated_activity",
            ):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.subject_chosen:
            if not (data.get("first_name") or "").strip():
                self.add_error(
                    "first_name", "Enter the first name of the person the allegation is about"
                )
            if not (data.get("last_name") or "").strip():
                self.add_error(
                    "last_name", "Enter the last name of the person the allegation is about"
                )
        return data


class SubjectSearchForm(forms.Form):
    q = forms.CharField(label="Name", required=False)
    dob = GovukDateField(label="Date of birth", required=False, help_text="For example, 27 3 1985")


class ChildSearchForm(forms.Form):
    q = forms.CharField(
        label="Child's name, NHS number or UPN",
        error_messages=_required("Enter a name, NHS number or UPN to search"),
    )


class InitialConsiderationForm(forms.Form):
    nature_and_context = forms.CharField(
        label="Nature and context of the allegation",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=_required("Enter the nature and context of the allegation"),
    )
    history = forms.CharField(
        label="History",
        help_text="Earlier allegations or concerns about the person, or say none are known",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_required("Enter any history, or say there is none known"),
    )
    police_needed = forms.ChoiceField(
        label="Do the police need to be involved?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Select whether the police need to be involved"),
    )
    s47_needed = forms.ChoiceField(
        label="Is a section 47 enquiry needed?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Select whether a section 47 enquiry is needed"),
    )
    stay_in_role = forms.ChoiceField(
        label="Can the person stay in their role?",
        choices=StayInRole.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select whether the person can stay in their role"),
    )
    alternatives_considered = forms.CharField(
        label="Alternatives to suspension considered",
        required=False,
        help_text="Required if the person is suspended or works under alternative arrangements",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hold_meeting = forms.ChoiceField(
        label="Will an allegation management meeting be held?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages=_required("Select whether a meeting will be held"),
    )
    rationale = forms.CharField(
        label="Rationale for the decision",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("Enter the rationale for the decision about a meeting"),
    )


class MeetingStartForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which meeting?",
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select which meeting"),
    )


class MeetingForm(VersionedForm):
    held_on = GovukDateField(
        label="Date of the meeting", required=False, help_text="For example, 3 12 2026"
    )
    attendees = forms.CharField(
        label="Who attended, and their agency",
        required=False,
        help_text="One per line, for example: Sam Lee, police",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    key_issues = forms.CharField(
        label="Key issues", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    support_provider = forms.CharField(
        label="Who provides support to the person the allegation is about", required=False
    )
    support_description = forms.CharField(
        label="What support", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    no_support_reason = forms.CharField(
        label="Or, why no support is needed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    feedback_due_on = GovukDateField(
        label="When is feedback to the designated officer due?",
        required=False,
        help_text="For example, 17 12 2026",
    )


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label="Decision", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rationale = forms.CharField(
        label="Rationale", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionForm(forms.Form):
    description = forms.CharField(
        label="Action", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = forms.CharField(label="Owner", required=False, help_text="Name and agency")
    due_on = GovukDateField(label="Due date", required=False)


DecisionFormSet = forms.formset_factory(DecisionForm, extra=0)
ActionFormSet = forms.formset_factory(ActionForm, extra=0)


class FeedbackForm(forms.Form):
    received_on = GovukDateField(
        label="When did the feedback arrive?",
        error_messages=_required("Enter the date the feedback arrived"),
    )


class OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the outcome"),
    )
    concluded_on = GovukDateField(
        label="Date concluded", error_messages=_required("Enter the date the case was concluded")
    )
    employer_action = forms.ChoiceField(
        label="What action did the employer take?",
        choices=EmployerAction.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select the action the employer took"),
    )
    employer_action_detail = forms.CharField(
        label="Details of the employer's action", required=False
    )
    dbs_referral = forms.ChoiceField(
        label="Referral to the Disclosure and Barring Service",
        choices=DbsReferral.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select whether the DBS was referred to"),
        help_text="The employer must refer when it removes a person from regulated activity "
        "because of harm; the council also has a power to refer.",
    )
    dbs_referred_on = GovukDateField(label="Date of the DBS referral", required=False)
    regulator = forms.CharField(
        label="Regulator told (if any)",
        required=False,
        help_text="For example, Ofsted, Teaching Regulation Agency, NMC, GMC, Social Work England",
    )
    regulator_referred_on = GovukDateField(label="Date the regulator was told", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choice_hints = OUTCOME_DEFINITIONS  # type: ignore[attr-defined]


class OutcomeReturnForm(VersionedForm):
    """Authorise or return a proposed outcome; a reason is needed only to return it."""

    reason = forms.CharField(
        label="Why are you returning this outcome?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)
