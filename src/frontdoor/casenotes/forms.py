from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from frontdoor.core.concurrency import VersionedForm
from frontdoor.core.fields import GovukDateTimeField

from .models import NoteKind, OversightPoint


class CaseNoteForm(VersionedForm):
    """A case note. `people` are the child and the household members the user may see (the
    choices of "who was seen"); `oversight` adds the oversight point (managers only)."""

    kind = forms.ChoiceField(
        label="What kind of note is this?",
        choices=NoteKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what kind of note this is",
            "invalid_choice": "Select what kind of note this is",
        },
    )
    oversight_point = forms.ChoiceField(
        label="Which point does this oversight cover? (management oversight only)",
        choices=[("", "None of these")] + OversightPoint.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select the point this oversight covers"},
    )
    occurred_at = GovukDateTimeField(
        label="When did it happen?",
        help_text="The date and time of the visit, call or meeting, not when you are typing. "
        "For example, 26 11 2026 and 14:05",
        error_messages={"required": "Enter when it happened"},
    )

    def clean_occurred_at(self) -> datetime:
        value: datetime = self.cleaned_data["occurred_at"]
        if value > timezone.now():
            raise forms.ValidationError("When it happened must be now or in the past")
        return value

    seen = forms.MultipleChoiceField(
        label="Who was seen or spoken to? (optional)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    others_seen = forms.CharField(
        label="Anyone else seen or spoken to (optional)",
        help_text="For example, the class teacher; the health visitor by phone",
        max_length=300,
        required=False,
        error_messages={"max_length": "Anyone else seen must be 300 characters or fewer"},
    )
    text = forms.CharField(
        label="What happened",
        help_text="What you saw and heard, what the child said in their words, and what happens "
        "next. The first line is shown on the chronology",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "Enter what happened"},
    )

    def __init__(
        self, *args: Any, people: list[tuple[str, str]], oversight: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        seen = self.fields["seen"]
        assert isinstance(seen, forms.MultipleChoiceField)
        seen.choices = people
        if not oversight:
            kind = self.fields["kind"]
            assert isinstance(kind, forms.ChoiceField)
            kind.choices = [c for c in NoteKind.choices if c[0] != NoteKind.MANAGEMENT_OVERSIGHT]
            del self.fields["oversight_point"]


class AmendmentForm(forms.Form):
    text = forms.CharField(
        label="Amendment",
        help_text="What is added or corrected, and why. The note as written is kept above it",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the amendment"},
    )
