"""Django's default form messages in plain words, named after the field (GOV.UK error messages).

Forms should say what is wrong in their own words; when one does not (a length limit, a missing
answer, a number out of range), the GOV.UK form renderer (`templatetags/govuk.py`) passes every
message through `plain_message`, so "Ensure this value has at most 100 characters (it has 120)."
reaches the user as "Referrer's name must be 100 characters or fewer (you entered 120)" in the
error summary and beside the field. Messages a form wrote itself are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django import forms

Rule = tuple[re.Pattern[str], Callable[[re.Match[str], str, str, forms.Field], str]]


def _what(label: str) -> str:
    """The label mid-sentence: "Referrer's name" → "referrer's name" (abbreviations kept)."""
    label = str(label or "this").strip().rstrip(":?")
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _required(_m: re.Match[str], label: str, what: str, field: forms.Field) -> str:
    widget = field.widget
    if isinstance(widget, (forms.RadioSelect, forms.Select, forms.CheckboxSelectMultiple)):
        return f"Select {what}"
    if isinstance(widget, forms.CheckboxInput):
        return f"Tick to confirm {what}"
    if isinstance(widget, forms.FileInput):
        return f"Choose {what} to upload"
    return f"Enter {what}"


RULES: list[Rule] = [
    (re.compile(r"^This field is required\.$"), _required),
    (
        re.compile(r"^Ensure this value has at most (\d+) characters? \(it has (\d+)\)\.$"),
        lambda m, label, what, f: (
            f"{label} must be {m[1]} characters or fewer (you entered {m[2]})"
        ),
    ),
    (
        re.compile(r"^Ensure this value has at least (\d+) characters? \(it has (\d+)\)\.$"),
        lambda m, label, what, f: f"{label} must be at least {m[1]} characters",
    ),
    (
        re.compile(r"^Ensure this value is less than or equal to (.+)\.$"),
        lambda m, label, what, f: f"{label} must be {m[1]} or less",
    ),
    (
        re.compile(r"^Ensure this value is greater than or equal to (.+)\.$"),
        lambda m, label, what, f: f"{label} must be {m[1]} or more",
    ),
    (
        re.compile(r"^Enter a whole number\.$"),
        lambda m, label, what, f: f"{label} must be a whole number, like 3",
    ),
    (
        re.compile(r"^Enter a number\.$"),
        lambda m, label, what, f: f"{label} must be a number, like 3 or 2.5",
    ),
    (
        re.compile(r"^Enter a valid email address\.$"),
        lambda m, label, what, f: (
            "Enter an email address in the correct format, like name@example.com"
        ),
    ),
    (
        re.compile(r"^Enter a valid (date|time|date/time|URL|value)\.$"),
        lambda m, label, what, f: f"Enter {what} in the correct format",
    ),
    (
        re.compile(r"^Select a valid choice\..*$"),
        lambda m, label, what, f: f"Select {what} from the list",
    ),
    (
        re.compile(r"^The submitted file is empty\.$"),
        lambda m, label, what, f: f"The file for {what} is empty: choose another",
    ),
    (
        re.compile(r"^No file was submitted\..*$"),
        lambda m, label, what, f: f"Choose {what} to upload",
    ),
]


def plain_message(message: str, field: forms.Field | None, label: str = "") -> str:
    """Django's default wording for a field's error, rewritten with the field's label; any other
    message unchanged."""
    text = str(message)
    if field is None:
        return text
    label = str(label or field.label or "This").strip().rstrip(":?")
    for pattern, build in RULES:
        match = pattern.match(text)
        if match:
            return build(match, label, _what(label), field)
    return text
