"""Third parties in a subject access export, and their redaction.

Everyone other than the subject whose identity the records carry is a third party: relatives and
household members, other children on the same contact or police notification, people to see named
in an assessment, referrers, and the adult an allegation is about. By default every one is
redacted: each field that holds their identity (referrer name, phone and email; the name of someone
to see) is replaced, and each of their names is replaced wherever it appears in free text. The
officer's review may release named third parties (the requester is the parent, or they consented;
ICO guidance on subject access and third-party information, DPA 2018 Schedule 2 paragraph 16).
Staff acting in their professional role are not redacted. A sealed third party the officer may not
see is always redacted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from frontdoor.allegations.models import Allegation, AllegationChild
from frontdoor.assessments.models import PersonToSee
from frontdoor.intake.models import Contact, ContactChild
from frontdoor.people.access import RESTRICTED, restricted_ids
from frontdoor.people.models import Person, PersonName, Relationship
from frontdoor.police.models import NotificationChild

from .collect import Section

MIN_TOKEN = 3  # single names shorter than this are not searched for on their own


@dataclass
class ThirdParty:
    key: str
    description: str
    names: list[str]
    person_id: int | None = None
    label: str = ""
    fields: dict[tuple[str, Any], list[str]] = field(default_factory=dict)  # (model, id) -> fields

    @property
    def name(self) -> str:
        return self.names[0] if self.names else ""


def _person_parties(subject: Person, ids: dict[int, str]) -> list[ThirdParty]:
    names: dict[int, list[str]] = {pid: [] for pid in ids}
    for person in Person.objects.filter(pk__in=ids).order_by("pk"):
        names[person.pk].append(person.full_name)
    for n in PersonName.objects.filter(person_id__in=ids).order_by("pk"):
        full = f"{n.first_name} {n.last_name}".strip()
        if full not in names[n.person_id]:
            names[n.person_id].append(full)
    return [
        ThirdParty(key=f"person:{pid}", description=ids[pid], names=names[pid], person_id=pid)
        for pid in sorted(ids)
        if names[pid]
    ]


def find_third_parties(subject: Person) -> list[ThirdParty]:
    p = subject.pk
    people: dict[int, str] = {}
    for _a, b, kind in Relationship.objects.filter(person_id=p).values_list(
        "person_id", "other_id", "kind"
    ):
        people.setdefault(b, f"Relationship ({kind})")
    for a, kind in Relationship.objects.filter(other_id=p).values_list("person_id", "kind"):
        people.setdefault(a, f"Relationship ({kind})")
    if subject.household_id:
        for other in Person.objects.filter(household_id=subject.household_id).exclude(pk=p):
            people.setdefault(other.pk, "Household member")
    contact_ids = list(
        ContactChild.objects.filter(person_id=p).values_list("contact_id", flat=True)
    )
    for link in ContactChild.objects.filter(contact_id__in=contact_ids).exclude(person_id=p):
        people.setdefault(link.person_id, f"Another child on contact {link.contact_id}")
    allegation_ids = list(
        AllegationChild.objects.filter(person_id=p).values_list("allegation_id", flat=True)
    )
    for child in AllegationChild.objects.filter(allegation_id__in=allegation_ids).exclude(
        person_id=p
    ):
        people.setdefault(child.person_id, "Another child in an allegation")
    see = list(PersonToSee.objects.filter(guidance__person_id=p).exclude(person_id=p))
    for s in see:
        if s.person_id:
            people.setdefault(s.person_id, f"Person to see ({s.get_relationship_display()})")
    parties = _person_parties(subject, people)
    for s in see:
        if not s.person_id and s.name:
            parties.append(ThirdParty(f"see:{s.pk}", "Person to see", [s.name]))
    for contact in Contact.objects.filter(pk__in=contact_ids).order_by("pk"):
        if contact.referrer_name:
            parties.append(
                ThirdParty(
                    f"referrer:{contact.pk}",
                    f"Referrer on contact {contact.pk}"
                    + (f" ({contact.referrer_role})" if contact.referrer_role else ""),
                    [contact.referrer_name],
                    fields={
                        ("intake.Contact", contact.pk): [
                            "referrer_name",
                            "referrer_phone",
                            "referrer_email",
                        ]
                    },
                )
            )
    notifications = (
        NotificationChild.objects.filter(notification__children__person_id=p)
        .exclude(person_id=p)
        .filter(person__isnull=True)
    )
    for unmatched in notifications.distinct().order_by("pk"):
        parties.append(
            ThirdParty(
                f"police_child:{unmatched.pk}",
                "Another child on a police notification",
                [f"{unmatched.first_name} {unmatched.last_name}"],
                fields={("police.NotificationChild", unmatched.pk): ["first_name", "last_name"]},
            )
        )
    for allegation in Allegation.objects.filter(pk__in=allegation_ids).select_related("subject"):
        if allegation.subject is not None:
            parties.append(
                ThirdParty(
                    f"allegation_subject:{allegation.subject_id}",
                    f"The adult allegation {allegation.reference} is about",
                    [allegation.subject.full_name],
                )
            )
        if allegation.referrer_name:
            parties.append(
                ThirdParty(
                    f"allegation_referrer:{allegation.pk}",
                    f"Referrer of allegation {allegation.reference}",
                    [allegation.referrer_name],
                    fields={("allegations.Allegation", allegation.pk): ["referrer_name"]},
                )
            )
    for s in see:
        for party in parties:
            if party.person_id == s.person_id or party.key == f"see:{s.pk}":
                party.fields[("assessments.PersonToSee", s.pk)] = ["name"]
    unique: dict[str, ThirdParty] = {}
    for party in parties:
        unique.setdefault(party.key, party)
    for n, party in enumerate(unique.values(), start=1):
        party.label = f"[Redacted: third party {n}]"
    return list(unique.values())


def hidden_keys(user: Any, parties: list[ThirdParty]) -> set[str]:
    """Third parties sealed from this user: always redacted, shown as "Restricted record"."""
    hidden = restricted_ids(user, [t.person_id for t in parties if t.person_id])
    return {t.key for t in parties if t.person_id in hidden}


def review_rows(user: Any, parties: list[ThirdParty]) -> list[dict[str, Any]]:
    hidden = hidden_keys(user, parties)
    return [
        {
            "key": t.key,
            "label": t.label,
            "description": t.description,
            "name": RESTRICTED if t.key in hidden else t.name,
            "releasable": t.key not in hidden,
        }
        for t in parties
    ]


def _pattern(subject: Person, parties: list[ThirdParty]) -> list[tuple[re.Pattern[str], str]]:
    own = {
        t.lower()
        for t in f"{subject.first_name} {subject.middle_names} {subject.last_name}".split()
    }
    found: dict[str, str] = {}
    for party in parties:
        for name in party.names:
            name = " ".join(name.split())
            if name:
                found.setdefault(name.lower(), party.label)
            for token in name.split():
                if len(token) >= MIN_TOKEN and token.lower() not in own:
                    found.setdefault(token.lower(), party.label)
    ordered = sorted(found.items(), key=lambda item: -len(item[0]))
    return [
        (re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE), label)
        for text, label in ordered
    ]


def redact(
    subject: Person, sections: list[Section], parties: list[ThirdParty], released: set[str]
) -> list[Section]:
    """A copy of `sections` with every third party not in `released` redacted."""
    withheld = [t for t in parties if t.key not in released]
    patterns = _pattern(subject, withheld)
    by_field: dict[tuple[str, Any], dict[str, str]] = {}
    for party in withheld:
        for target, names in party.fields.items():
            for name in names:
                by_field.setdefault(target, {})[name] = party.label

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            for pattern, label in patterns:
                value = pattern.sub(label, value)
            return value
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    result = []
    for section in sections:
        rows = []
        for row in section.rows:
            forced = by_field.get((section.model, row.get("id")), {})
            rows.append({k: (forced[k] if k in forced and v else clean(v)) for k, v in row.items()})
        result.append(Section(section.title, section.model, rows))
    return result
