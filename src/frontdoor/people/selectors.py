"""Reads of the people index. Search only ever looks within `visible_people(user)`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import CAPABILITIES, RESTRICTED_RECORDS
from frontdoor.core.calendar import months_before
from frontdoor.core.validators import format_nhs_number, postcode_key
from frontdoor.search_index.lookup import (
    DOB_CANDIDATES,
    NAME_CANDIDATES,
    close_words,
    people_with_keys,
)

from .access import visible_people
from .guards import REVIEW_MONTHS, review_due_on
from .identifiers import NhsMissingReason
from .matching import Match, MatchFields, is_match, normalise, query_keys, score, words
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

# People living at a typed postcode who are scored too (a child whose name was badly misheard).
POSTCODE_CANDIDATES = 200
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
    """Search by NHS number or UPN (exact), by name (every word; typos, sound-alikes, nicknames,
    swapped and previous names) ranked with the date of birth and postcode, by a range of dates of
    birth, or by postcode alone. Each result says why it matched."""
    people = visible_people(user)
    text = (text or "").strip()
    compact = text.replace(" ", "")
    if text and NHS_RE.match(text):
        found = people.filter(nhs_number=compact)[:limit]
        return _with_postcodes([SearchResult(p, 100, ["NHS number exact"]) for p in found])
    if text and UPN_RE.match(compact):
        found = people.filter(upn=compact.upper())[:limit]
        return _with_postcodes([SearchResult(p, 100, ["UPN exact"]) for p in found])
    in_range = Q()
    if dob_from:
        in_range &= Q(date_of_birth__gte=dob_from)
    if dob_to:
        in_range &= Q(date_of_birth__lte=dob_to)
    if text:
        query = MatchFields.from_text(text, date_of_birth=dob, postcode=postcode)
        return person_match(user=user, query=query, limit=limit, within=in_range or None)
    filters = in_range
    reasons = ["date of birth in range"] if in_range else []
    if dob:
        filters &= Q(date_of_birth=dob) | Q(expected_date_of_birth=dob)
        reasons.append("same date of birth")
    if postcode:
        # The ids first, through the postcode index; a subquery let PostgreSQL scan every person.
        at = Address.objects.filter(postcode_key=postcode_key(postcode))
        filters &= Q(pk__in=list(at.values_list("person_id", flat=True)[:2000]))
        reasons.append("postcode")
    if not filters:
        return []
    return _with_postcodes(
        [SearchResult(p, 60, list(reasons)) for p in people.filter(filters)[:limit]]
    )


def person_match(
    *, user: Any, query: MatchFields, limit: int = 50, within: Q | None = None
) -> list[SearchResult]:
    """People matching `query` (a name, with a date of birth, postcode or NHS number if known),
    best first, each with its score and reasons (`people.matching.score`). Candidates come from
    the search index (`frontdoor.search_index`): the typed words, the stored spellings close to
    them, their nicknames and sounds, with the date of birth or its likely slips; then each is
    scored. `user=None` searches the whole index (imports, duplicate review: no page shows it)."""
    today = timezone.localdate()
    pool = {w for text in (query.first_name, query.last_name) for w in _query_words(text)}
    near = close_words(pool)
    name_keys, dob_keys = query_keys(query, near, latest=today)
    ids = people_with_keys((dob_keys, DOB_CANDIDATES), (name_keys, NAME_CANDIDATES))
    if query.nhs_number:
        ids += list(Person.objects.filter(nhs_number=query.nhs_number).values_list("pk", flat=True))
    if query.postcode:
        at = Address.objects.filter(
            postcode_key=postcode_key(query.postcode), end_date__isnull=True
        )
        ids += list(at.values_list("person_id", flat=True)[:POSTCODE_CANDIDATES])
    people = Person.objects.all() if user is None else visible_people(user)
    if within is not None:
        people = people.filter(within)
    # One query for the candidates' names, dates of birth and (if a postcode was typed) postcodes.
    names = PersonName.objects.filter(person__in=people.filter(pk__in=ids))
    if query.postcode:
        current = Address.objects.filter(person_id=OuterRef("person_id"), end_date__isnull=True)
        names = names.annotate(postcode=Subquery(current.values("postcode")[:1]))
    else:
        names = names.annotate(postcode=Value(""))
    best: dict[int, Match] = {}
    for person_id, first, last, kind, dob, nhs, postcode in names.values_list(
        "person_id",
        "first_name",
        "last_name",
        "kind",
        "person__date_of_birth",
        "person__nhs_number",
        "postcode",
    ):
        candidate = MatchFields(
            first_name=first,
            last_name=last,
            date_of_birth=dob,
            nhs_number=nhs,
            postcode=postcode or "",
            name_kind=kind,
        )
        found = score(candidate, query)
        if not (is_match(found, query) or "same NHS number" in found.reasons):
            continue
        if person_id not in best or found.score > best[person_id].score:
            best[person_id] = found
    ranked = sorted(best.items(), key=lambda item: (-item[1].score, item[0]))[:limit]
    loaded = Person.objects.in_bulk([pk for pk, _ in ranked])
    return _with_postcodes(
        [SearchResult(loaded[pk], found.score, found.reasons) for pk, found in ranked]
    )


def _query_words(text: str) -> set[str]:
    return set(words(text)) | {normalise(text)}


def _current_postcodes(person_ids: Any) -> dict[int, str]:
    return dict(
        Address.objects.filter(person_id__in=list(person_ids), end_date__isnull=True).values_list(
            "person_id", "postcode"
        )
    )


def _with_postcodes(results: list[SearchResult]) -> list[SearchResult]:
    """Attach each person's current postcode with one query (no N+1 on the results page)."""
    current = _current_postcodes(r.person.pk for r in results)
    for r in results:
        r.postcode = current.get(r.person.pk, "")
    return results


