"""The child's consistent identifier: the NHS number, its status and, when it is missing, why.

The Children's Wellbeing and Schools Act 2026 makes the NHS number the consistent identifier every
agency includes when it processes information about a child, unless it is not known and finding it
would cause unreasonable delay; the reason must then be recorded (docs/people.md, "The consistent
identifier").
"""

from __future__ import annotations

from typing import Any

from django.db import models


class NhsStatus(models.TextChoices):
    VERIFIED = "verified", "Verified"
    UNVERIFIED = "unverified", "Recorded but not verified"
    NOT_KNOWN = "not_known", "Not yet known"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class NhsVerifiedHow(models.TextChoices):
    PDS = "pds", "Traced on the NHS Personal Demographics Service (PDS)"
    HEALTH = "health", "Confirmed by a health professional (GP, health visitor, school nurse)"
    DOCUMENT = "document", "Seen on an NHS document (letter, red book, hospital record)"


class NhsMissingReason(models.TextChoices):
    """Why a child's record has no NHS number: a fixed list, so reports can count them."""

    NOT_YET_CHECKED = "not_checked", "Not yet checked with health: the child was added without one"
    DELAY = "delay", "Finding it now would cause unreasonable delay to protecting the child"
    TRACE_NO_MATCH = "no_trace", "Traced on the NHS Personal Demographics Service: no match found"
    NOT_REGISTERED = "not_registered", "Not registered with the NHS (for example, newly arrived)"
    OTHER_UK = "other_uk", "Has a Scottish CHI or Northern Irish H&C number instead"
    UNBORN = "unborn", "Unborn child: an NHS number is given at birth"


RECORDED = (NhsStatus.VERIFIED, NhsStatus.UNVERIFIED)


def settle_identifier(person: Any) -> None:
    """Keep the status and reason in step with the number whenever it is set or changed (creation,
    correction, import): a number is "recorded but not verified" unless verified; no number on a
    child's record keeps its reason ("not yet checked" unless another was recorded); an unborn
    child has none yet; a born child no longer "unborn"."""
    if person.nhs_number:
        if person.nhs_status not in RECORDED:
            person.nhs_status = NhsStatus.UNVERIFIED
        if person.nhs_status != NhsStatus.VERIFIED:
            person.nhs_verified_how = ""
        person.nhs_missing_reason = ""
        return
    person.nhs_verified_how = ""
    if person.kind == "unborn":
        person.nhs_status = NhsStatus.NOT_APPLICABLE
        person.nhs_missing_reason = NhsMissingReason.UNBORN
        return
    if person.nhs_status in RECORDED or person.nhs_missing_reason == NhsMissingReason.UNBORN:
        person.nhs_status = NhsStatus.NOT_KNOWN
        person.nhs_missing_reason = ""
    if person.kind == "child" and not person.nhs_missing_reason:
        person.nhs_missing_reason = NhsMissingReason.NOT_YET_CHECKED
    elif person.kind == "adult" and person.nhs_missing_reason == NhsMissingReason.NOT_YET_CHECKED:
        person.nhs_missing_reason = ""  # an adult's record needs no reason


IDENTIFIER_FIELDS = ["nhs_number", "nhs_status", "nhs_verified_how", "nhs_missing_reason"]
