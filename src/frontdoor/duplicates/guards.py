"""Whether two records may be merged, and whether a merge may be undone: each rule returns the
sentence the page shows, or None."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, UniqueConstraint

from frontdoor.people.access import can_see_person
from frontdoor.people.identifiers import NhsStatus
from frontdoor.people.models import Person, Relationship

from .models import Merge
from .relations import moved_links

# What a unique rule means for a merge, in words (others fall back to a general sentence).
RULE_TEXT = {
    "one_open_referral_per_child": "both have an open referral; close one first",
    "one_open_cp_plan_per_child": "both have an open child protection plan; end one first",
    "early_help_one_open_episode_per_child": "both have an open early help episode; close one first",
    "one_open_seal_per_person": "both records are sealed; unseal the one being merged first",
    "unique_person_access": "the same person is on both access lists",
    "unique_relationship": (
        "both are recorded with the same relationship to the same person; remove it from the "
        "record being merged first"
    ),
    "unique_contact_child": "both are children on the same contact",
    "one_first_exploitation_screening_per_child": "both have a first exploitation screening",
    "one_active_legal_hold_per_person": "both have an active legal hold; end one first",
}


def unique_conflicts(survivor: Person, merged: Person) -> list[str]:
    """Every record of `merged` that could not move to `survivor` without breaking a unique rule
    (one open referral per child, one open plan …), said in words. Checked before any move, so a
    merge is refused with the reasons rather than failing half-way."""
    found: list[str] = []
    for link in moved_links():
        model = link.model
        rules: list[tuple[list[str], Q | None, str]] = [
            (list(c.fields), c.condition, c.name or "")
            for c in model._meta.constraints
            if isinstance(c, UniqueConstraint) and link.name in c.fields
        ]
        rules += [(list(t), None, "") for t in model._meta.unique_together if link.name in t]
        if link.unique:
            rules.append(([link.name], None, ""))
        for fields, condition, name in rules:
            moving = model._base_manager.filter(**{link.name: merged.pk})
            existing = model._base_manager.all()
            if condition is not None:
                moving, existing = moving.filter(condition), existing.filter(condition)
            for values in moving.values(*fields):
                values[link.name] = survivor.pk
                if existing.filter(**values).exists():
                    why = RULE_TEXT.get(name) or (
                        f"both have a {model._meta.verbose_name} and only one is allowed"
                    )
                    found.append(f"{str(model._meta.verbose_name).capitalize()}: {why}")
                    break
    return sorted(set(found))


def merge_refusal(user: Any, survivor: Person, merged: Person) -> str | None:
    """Why these two records cannot be merged (into `survivor`), or None."""
    if survivor.pk == merged.pk:
        return "Choose two different records"
    if survivor.merged_into_id or merged.merged_into_id:
        return "One of these records has already been merged into another"
    if not (can_see_person(user, survivor) and can_see_person(user, merged)):
        return "You are not on the access list of one of these sealed records"
    if merged.sealed and not survivor.sealed:
        return (
            "The record being merged is sealed and the one kept is not. Keep the sealed record, "
            "so its records stay sealed"
        )
    verified = survivor.nhs_status == merged.nhs_status == NhsStatus.VERIFIED
    if verified and survivor.nhs_number != merged.nhs_number:
        # An unverified number may be a typo: the manager chooses which is right.
        return (
            f"These records have different verified NHS numbers ({survivor.nhs_number} and "
            f"{merged.nhs_number}), so they are different people. Correct the wrong NHS number "
            "first if one was mistyped"
        )
    related = Relationship.objects.filter(
        Q(person=survivor, other=merged) | Q(person=merged, other=survivor)
    ).first()
    if related is not None:
        return (
            f"These records are recorded as related to each other ({related.get_kind_display()}), "
            "so they are different people. Remove the relationship first if it is wrong"
        )
    conflicts = unique_conflicts(survivor, merged)
    if conflicts:
        return "These records cannot be merged yet. " + ". ".join(conflicts)
    return None


def undo_refusal(merge: Merge) -> str | None:
    """Why this merge cannot be undone, or None."""
    if merge.undone_at is not None:
        return "This merge has already been undone"
    if Merge.objects.filter(merged=merge.survivor, undone_at__isnull=True).exists():
        return (
            "The record kept by this merge has since been merged into another record. Undo that "
            "merge first"
        )
    by_link: dict[tuple[str, str], list[str]] = {}
    for move in merge.moves.all():
        by_link.setdefault((move.model, move.field), []).append(move.object_id)
    for link in moved_links():
        ids = by_link.pop((link.model._meta.label, link.name), [])
        if not ids:
            continue
        still = link.model._base_manager.filter(pk__in=ids, **{link.name: merge.survivor_id})
        if still.count() != len(ids):
            return (
                f"Some {link.model._meta.verbose_name_plural} moved by this merge have moved "
                "again since (a later merge). Undo the later merge first"
            )
    if by_link:
        return "Records this merge moved are no longer held here; it cannot be undone"
    return None