def person_likely_duplicates(
    *, user: Any, first_name: str, last_name: str, date_of_birth: date | None, nhs_number: str = ""
) -> list[SearchResult]:
    """People who may be the same as one about to be created (checked before every creation): the
    same NHS number, or a name match ranked with the date of birth; a name match whose date of
    birth is far from this one is left out here (a namesake, not a duplicate)."""
    query = MatchFields(
        first_name=first_name,
        last_name=last_name,
        date_of_birth=date_of_birth,
        nhs_number=nhs_number,
    )
    results = person_match(user=user, query=query, limit=20)
    return [
        r
        for r in results
        if "date of birth differs" not in r.reasons or "same NHS number" in r.reasons
    ][:10]


def identifier_line(person: Person) -> str:
    """The child's consistent identifier as every outbound notice, letter and export prints it:
    "NHS number 485 777 3456", or "NHS number not known: <the recorded reason>"."""
    if person.nhs_number:
        return f"NHS number {format_nhs_number(person.nhs_number)}"
    missing: str = getattr(person, "nhs_missing_reason", "") or ""
    text = NhsMissingReason(missing).label if missing in NhsMissingReason.values else ""
    return f"NHS number not known: {text or 'no reason recorded'}"


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
        Relationship.objects.filter(
            Q(person=person) | Q(other=person), end_date__isnull=True
        ).select_related("person", "other")
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


@dataclass
class MissingIdentifier:
    person: Person
    open_work: list[str]
    reason: str


def children_without_nhs_number(
    *, user: Any, limit: int = 200
) -> tuple[list[MissingIdentifier], int]:
    """Children with open work (a contact awaiting decision, an open referral, child protection
    plan or early help episode) and no NHS number, with the reason recorded, for practitioners and
    managers (edit_people) to trace. Sealed children only for their access list. Four queries
    however many children: the page and the count."""
    from frontdoor.cases.models import Referral
    from frontdoor.child_protection.models import ChildProtectionPlan
    from frontdoor.earlyhelp.models import EarlyHelpEpisode
    from frontdoor.intake.models import ContactChild, ContactStatus

    if not (user.is_authenticated and user.can("edit_people")):
        return [], 0
    here = OuterRef("pk")
    work = {
        "contact awaiting decision": ContactChild.objects.filter(
            person=here, contact__status=ContactStatus.OPEN
        ),
        "open referral": Referral.objects.filter(person=here, closure_date__isnull=True),
        "child protection plan": ChildProtectionPlan.objects.filter(
            person=here, end_date__isnull=True
        ),
        "early help": EarlyHelpEpisode.objects.filter(person=here, end_date__isnull=True),
    }
    flags = {f"open_{i}": Exists(q) for i, q in enumerate(work.values())}
    any_open = Q()
    for name in flags:
        any_open |= Q(**{name: True})
    children = (
        visible_people(user)
        .filter(kind="child", nhs_number="")
        .annotate(**flags)
        .filter(any_open)
        .order_by("last_name", "first_name", "pk")
    )
    total = children.count()
    labels = list(work)
    rows = [
        MissingIdentifier(
            person=p,
            open_work=[labels[i] for i in range(len(labels)) if getattr(p, f"open_{i}")],
            reason=p.get_nhs_missing_reason_display() or "No reason recorded",
        )
        for p in children[:limit]
    ]
    return rows, total
