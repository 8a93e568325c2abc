"""Whether two people's records are the same person: a score (0-100) with the evidence for and
against, used by the duplicate review (`find_duplicates`) and the legacy import.

Everything calls `score(a, b)` only, so the people index's scorer can replace the name part here
without touching the callers. Weights: the name counts for half (the people index's `score_name`,
which knows typos, sound-alikes, nicknames and swapped names); the date of birth is strong evidence
and tolerant of the slips practitioners make (one wrong digit, day and month swapped, a year out);
a shared NHS number or UPN is near-proof and two different ones near-disproof.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from frontdoor.people.matching import name_variants, normalise, score_name

# A pair scoring this or more is put on the review queue; an imported person this close to someone
# already in the index is reported as "needs review".
REVIEW_AT = 60.0


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


def compare_dates(a: date, b: date) -> str:
    """ "same", "close: <how>" or "different"."""
    if a == b:
        return "same"
    if a.year == b.year and a.day == b.month and a.month == b.day:
        return "close: day and month swapped"
    if (a.month, a.day) == (b.month, b.day) and abs(a.year - b.year) == 1:
        return "close: year one out"
    digits = sum(x != y for x, y in zip(f"{a:%Y%m%d}", f"{b:%Y%m%d}", strict=True))
    if digits == 1:
        return "close: one digit different"
    return "different"


def _name(a: Candidate, b: Candidate, match: Match) -> float:
    scored = score_name(a.first, a.last, b.first, b.last)
    if scored is not None:
        match.reasons_for.extend(scored.reasons)
        return min(scored.score, 100.0) * 0.5
    fa, fb = normalise(a.first), normalise(b.first)
    if fa and (fa == fb or fb in name_variants(fa)):
        # A child's surname often changes with a parent's new relationship.
        match.reasons_for.append("first name the same")
        match.reasons_against.append("surnames differ")
        return 25.0
    match.reasons_against.append("names differ")
    return 0.0


def score(a: Candidate, b: Candidate) -> Match:
    """How likely `a` and `b` are the same person, with the evidence each way."""
    match = Match(0.0)
    total = _name(a, b, match)
    if a.dob and b.dob:
        how = compare_dates(a.dob, b.dob)
        if how == "same":
            total += 30
            match.reasons_for.append("same date of birth")
        elif how.startswith("close"):
            total += 18
            match.reasons_for.append(f"date of birth close ({how[7:]})")
        else:
            total -= 25
            match.reasons_against.append("different dates of birth")
    else:
        match.reasons_against.append("a date of birth is missing")
    if a.nhs and b.nhs:
        if a.nhs == b.nhs:
            total += 40
            match.reasons_for.append("same NHS number")
        else:
            total -= 50
            match.reasons_against.append("different NHS numbers")
    if a.upn and b.upn:
        if a.upn == b.upn:
            total += 20
            match.reasons_for.append("same UPN")
        else:
            total -= 20
            match.reasons_against.append("different UPNs")
    if a.postcode and b.postcode and a.postcode.replace(" ", "") == b.postcode.replace(" ", ""):
        total += 10
        match.reasons_for.append("same postcode")
    if a.sex in ("M", "F") and b.sex in ("M", "F") and a.sex != b.sex:
        total -= 15
        match.reasons_against.append("sex recorded differently")
    match.score = max(0.0, min(100.0, round(total, 1)))
    return match
