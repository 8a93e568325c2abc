"""Forms for child protection. Repeating rows (participants, actions …) are formsets with a few
blank rows: blank rows are ignored, so the pages work without JavaScript. The row helpers are
shared with the assessments area."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.core.codes import Agency, CategoryOfAbuse
from frontdoor.core.concurrency import VersionedForm
from frontdoor.core.fields import GovukDateField, GovukDateTimeField

from .models import S47Outcome, StrategyDecision

YES_NO = [("yes", "Yes"), ("no", "No")]


SCALE = [("", "Select a number")] + [(str(n), str(n)) for n in range(11)]


TEXTAREA = forms.Textarea(attrs={"rows": 3})


def date_field(label: str, required: bool = True, hint: str = "") -> GovukDateField:
    return GovukDateField(
        label=label,
        required=required,
        help_text=hint,
        error_messages={"required": f"Enter the {label[0].lower() + label[1:]}"},
    )


class RowForm(forms.Form):
    """A repeating row: every field optional, a blank row is skipped."""

    def row(self) -> dict[str, Any] | None:
        data = {k: v for k, v in self.cleaned_data.items()}
        if not any(v not in (None, "", []) for v in data.values()):
            return None
        return data


def rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    return [r for f in formset.forms if hasattr(f, "cleaned_data") and (r := f.row()) is not None]


def formset(
    form_class: type[RowForm],
    prefix: str,
    data: Any,
    extra: int,
    label: str,
    initial: list[dict[str, Any]] | None = None,
    form_kwargs: dict[str, Any] | None = None,
) -> forms.BaseFormSet:
    """Rows of `form_class`: the saved rows (`initial`) and `extra` blank ones beneath them."""
    fs = forms.formset_factory(form_class, extra=extra)(
        data or None, prefix=prefix, initial=initial, form_kwargs=form_kwargs
    )
    fs.item_label = label  # type: ignore[attr-defined]
    return fs


class StrategyForm(forms.Form):
    held_at = GovukDateTimeField(
        label="When was the strategy discussion held?",
        error_messages={"required": "Enter the date and time of the discussion"},
    )
    information_shared = forms.CharField(
        label="Information shared",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the information each agency shared"},
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=StrategyDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
    )
    rationale = forms.CharField(
        label="Rationale for the decision",
        widget=TEXTAREA,
        error_messages={"required": "Enter the rationale for the decision"},
    )


class StrategyEditForm(VersionedForm):
    """Correcting the record of a discussion: what was shared and why (the decision stays)."""

    information_shared = StrategyForm.base_fields["information_shared"]
    rationale = StrategyForm.base_fields["rationale"]


class ParticipantRow(RowForm):
    name = forms.CharField(label="Name", required=False)
    agency = forms.ChoiceField(
        label="Agency", choices=[("", "Select the agency")] + Agency.choices, required=False
    )
    role = forms.CharField(label="Role", required=False)


class ActionRow(RowForm):
    owner = forms.CharField(label="Owner", required=False)
    action = forms.CharField(label="Action", required=False)
    due_date = date_field("Due date", required=False)


class S47FindingsForm(VersionedForm):
    child_seen_date = date_field("Date the child was seen")
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child was seen alone"},
    )
    not_seen_alone_reason = forms.CharField(
        label="If not, why not", required=False, widget=TEXTAREA
    )
    child_words = forms.CharField(
        label="The child's words and wishes",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the child's words and wishes"},
    )
    outcome = forms.ChoiceField(
        label="Outcome of the enquiry",
        choices=S47Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the enquiry"},
    )
    outcome_date = date_field("Date of the outcome")


class ICPCForm(VersionedForm):
    icpc_date = date_field(
        "Date of the initial child protection conference",
        hint="It must be a working day. The target is shown above.",
    )
    cp_plan = forms.ChoiceField(
        label="Did the conference result in a child protection plan?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the conference made a plan"},
    )
    initial_category = forms.ChoiceField(
        label="Initial category of abuse (if a plan was made)",
        required=False,
        choices=CategoryOfAbuse.choices,
        widget=forms.RadioSelect,
    )


class ReviewForm(VersionedForm):
    held_date = date_field("Date of the review conference")
    plan_continues = forms.ChoiceField(
        label="Does the plan continue?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the plan continues"},
    )
    category = forms.ChoiceField(
        label="Category of abuse",
        choices=CategoryOfAbuse.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the category"},
    )
    notes = forms.CharField(label="Notes", required=False, widget=TEXTAREA)


class PlanEndForm(VersionedForm):
    end_date = date_field("Date the plan ended")
    reason = forms.CharField(
        label="Why the plan ended",
        widget=TEXTAREA,
        error_messages={"required": "Enter why the plan is ending"},
    )
