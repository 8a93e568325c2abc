"""Validators for identifiers, each with a message that says how to put it right.

NHS numbers and UPNs use python-stdnum's checksum implementations; postcodes use
django-localflavor's UK postcode rules.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from localflavor.gb.forms import GBPostcodeField
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.gb import nhs, upn


def normalise_nhs_number(value: str) -> str:
    """Return the 10-digit NHS number without spaces, or raise ValidationError."""
    compact = nhs.compact(value or "")
    if not compact.isdigit():
        raise ValidationError("NHS number must contain only numbers, like 943 476 5919")
    if len(compact) != 10:
        raise ValidationError("NHS number must be 10 digits, like 943 476 5919")
    try:
        return nhs.validate(compact)
    except InvalidChecksum:
        raise ValidationError(
            "NHS number is not valid: the last digit does not match. Check it was typed correctly"
        ) from None


def format_nhs_number(value: str) -> str:
    return nhs.format(value) if value else ""


def normalise_upn(value: str) -> str:
    """Return the 13-character UPN in upper case, or raise ValidationError."""
    compact = upn.compact(value or "")
    if compact and not compact[0].isalpha():
        raise ValidationError(
            "UPN must start with a letter, then 11 numbers, then a number or letter"
        )
    try:
        return upn.validate(compact)
    except InvalidLength:
        raise ValidationError(
            "UPN must be 13 characters: a letter then 12 characters, like A123456789012"
        ) from None
    except InvalidFormat:
        raise ValidationError(
            "UPN must start with a letter, then 11 numbers, then a number or letter"
        ) from None
    except InvalidComponent:
        raise ValidationError(
            "UPN is not valid: its local authority number is not a real one"
        ) from None
    except InvalidChecksum:
        raise ValidationError(
            "UPN is not valid: the check letter does not match. Check it was typed correctly"
        ) from None


_postcode_field = GBPostcodeField()


def normalise_postcode(value: str) -> str:
    """Return the postcode in standard form ("SW1A 1AA"), or raise ValidationError."""
    try:
        return str(_postcode_field.clean((value or "").strip()))
    except ValidationError:
        raise ValidationError("Enter a real postcode, like SW1A 1AA") from None


def postcode_key(value: str) -> str:
    return (value or "").replace(" ", "").upper()
