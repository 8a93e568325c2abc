"""Reads of the people index. Search only ever looks within `visible_people(user)`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import CAPABILITIES, RESTRICTED_RECORDS
from frontdoor.core.calendar import months_before
from frontdoor.core.validators import postcode_key

from .access import visible_people
from .guards import REVIEW_MONTHS, review_due_on
from .matching import anagram, name_variants, phonetic, score_name, soundex
from .models import (
    Address,
    ChronologyEntry,
    Person,
    PersonAccess,
    PersonCorrection,
    PersonName,
    Relationship,
    Seal,
)

MAX_CANDIDATES = 3000
NHS_RE = re.compile(r"^\d{3}\s?\d{3}\s?\d{4}$")
UPN_RE = re.compile(r"^[A-Za-z]\d{11}[0-9A-Za-z]$")


@dataclass
class SearchResult:
    person: Person
    score: float
    reasons: list[str] = field(default_factory=list)
    postcode: str = ""

    @property
    def reason_text(self) -> str:
        return "; ".join(self.reasons)


def _split_name(text: str) -> tuple[str, str]:
    parts = [p for p in re.split(r"[\s,]+", text.strip()) if p]
    if not parts:
        return "", ""
    if "," in text:  # "Smith, John"
        return (parts[1] if len(parts) > 1 else ""), parts[0]
    if len(parts) == 1:
        return "", parts[0]
    return parts[0], parts[-1]


def person_search(
    *,
    user: Any,
    text: str = "",
    dob: date | None = None,
    dob_from: date | None = None,
    dob_to: date | None = None,
    postcode: str = "",
    limit: int = 50,
) -> list[SearchResult]:
    """Search by NHS number or UPN (exact), by name (typos, sound-alikes, nicknames, swapped names),
    by date of birth (exact or range) and by postcode. Ranked, with the reason for each match."""
    people = visible_people(user)
    text = (text or "").strip()
    compact = text.replace(" ", "")
    if text and NHS_RE.match(text):
        return _with_postcodes(
            [
                SearchResult(p, 100, ["NHS number exact"])
                for p in people.filter(nhs_number=compact)[:limit]
            ]
        )
    if text and UPN_RE.match(compact):
        return _with_postcodes(
            [
                SearchResult(p, 100, ["UPN exact"])
                for p in people.filter(upn=compact.upper())[:limit]
            ]
        )

    filters = Q()
    extra_reasons: list[str] = []
    if dob:
        filters &= Q(date_of_birth=dob) | Q(expected_date_of_birth=dob)
        extra_reasons.append("date of birth exact")
    if dob_from:
        filters &= Q(date_of_birth__gte=dob_from)
    if dob_to:
        filters &= Q(date_of_birth__lte=dob_to)
    if dob_from or dob_to:
        extra_reasons.append("date of birth in range")
    if postcode:
        key = postcode_key(postcode)
        on_postcode = Address.objects.filter(postcode_key=key).values("person_id")
        filters &= Q(pk__in=on_postcode)
        extra_reasons.append("postcode")

    if not text:
        if not filters:
            return []
        return _with_postcodes(
            [SearchResult(p, 60, list(extra_reasons)) for p in people.filter(filters)[:limit]]
        )

    first, last = _split_name(text)
    tokens = [t for t in (first, last) if t]
    keys = {phonetic(t) for t in tokens} - {""}
    sdx = {soundex(t) for t in tokens} - {""}
    anagrams = {anagram(t) for t in tokens} - {""}
    names = PersonName.objects.filter(
        Q(last_key__in=keys) | Q(last_soundex__in=sdx) | Q(last_anagram__in=anagrams)
    )
    if first:
        first_keys = keys | {phonetic(v) for t in tokens for v in name_variants(t)}
        first_sdx = sdx | {soundex(v) for t in tokens for v in name_variants(t)}
        initials = {t[:1].lower() for t in tokens}
        initial_q = Q()
        for initial in initials:
            initial_q |= Q(first_norm__startswith=initial)
        names = names.filter(
            Q(first_key__in=first_keys) | Q(first_soundex__in=first_sdx) | initial_q
        )
    person_ids = people.filter(filters).values("pk") if filters else people.values("pk")
    candidates = names.filter(person_id__in=person_ids).values_list(
        "person_id", "first_name", "last_name", "kind"
    )[:MAX_CANDIDATES]
    best: dict[int, tuple[float, list[str]]] = {}
    for person_id, cand_first, cand_last, kind in candidates:
        scored = score_name(first, last, cand_first, cand_last)
        if scored is None or scored.score < 45:
            continue
        reasons = scored.reasons + (
            ["matched a previous or other name"] if kind != "current" else []
        )
        score = scored.score - (3 if kind != "current" else 0)
        if person_id not in best or score > best[person_id][0]:
            best[person_id] = (score, reasons)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])[:limit]
    found = Person.objects.in_bulk([pk for pk, _ in ranked])
    return _with_postcodes(
        [SearchResult(found[pk], score, reasons + extra_reasons) for pk, (score, reasons) in ranked]
    )


def _with_postcodes(results: list[SearchResult]) -> list[SearchResult]:
    """Attach each person's current postcode with one query (no N+1 on the results page)."""
    current = dict(
        Address.objects.filter(
            person_id__in=[r.person.pk for r in results], end_date__isnull=True
        ).values_list("person_id", "postcode")
    )
    for r in results:
        r.postcode = current.get(r.person.pk, "")
    return results


