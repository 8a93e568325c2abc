import pytest
from django.core.exceptions import ValidationError

from frontdoor.core.validators import normalise_nhs_number, normalise_postcode, normalise_upn


def test_it_accepts_a_valid_nhs_number_with_spaces():
    assert normalise_nhs_number("943 476 5919") == "9434765919"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("943 476 5918", "the last digit does not match"),
        ("94347659", "must be 10 digits"),
        ("943-476-59AB", "must contain only numbers"),
    ],
)
def test_it_explains_invalid_nhs_numbers(value, message):
    with pytest.raises(ValidationError, match=message):
        normalise_nhs_number(value)


def test_it_accepts_a_valid_upn():
    assert normalise_upn("b801200005001") == "B801200005001"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("A12345", "must be 13 characters"),
        ("1801200001001", "must start with a letter"),
        ("A801200005001", "check letter does not match"),
        ("X80120000A001", "must start with a letter, then 11 numbers"),
        ("B000200005001", "local authority number is not a real one"),
    ],
)
def test_it_explains_invalid_upns(value, message):
    with pytest.raises(ValidationError, match=message):
        normalise_upn(value)


def test_it_normalises_postcodes():
    assert normalise_postcode("sw1a1aa") == "SW1A 1AA"


@pytest.mark.parametrize("value", ["SW1A", "12345", "QQ1 1AA"])
def test_it_explains_invalid_postcodes(value):
    with pytest.raises(ValidationError, match="Enter a real postcode"):
        normalise_postcode(value)
