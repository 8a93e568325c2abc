"""Forms for screening. Rules live in the services; forms only shape the input. Every form that
changes a record carries its version (`VersionedForm`), filled from the record the page shows."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.core.codes import LevelOfNeed, PrimaryNeed
from frontdoor.core.concurrency import VersionedForm
from frontdoor.core.fields import GovukDateTimeField

from .conf import info_agencies, threshold_descriptors
from .models import (
    ConsentOutcome,
    DelayReason,
    DispensationReason,
    Outcome,
    Rag,
    UpdateKind,
    UpdateMethod,
)


class VersionOnlyForm(VersionedForm):
    """A button that changes a record (take, authorise consent): only the page's version."""


class RagForm(VersionedForm):
    rating = forms.ChoiceField(
        label="How urgent is this?",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select red, amber or green"},
    )
    rationale = forms.CharField(
        label="Rationale",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required when the rating changes: why it is changing.",
    )

    def __init__(
        self, *args: Any, hours: dict[str, float], clock: frozenset[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating"].choice_hints = {  # type: ignore[attr-defined]
            r: f"Partner checks within {hours[r]:g} {'hours, even out of office hours' if r in clock else 'working hours'}"
            for r in Rag.values
        }


class RequestForm(forms.Form):
    agencies = forms.MultipleChoiceField(
        label="Which agencies are you asking?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one agency to ask"},
    )
    question = forms.CharField(
        label="What are you asking?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what you are asking the agencies"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].choices = info_agencies()


class AnswerForm(VersionedForm):
    answered_by = forms.CharField(
        label="Who answered for the agency?",
        error_messages={"required": "Enter who answered for the agency"},
    )
    shared = forms.CharField(
        label="What did the agency share?",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what the agency shared (or that it holds nothing)"},
    )
    received_at = GovukDateTimeField(
        label="When was it received?",
        required=False,
        help_text="Leave blank for now. For example, 26 11 2026 and 14:05.",
    )


class ConsentForm(VersionedForm):
    sought = forms.TypedChoiceField(
        label="Was consent to share information sought from the parents?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        error_messages={"required": "Select whether consent was sought"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=ConsentOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of consent"},
    )
    reason = forms.ChoiceField(
        label="If proceeding without consent: the reason",
        required=False,
        choices=DispensationReason.choices,
        widget=forms.RadioSelect,
        help_text="A manager must then authorise sharing without consent.",
    )
    explanation = forms.CharField(
        label="Explanation (for another reason)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(VersionedForm):
    level_of_need = forms.TypedChoiceField(
        label="Level of need",
        choices=LevelOfNeed.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the level of need (1 to 4)"},
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the decision"},
    )
    primary_need = forms.ChoiceField(
        label="Primary need (required for a referral)",
        required=False,
        choices=[("", "Select the primary need")] + PrimaryNeed.choices,
        help_text="CIN census: when two fit, the higher in the list wins.",
    )
    rationale = forms.CharField(
        label="Rationale for the decision", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    risks_and_protective_factors = forms.CharField(
        label="Analysis of risks and protective factors",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    delay_reason = forms.ChoiceField(
        label="If after the deadline: reason for the delay",
        required=False,
        choices=DelayReason.choices,
        widget=forms.RadioSelect,
    )
    delay_explanation = forms.CharField(
        label="Explanation of the delay", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level_of_need"].choice_hints = {  # type: ignore[attr-defined]
            str(k): v for k, v in threshold_descriptors().items()
        }


class AnswerChallengeForm(DecisionForm):
    answer = forms.CharField(
        label="Your answer to the challenge",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter your answer to the manager's challenge"},
    )


class ReviewForm(VersionedForm):
    action = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[("authorise", "Authorise"), ("return", "Return with a challenge")],
        error_messages={"required": "Select authorise or return with a challenge"},
    )
    text = forms.CharField(
        label="Note or challenge",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A challenge is required when returning the decision.",
    )


class SiblingsForm(forms.Form):
    siblings = forms.MultipleChoiceField(
        label="Apply the same decision to",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one sibling"},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["siblings"].choices = choices


class ReferrerUpdateForm(VersionedForm):
    kind = forms.ChoiceField(
        label="What did you tell the referrer?",
        choices=UpdateKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select acknowledgement or feedback"},
    )
    method = forms.ChoiceField(
        label="How?",
        choices=UpdateMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the referrer was told"},
    )
    given_at = GovukDateTimeField(
        label="When?",
        required=False,
        help_text="Leave blank for now. For example, 26 11 2026 and 14:05.",
    )
    note = forms.CharField(
        label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReferralNfaForm(VersionedForm):
    reason = forms.CharField(
        label="Why does the referral need no further action?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the referral needs no further action"},
    )
