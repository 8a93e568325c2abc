from __future__ import annotations

from django import forms

from frontdoor.core.fields import GovukDateField, GovukDateTimeField

from .models import Purpose, SharingChannel

# A decision not to share was never sent through the API or as a subject access export.
DECISION_CHANNELS = [
    c
    for c in SharingChannel.choices
    if c[0] not in (SharingChannel.API, SharingChannel.EXPORT, SharingChannel.NOT_RECORDED)
]


class NotSharedForm(forms.Form):
    """A decision not to share information about a child (create-only: a one-time token)."""

    what = forms.CharField(
        label="What information was asked for or considered",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A short summary, not the record itself. For example, the child's school "
        "attendance and the outcome of the contact.",
    )
    recipient = forms.CharField(
        label="Who asked for it, or who it would have gone to",
        required=False,
        max_length=200,
        help_text="A name or role. For example, Detective Constable Rees",
    )
    recipient_agency = forms.CharField(
        label="Their agency or organisation",
        required=False,
        max_length=200,
        help_text="For example, Northshire Police",
    )
    why = forms.ChoiceField(
        label="Lawful basis and purpose the request relied on",
        choices=[("", "Select the lawful basis")] + list(Purpose.choices),
        required=False,
    )
    channel = forms.ChoiceField(
        label="How it was asked for",
        choices=[("", "Select how")] + DECISION_CHANNELS,
        required=False,
    )
    reason_not_shared = forms.CharField(
        label="Why the information is not being shared",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Children Act 2004 s16LA: say why sharing would be more detrimental to the child "
        "than not sharing, or why the information is not relevant to their welfare.",
    )
    decided_at = GovukDateTimeField(
        label="When the decision was made",
        required=False,
        help_text="For example, 26 11 2026 and 14:05. Leave empty for now.",
    )


class ReportForm(forms.Form):
    start = GovukDateField(label="From", required=False, help_text="For example, 1 4 2026")
    end = GovukDateField(label="To", required=False, help_text="For example, 31 3 2027")
    agency = forms.CharField(
        label="Agency or organisation contains", required=False, max_length=200
    )
    shared = forms.ChoiceField(
        label="Shared or not shared",
        required=False,
        choices=[("", "Both"), ("yes", "Shared"), ("no", "Decided not to share")],
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", "The 'to' date must be the same as or after the 'from' date")
        return data
