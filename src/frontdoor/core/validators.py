"""Validators for identifiers, each with a message that says how to put it right.

NHS numbers and UPNs use python-stdnum's checksum implementations; postcodes use
django-localflavor's UK postcode rules.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from localflavor.gb.forms import GBPostcodeField
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.gb import nhs, upn

from .calendar import months_before


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


# Care leavers are supported to 25; a child recorded as born earlier is a mistyped year (or an
# adult). An unborn child's expected date of delivery is at most ten months ahead (a pregnancy is
# about 40 weeks) and, once a baby is overdue, at most a month past (then they are born: record the
# date of birth).
OLDEST_CHILD_YEARS = 25
EXPECTED_DATE_MONTHS_AHEAD = 10
EXPECTED_DATE_MONTHS_PAST = 1


def check_child_date_of_birth(value: date, *, today: date | None = None) -> date:
    """A child's date of birth: not in the future, not more than 25 years ago (calendar years).

    The one rule for every form and service that takes a child's date of birth (the person form,
    corrections, partners' concerns, the partner API)."""
    today = today or timezone.localdate()
    if value > today:
        raise ValidationError(
            "Date of birth must be today or in the past. For a child not yet born, record an "
            "unborn child with an expected date of delivery"
        )
    if value < months_before(today, OLDEST_CHILD_YEARS * 12):
        raise ValidationError(
            f"A child's date of birth must be within the last {OLDEST_CHILD_YEARS} years. "
            "Check the year, or record the person as an adult"
        )
    return value


def check_expected_date_of_birth(value: date, *, today: date | None = None) -> date:
    """An unborn child's expected date of delivery: within the next ten months, or at most a month
    past (an overdue baby); anything else is a mistyped year or a baby already born."""
    today = today or timezone.localdate()
    if value > months_before(today, -EXPECTED_DATE_MONTHS_AHEAD):
        raise ValidationError(
            f"The expected date of delivery must be within the next {EXPECTED_DATE_MONTHS_AHEAD} "
            "months. Check the year"
        )
    if value < months_before(today, EXPECTED_DATE_MONTHS_PAST):
        raise ValidationError(
            "The expected date of delivery is more than a month ago. If the baby has been born, "
            "record them as a child with their date of birth"
        )
    return value
