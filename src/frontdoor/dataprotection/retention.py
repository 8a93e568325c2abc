"""The retention schedule: how long each record type is kept, and who is due for destruction.

The schedule is the Django setting FRONTDOOR_RETENTION (merged over `DEFAULT_SCHEDULE`; sources in
docs/data-protection.md). Each rule counts `years` from the person's date of birth ("birth";
the expected date for an unborn child) or from when the person's record was made ("created").
A person is due on the LATEST date any rule gives for them:

- every child: the child's social care record (25th birthday);
- a child who was looked after (flag "looked_after" on the person): 75 years from birth;
- a child linked to an allegation against staff: that allegation's own date (below);
- an adult: as long as the longest-kept child they are related to (they appear in that child's
  record), and never before `adult_record` years from when their record was made.

An allegation is due on the latest of its own `retain_until` (set by allegations/retention.py from
the outcome), the subject's normal pension age and 10 years from the allegation (Keeping children
safe in education, Part 4); an allegation not yet concluded is never due.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q

from frontdoor.accounts.models import User
from frontdoor.allegations.models import Allegation, AllegationChild
from frontdoor.allegations.retention import add_years
from frontdoor.people.models import Person, PersonKind, Relationship

from .models import LegalHold

LOOKED_AFTER_FLAG = "looked_after"

DEFAULT_SCHEDULE: dict[str, dict[str, Any]] = {
    "child_record": {"from": "birth", "years": 25},
    "looked_after": {"from": "birth", "years": 75},
    "adult_record": {"from": "created", "years": 6},
    "no_date_of_birth": {"from": "created", "years": 25},
    "allegation_minimum": {"from": "allegation", "years": 10},
    "allegation_pension_age": {"from": "subject_birth", "years": 67},
}

RULE_LABELS = {
    "child_record": "Children's social care record: until the 25th birthday",
    "looked_after": "Looked after child: 75 years from birth",
    "adult_record": "Adult in a child's record: as long as the child's record",
    "no_date_of_birth": "Child with no date of birth: 25 years from the record",
    "allegation": "Allegation against staff about this child",
}


def schedule() -> dict[str, dict[str, Any]]:
    rules = {key: dict(value) for key, value in DEFAULT_SCHEDULE.items()}
    for key, value in (getattr(settings, "FRONTDOOR_RETENTION", None) or {}).items():
        rules.setdefault(key, {}).update(value)
    return rules


@dataclass
class Retention:
    """When a person's records may be destroyed, and why (the rule that gives the latest date)."""

    person_id: int
    until: date | None  # None: kept (an open allegation)
    rule: str
    reasons: list[str] = field(default_factory=list)

    def due_on(self, day: date) -> bool:
        return self.until is not None and self.until < day

    @property
    def rule_label(self) -> str:
        return RULE_LABELS.get(self.rule, self.rule)


def allegation_until(allegation: Allegation) -> date | None:
    """The date after which an allegation may be destroyed; None while it is not concluded."""
    rules = schedule()
    concluded = allegation.concluded_on or (
        allegation.received_at.date() if allegation.kind == "consultation" else None
    )
    if concluded is None and allegation.retain_until is None:
        return None
    dates = [d for d in (allegation.retain_until,) if d is not None]
    dates.append(
        add_years(allegation.received_at.date(), int(rules["allegation_minimum"]["years"]))
    )
    born = allegation.subject.date_of_birth if allegation.subject is not None else None
    if born is not None:
        dates.append(add_years(born, int(rules["allegation_pension_age"]["years"])))
    return max(dates)


def _child_until(person: Person, rules: dict[str, dict[str, Any]]) -> tuple[date, str]:
    born = person.date_of_birth or person.expected_date_of_birth
    if born is None:
        return add_years(person.created_at.date(), int(rules["no_date_of_birth"]["years"])), (
            "no_date_of_birth"
        )
    if LOOKED_AFTER_FLAG in (person.flags or []):
        return add_years(born, int(rules["looked_after"]["years"])), "looked_after"
    return add_years(born, int(rules["child_record"]["years"])), "child_record"


def retention_for(
    person_ids: list[int] | None = None, *, children_only: bool = False
) -> dict[int, Retention]:
    """The retention of every person (or of `person_ids`), in a fixed number of queries."""
    rules = schedule()
    people = Person.objects.only(
        "pk", "kind", "date_of_birth", "expected_date_of_birth", "created_at", "flags"
    )
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
    if children_only:
        people = people.exclude(kind=PersonKind.ADULT)
    people_list = list(people)
    ids = [p.pk for p in people_list]
    allegation_dates: dict[int, list[date | None]] = defaultdict(list)
    links = AllegationChild.objects.select_related("allegation__subject")
    if person_ids is not None:
        links = links.filter(person_id__in=ids)
    for link in links:
        allegation_dates[link.person_id].append(allegation_until(link.allegation))
    result: dict[int, Retention] = {}
    children = [p for p in people_list if p.kind != PersonKind.ADULT]
    for person in children:
        until, rule = _child_until(person, rules)
        retention = Retention(person.pk, until, rule, [RULE_LABELS[rule]])
        for allegation_date in allegation_dates.get(person.pk, []):
            retention.reasons.append(RULE_LABELS["allegation"])
            if allegation_date is None:
                retention.until, retention.rule = None, "allegation"
                break
            if retention.until is not None and allegation_date > retention.until:
                retention.until, retention.rule = allegation_date, "allegation"
        result[person.pk] = retention
    adults = [p for p in people_list if p.kind == PersonKind.ADULT]
    if adults and not children_only:
        result.update(_adult_retention(adults, rules, result))
    return result


