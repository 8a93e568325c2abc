from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.core.concurrency import VersionedForm
from frontdoor.people.models import Person

from .selectors import Row


class DecisionForm(VersionedForm):
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The note must be 2,000 characters or fewer"},
    )


class MergeForm(forms.Form):
    """Which record to keep, and for each detail that differs, which value wins."""

    a_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    b_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    keep = forms.ChoiceField(
        label="Which record should be kept?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which record to keep"},
    )
    reason = forms.CharField(
        label="Why are these the same person?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say why these records are the same person",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )

    def __init__(self, data: Any, *, a: Person, b: Person, rows: list[Row]) -> None:
        super().__init__(data, initial={"a_version": a.version, "b_version": b.version})
        self.fields["keep"].choices = [
            ("a", f"{a.full_name} ({a.la_child_id})"),
            ("b", f"{b.full_name} ({b.la_child_id})"),
        ]
        self.choice_keys = [row.key for row in rows if row.differs]
        for row in rows:
            if row.differs:
                self.fields[f"use_{row.key}"] = forms.ChoiceField(
                    label=row.label,
                    widget=forms.RadioSelect,
                    choices=[("a", row.a or "(none)"), ("b", row.b or "(none)")],
                    initial="a",
                    error_messages={"required": f"Select which {row.label.lower()} to keep"},
                )

    def take(self) -> list[str]:
        """The details to take from the record that is merged away (not kept)."""
        keep = self.cleaned_data["keep"]
        return [k for k in self.choice_keys if self.cleaned_data[f"use_{k}"] != keep]


class UndoForm(VersionedForm):
    reason = forms.CharField(
        label="Why undo this merge?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say why the merge is being undone",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )
