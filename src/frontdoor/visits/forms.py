"""Forms for child in need plans and statutory visits."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.child_protection.forms import TEXTAREA, YES_NO, date_field
from frontdoor.core.concurrency import VersionedForm


def _text(
    label: str, required_message: str, limit: int, *, required: bool = True
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=TEXTAREA,
        max_length=limit,
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {limit:,} characters or fewer",
        },
    )


class CINPlanForm(forms.Form):
    start_date = date_field(
        "Date the plan started", hint="The date of the child in need meeting that agreed it"
    )
    outcomes = _text("What the plan is to achieve", "Enter what the plan is to achieve", 5000)


class CINReviewForm(VersionedForm):
    held_date = date_field("Date of the review")
    notes = _text("Notes", "", 5000, required=False)


class CINPlanEndForm(VersionedForm):
    end_date = date_field("Date the plan ended")
    reason = _text("Why the plan ended", "Enter why the plan is ending", 300)


class VisitForm(forms.Form):
    visit_date = date_field("Date of the visit")
    child_seen = forms.ChoiceField(
        label="Was the child seen?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child was seen"},
    )
    seen_alone = forms.ChoiceField(
        label="If seen, was the child seen alone?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    not_seen_reason = _text("If not seen, why not", "", 2000, required=False)
    visitor_name = forms.CharField(
        label="Who made the visit",
        max_length=200,
        help_text="Leave as it is if you made the visit",
        error_messages={
            "required": "Enter who made the visit",
            "max_length": "The name must be 200 characters or fewer",
        },
    )
    notes = _text("What the child said and what was seen", "", 5000, required=False)

    def values(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        d["child_seen"] = d["child_seen"] == "yes"
        d["seen_alone"] = {"yes": True, "no": False}.get(d["seen_alone"])
        return d