def _adult_retention(
    adults: list[Person], rules: dict[str, dict[str, Any]], known: dict[int, Retention]
) -> dict[int, Retention]:
    adult_ids = [a.pk for a in adults]
    related: dict[int, set[int]] = defaultdict(set)
    for a, b in Relationship.objects.filter(
        Q(person_id__in=adult_ids) | Q(other_id__in=adult_ids)
    ).values_list("person_id", "other_id"):
        related[a].add(b)
        related[b].add(a)
    others = {i for a in adult_ids for i in related[a]} - set(known) - set(adult_ids)
    if others:
        known = {**known, **retention_for(sorted(others), children_only=True)}
    result: dict[int, Retention] = {}
    for adult in adults:
        until: date | None = add_years(adult.created_at.date(), int(rules["adult_record"]["years"]))
        for other in related[adult.pk]:
            child = known.get(other)
            if child is None or child.rule == "adult_record":
                continue
            if child.until is None:
                until = None
                break
            if until is not None and child.until > until:
                until = child.until
        result[adult.pk] = Retention(adult.pk, until, "adult_record", [RULE_LABELS["adult_record"]])
    return result


def due_people(day: date) -> list[Retention]:
    """Everyone whose retention ended before `day`, oldest first."""
    due = [r for r in retention_for().values() if r.due_on(day)]
    return sorted(due, key=lambda r: (r.until or day, r.person_id))


def due_allegations(day: date) -> list[tuple[Allegation, date]]:
    """Allegations against staff whose retention ended before `day`."""
    found = []
    for allegation in Allegation.objects.select_related("subject").order_by("received_at", "pk"):
        until = allegation_until(allegation)
        if until is not None and until < day:
            found.append((allegation, until))
    return found


@dataclass(frozen=True)
class RetentionStep:
    """What a retention run did with one record that was due: `outcome` is "held" (kept under a
    legal hold), "due" (a dry run: would be destroyed), "destroyed" or "refused" (kept; `error`
    says why). A person's step has `person_id` and `rule`; an allegation's has `allegation`."""

    number: int  # counts from 1: people first, then allegations
    outcome: str
    until: date | None
    person_id: int | None = None
    rule: str = ""
    allegation: Allegation | None = None
    error: str = ""

    @property
    def kept(self) -> bool:
        return self.outcome in ("held", "refused")

    @property
    def reason(self) -> str:
        """Why a kept record was kept."""
        return "under a legal hold" if self.outcome == "held" else self.error


@dataclass(frozen=True)
class RetentionDue:
    """Who and what is due for destruction on `day`, and which of those people are under a legal
    hold; made before anything is destroyed, so that a caller can count or describe them first."""

    day: date
    people: list[Retention]
    allegations: list[tuple[Allegation, date]]
    held: set[int]

    @property
    def total(self) -> int:
        return len(self.people) + len(self.allegations)


def retention_due(day: date) -> RetentionDue:
    people = due_people(day)
    held = set(
        LegalHold.objects.filter(
            person_id__in=[r.person_id for r in people], released_at__isnull=True
        ).values_list("person_id", flat=True)
    )
    return RetentionDue(day, people, due_allegations(day), held)


def retention_apply(
    due: RetentionDue,
    *,
    dry: bool,
    actor: User | None,
    progress: Callable[[RetentionStep], None],
) -> tuple[int, int]:
    """Destroy (or, in a dry run, only list) what is due, each person and each allegation in its
    own transaction, keeping people under a legal hold and whatever destruction refuses. Calls
    `progress` with each step as it is taken; returns (destroyed or would be, kept)."""
    from .services import DestructionRefused, allegation_destroy, person_destroy

    found: list[tuple[date | None, int | None, str, Allegation | None]]
    found = [(r.until, r.person_id, r.rule, None) for r in due.people]
    found += [(until, None, "", allegation) for allegation, until in due.allegations]
    destroyed = kept = 0
    for number, (until, person_id, rule, allegation) in enumerate(found, start=1):
        step = RetentionStep(number, "due", until, person_id, rule, allegation)
        if person_id in due.held:
            step = replace(step, outcome="held")
        elif not dry:
            try:
                if allegation is not None:
                    allegation_destroy(actor=actor, allegation_id=allegation.pk, day=due.day)
                elif person_id is not None:
                    person_destroy(actor=actor, person_id=person_id, day=due.day)
                step = replace(step, outcome="destroyed")
            except DestructionRefused as error:
                step = replace(step, outcome="refused", error=str(error))
        kept += step.kept
        destroyed += not step.kept
        progress(step)
    return destroyed, kept