def person_likely_duplicates(
    *, user: Any, first_name: str, last_name: str, date_of_birth: date | None, nhs_number: str = ""
) -> list[SearchResult]:
    """People who may be the same as one about to be created (checked before every creation)."""
    results: dict[int, SearchResult] = {}
    if nhs_number:
        for r in person_search(user=user, text=nhs_number):
            results[r.person.pk] = r
    for r in person_search(user=user, text=f"{first_name} {last_name}", limit=20):
        if date_of_birth and r.person.date_of_birth and r.person.date_of_birth != date_of_birth:
            if abs((r.person.date_of_birth - date_of_birth).days) > 31:
                continue
            r.reasons.append("date of birth close")
        elif date_of_birth and r.person.date_of_birth == date_of_birth:
            r.reasons.append("same date of birth")
        results.setdefault(r.person.pk, r)
    return sorted(results.values(), key=lambda r: -r.score)[:10]


@dataclass
class HouseholdMember:
    person: Person
    relationship: str
    parental_responsibility: bool
    lives_with: bool


def household_of(
    *, user: Any, person: Person, include_restricted: bool = False
) -> list[HouseholdMember]:
    """Everyone related to the person or in the same household that the user may see. With
    `include_restricted` (the person page), sealed members this user may not see are listed too,
    and the page must show "Restricted record" in their place (`restricted_ids`), never their
    name or dates; callers that use the members' details leave it off."""
    if not (user.is_authenticated and user.can("view_people")):
        return []
    rels = list(
        Relationship.objects.filter(Q(person=person) | Q(other=person)).select_related(
            "person", "other"
        )
    )
    housemates = (
        list(Person.objects.filter(household_id=person.household_id).exclude(pk=person.pk))
        if person.household_id
        else []
    )
    candidate_ids = {r.other_id if r.person_id == person.pk else r.person_id for r in rels}
    candidate_ids |= {p.pk for p in housemates}
    shown_ids = (
        candidate_ids
        if include_restricted
        else set(visible_people(user).filter(pk__in=candidate_ids).values_list("pk", flat=True))
    )
    members: dict[int, HouseholdMember] = {}
    for rel in rels:
        if rel.person_id == person.pk:
            other = rel.other
            label = "Child" if rel.kind == "parent" else rel.get_kind_display()
        else:
            other, label = rel.person, rel.get_kind_display()
        if other.pk in shown_ids:
            members[other.pk] = HouseholdMember(
                other, label, rel.parental_responsibility, rel.lives_with
            )
    for other in housemates:
        if other.pk in shown_ids:
            members.setdefault(other.pk, HouseholdMember(other, "Household member", False, True))
    return sorted(
        members.values(),
        key=lambda m: (m.person.kind == "adult", m.person.date_of_birth or date.min),
    )


def chronology_of(*, person: Person) -> QuerySet[ChronologyEntry]:
    return (
        ChronologyEntry.objects.filter(person=person)
        .select_related("actor")
        .order_by("-occurred_at", "-id")
    )


def corrections_of(*, person: Person) -> QuerySet[PersonCorrection]:
    """The person's corrected details, newest first (the person is already through the gate)."""
    return PersonCorrection.objects.filter(person=person).select_related("corrected_by")


def seals_of(*, person: Person) -> list[Seal]:
    """Every seal of the person, the open one first, with who sealed, reviewed and unsealed it."""
    return list(
        Seal.objects.filter(person=person)
        .select_related("sealed_by", "unsealed_by")
        .prefetch_related("reviews__reviewed_by")
        .order_by("unsealed_at", "-sealed_at")
    )


def seal_candidates(*, actor: User) -> QuerySet[User]:
    """Who can be put on an access list when sealing: active staff who open people's records (the
    person sealing is always added, so is not offered)."""
    roles = [role for role, caps in CAPABILITIES.items() if "view_people" in caps]
    return (
        User.objects.filter(is_active=True, role__in=roles)
        .exclude(pk=actor.pk)
        .select_related("team")
        .order_by("last_name", "first_name", "username")
    )


def seals_due_review(*, user: User, today: date | None = None) -> list[Seal]:
    """Open seals last checked (sealed or reviewed) 12 calendar months ago or more, oldest first,
    for restricted-records managers only; each with `due_on` and its access list (four queries
    however many seals)."""
    if not (user.is_authenticated and user.can(RESTRICTED_RECORDS)):
        return []
    today = today or timezone.localdate()
    last_day = months_before(today, REVIEW_MONTHS)
    cutoff = timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))
    seals: list[Seal] = list(
        Seal.objects.filter(unsealed_at__isnull=True)
        .annotate(last_checked=Coalesce("reviewed_at", "sealed_at"))
        .filter(last_checked__lt=cutoff)
        .select_related("person", "sealed_by")
        .prefetch_related(
            Prefetch(
                "person__access_list",
                queryset=PersonAccess.objects.select_related("user").order_by("user__last_name"),
            )
        )
        .order_by("last_checked", "pk")
    )
    for seal in seals:
        seal.due_on = review_due_on(seal)  # type: ignore[attr-defined]
    return seals
