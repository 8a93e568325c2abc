"""Phone numbers: checked and written the same way everywhere (the `phonenumbers` library, a port
of Google's libphonenumber, keeps the UK numbering plan up to date).

A UK number may be typed in any common way ("01632 960 001", "(01632) 960001", "+44 1632 960001");
it is stored in the national format ("01632 960001"). A number abroad starts with + and its
country code and is stored in the international format. Ofcom's drama ranges (01632 960xxx,
07700 900xxx …) are numbers no one is given, which the library calls invalid; they are accepted
so demo and training data can be typed.
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
from django import forms

MESSAGE = (
    "Enter a UK phone number, like 01632 960 001 or 07700 900 982, or a number abroad starting "
    "with + and the country code"
)
# Ofcom's numbers for TV and radio drama (national significant number prefixes).
DRAMA = re.compile(
    r"^(1632960\d{3}|7700900\d{3}|207946\d{4}|1134960\d{3}|1144960\d{3}|1154960\d{3}"
    r"|1164960\d{3}|1174960\d{3}|1184960\d{3}|1214960\d{3}|1314960\d{3}|1414960\d{3}"
    r"|1514960\d{3}|1614960\d{3}|2890180\d{3}|2920180\d{3}|8081570\d{3}|9098790\d{3})$"
)


def clean_phone(value: str) -> str:
    """The number in its stored form, or ValueError with a plain message."""
    text = (value or "").strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException as error:
        raise ValueError(MESSAGE) from error
    national = str(number.national_number)
    is_uk = number.country_code == 44
    if not (phonenumbers.is_valid_number(number) or (is_uk and DRAMA.match(national))):
        raise ValueError(MESSAGE)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if is_uk
        else (phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    )
    formatted = phonenumbers.format_number(number, style)
    if is_uk and DRAMA.match(national) and not phonenumbers.is_valid_number(number):
        formatted = f"0{national[:4]} {national[4:]}"
    return formatted


class PhoneField(forms.CharField):
    """A phone number: a plain message when it is not one, stored in a standard form."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "error_messages",
            {"max_length": MESSAGE, "required": "Enter a phone number"},
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "tel")
        self.widget.input_type = "tel"

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        try:
            return clean_phone(text)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="phone") from error
