"""Whether two people's records are the same person: a score (0-100) with the evidence for and
against, used by the duplicate review (`find_duplicates`) and the legacy import.

Everything calls `score(a, b)` only: the people index's one scorer (`people.matching.score`, the
same as search, so the reasons read the same) with what a pair of records adds — the UPN, the
recorded sex, and that twins are not duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from frontdoor.people import matching

# A pair scoring this or more is put on the review queue; an imported person this close to someone
# already in the index is reported as "needs review".
REVIEW_AT = 75.0


@dataclass(frozen=True)
class Candidate:
    pk: int
    first: str
    last: str
    dob: date | None = None
    nhs: str = ""
    upn: str = ""
    sex: str = ""
    postcode: str = ""


@dataclass
class Match:
    score: float
    reasons_for: list[str] = field(default_factory=list)
    reasons_against: list[str] = field(default_factory=list)


# The people index's reasons that count against a match.
AGAINST = ("date of birth differs", "different NHS number", "no date of birth recorded")
# One record without a date of birth cannot be as sure as a date that agrees.
MISSING_DOB_CAP = 85.0


def score(a: Candidate, b: Candidate) -> Match:
    """How likely `a` and `b` are the same person, with the evidence each way.

    The people index's scorer (`people.matching.score`: names, date of birth with its slips,
    postcode, NHS number) gives the score; a pair whose names are less than half alike is not
    proposed unless the NHS number is the same (twins share a surname, a birthday and an address).
    A different UPN or a different recorded sex counts against."""
    found = matching.score(_fields(a), _fields(b))
    match = Match(found.score)
    for reason in found.reasons:
        (match.reasons_against if reason in AGAINST else match.reasons_for).append(reason)
    same_nhs = bool(a.nhs) and a.nhs == b.nhs
    if found.name_score < 0.5 and not same_nhs:
        match.reasons_against.append("names differ")
        match.score = min(match.score, REVIEW_AT - 1)
    if a.upn and b.upn:
        if a.upn == b.upn:
            match.score += 10
            match.reasons_for.append("same UPN")
        else:
            match.score -= 20
            match.reasons_against.append("different UPNs")
    if a.sex in ("M", "F") and b.sex in ("M", "F") and a.sex != b.sex:
        match.score -= 15
        match.reasons_against.append("sex recorded differently")
    if not (a.dob and b.dob):
        match.reasons_against.append("a date of birth is missing")
        match.score = min(match.score, MISSING_DOB_CAP)
    match.score = max(0.0, min(100.0, round(match.score, 1)))
    return match


def _fields(c: Candidate) -> matching.MatchFields:
    return matching.MatchFields(
        first_name=c.first,
        last_name=c.last,
        date_of_birth=c.dob,
        postcode=c.postcode,
        nhs_number=c.nhs,
    )
