"""Destroying a person's records in dependency order (PROTECT foreign keys point from later records
to earlier ones, so the latest records go first). Called by `services.person_destroy` inside one
transaction per person: if anything still refers to the person (a record type added later and not
listed here), Django raises ProtectedError and the whole person is rolled back, never half-deleted.

What stays: records about OTHER children that mention this one in passing (a sibling's contact, a
sibling's guidance that named them as someone to see, which keeps the typed name but loses the
link), and the audit trail (append-only; ids and counts, see docs/data-protection.md).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import PROTECT, Count, Model, Q, QuerySet

from frontdoor.administration.models import BreakGlassGrant
from frontdoor.allegations.models import Allegation, AllegationChild, AllegationSubject
from frontdoor.assessments.models import (
    Assessment,
    AssessmentGuidance,
    CaseMapping,
    GroupSupervision,
    PersonToSee,
)
from frontdoor.casenotes.models import CaseNote
from frontdoor.cases.models import LeadPractitioner, Referral
from frontdoor.child_protection.models import (
    ChildProtectionPlan,
    Section47Enquiry,
    StrategyDiscussion,
)
from frontdoor.documents import storage
from frontdoor.documents.models import Document
from frontdoor.duplicates.models import DuplicatePair, Merge
from frontdoor.earlyhelp.models import EarlyHelpEpisode, StepDown
from frontdoor.exploitation.models import ExploitationScreening
from frontdoor.intake.models import Contact, ContactChild
from frontdoor.letters.models import Letter
from frontdoor.out_of_hours.models import EdtRecord
from frontdoor.people.models import Household, Person
from frontdoor.peopleimport.models import ExternalReference
from frontdoor.police.models import NotificationChild, PoliceNotification
from frontdoor.preproceedings.models import PreProceedings
from frontdoor.screening.models import ReferrerUpdate, Screening
from frontdoor.sharing.models import SharingRecord
from frontdoor.visits.models import CINPlan, StatutoryVisit

from .models import LegalHold


def _delete(qs: QuerySet[Any], removed: Counter[str]) -> None:
    # A queryset delete skips per-row audit on purpose: the destruction is audited once, as a whole,
    # by the caller (its stub lists these counts).
    _, counts = qs.delete()
    removed.update({label: n for label, n in counts.items() if n})


def _delete_chain(qs: QuerySet[Any], link: str, removed: Counter[str]) -> None:
    """Delete rows that point at each other through `link` (a screening and the one it follows):
    those nothing else points at first, until none are left."""
    remaining = set(qs.values_list("pk", flat=True))
    model = qs.model
    while remaining:
        pointed = set(
            model.objects.filter(pk__in=remaining, **{f"{link}__isnull": False}).values_list(
                link, flat=True
            )
        )
        leaves = remaining - pointed
        _delete(model.objects.filter(pk__in=leaves), removed)
        remaining -= leaves


def destroy_person_records(person: Person) -> dict[str, int]:
    """Delete everything held about `person` (a child or an adult); counts per model label."""
    removed: Counter[str] = Counter()
    p = person.pk
    contact_ids = set(ContactChild.objects.filter(person_id=p).values_list("contact_id", flat=True))
    notification_ids = set(
        NotificationChild.objects.filter(person_id=p).values_list("notification_id", flat=True)
    )
    _delete(
        SharingRecord.objects.filter(
            Q(person_id=p)
            | Q(encompass_notice__child__person_id=p)
            | Q(information_request__screening__person_id=p)
        ),
        removed,
    )
    _delete(BreakGlassGrant.objects.filter(person_id=p), removed)
    _delete(StatutoryVisit.objects.filter(person_id=p), removed)
    _delete(CINPlan.objects.filter(person_id=p), removed)
    _delete(PreProceedings.objects.filter(person_id=p), removed)
    _delete(CaseNote.objects.filter(person_id=p), removed)
    _delete(Letter.objects.filter(person_id=p), removed)
    _delete_documents(Document.objects.filter(Q(person_id=p) | Q(assessment__person_id=p)), removed)
    _delete(LeadPractitioner.objects.filter(person_id=p), removed)
    _delete(ExternalReference.objects.filter(person_id=p), removed)
    # A possible duplicate not merged goes with the record; a merge (and its pair) is kept and
    # refuses the destruction (ProtectedError), for the officer to consider.
    _delete(
        DuplicatePair.objects.filter(Q(person_a_id=p) | Q(person_b_id=p)).exclude(
            pk__in=Merge.objects.values("pair_id")
        ),
        removed,
    )
    _delete(EarlyHelpEpisode.objects.filter(person_id=p), removed)
    _delete(StepDown.objects.filter(person_id=p), removed)
    _delete_chain(ExploitationScreening.objects.filter(person_id=p), "previous", removed)
    _delete(EdtRecord.objects.filter(person_id=p), removed)
    _delete(AllegationChild.objects.filter(person_id=p), removed)
    _delete(NotificationChild.objects.filter(person_id=p), removed)
    _delete(GroupSupervision.objects.filter(person_id=p), removed)
    _delete(CaseMapping.objects.filter(person_id=p), removed)
    _delete(ChildProtectionPlan.objects.filter(person_id=p), removed)
    _delete(Section47Enquiry.objects.filter(person_id=p), removed)
    _delete(StrategyDiscussion.objects.filter(person_id=p), removed)
    _delete(Assessment.objects.filter(person_id=p), removed)
    _unlink_people_to_see(p, removed)
    _delete(AssessmentGuidance.objects.filter(person_id=p), removed)
    _delete(Screening.objects.filter(person_id=p), removed)
    _delete(Referral.objects.filter(person_id=p), removed)
    _delete(ContactChild.objects.filter(person_id=p), removed)
    _delete_orphan_contacts(contact_ids, removed)
    _delete_orphan_notifications(notification_ids, removed)
    _delete(LegalHold.objects.filter(person_id=p, released_at__isnull=False), removed)
    household_id = person.household_id
    _delete(Person.objects.filter(pk=p), removed)
    if household_id is not None:
        _delete(Household.objects.filter(pk=household_id, members__isnull=True), removed)
    return dict(sorted(removed.items()))


def _delete_documents(qs: QuerySet[Any], removed: Counter[str]) -> None:
    """Document rows go with the person; their files are removed once the destruction commits (a
    refusal rolls the rows back and leaves the files)."""
    names = list(qs.values_list("stored_name", flat=True))
    _delete(qs, removed)
    for name in names:
        transaction.on_commit(lambda name=name: storage.remove(name))


def _unlink_people_to_see(person_id: int, removed: Counter[str]) -> None:
    """Another child's guidance that names this person keeps the typed name (it is that child's
    record) but no longer links to a record that is gone."""
    for see in PersonToSee.objects.filter(person_id=person_id).exclude(
        guidance__person_id=person_id
    ):
        see.person = None
        see.save(update_fields=["person"])
        removed["assessments.PersonToSee (unlinked)"] += 1


def _referenced(model: type[Model], pks: set[int]) -> set[int]:
    """Of `pks`, those some other row still points at through a PROTECT foreign key."""
    kept: set[int] = set()
    for relation in model._meta.related_objects:
        if relation.on_delete is not PROTECT:
            continue
        kept |= set(
            relation.related_model._default_manager.filter(
                **{f"{relation.field.name}__in": pks}
            ).values_list(relation.field.name, flat=True)
        )
    return kept


def _delete_orphan_contacts(contact_ids: set[int], removed: Counter[str]) -> None:
    """A contact about this child only goes with them; one about siblings stays (theirs too)."""
    orphans = set(
        Contact.objects.filter(pk__in=contact_ids)
        .annotate(n=Count("children"))
        .filter(n=0)
        .values_list("pk", flat=True)
    )
    if not orphans:
        return
    _delete(
        SharingRecord.objects.filter(
            Q(contact_id__in=orphans) | Q(referrer_update__contact_id__in=orphans)
        ),
        removed,
    )
    _delete(ReferrerUpdate.objects.filter(contact_id__in=orphans), removed)
    _delete(Letter.objects.filter(contact_id__in=orphans), removed)
    _delete_documents(Document.objects.filter(contact_id__in=orphans), removed)
    _delete(Contact.objects.filter(pk__in=orphans - _referenced(Contact, orphans)), removed)


def _delete_orphan_notifications(ids: set[int], removed: Counter[str]) -> None:
    orphans = set(
        PoliceNotification.objects.filter(pk__in=ids)
        .annotate(n=Count("children"))
        .filter(n=0)
        .values_list("pk", flat=True)
    )
    if orphans:
        _delete(SharingRecord.objects.filter(marac_notification_id__in=orphans), removed)
        _delete(
            PoliceNotification.objects.filter(
                pk__in=orphans - _referenced(PoliceNotification, orphans)
            ),
            removed,
        )


def destroy_allegation_records(allegation: Allegation) -> dict[str, int]:
    """Delete an allegation against staff (meetings, outcome, the children's links) and its subject
    when no other allegation is about them."""
    removed: Counter[str] = Counter()
    subject_id = allegation.subject_id
    _delete(Allegation.objects.filter(pk=allegation.pk), removed)
    if subject_id is not None:
        _delete(AllegationSubject.objects.filter(pk=subject_id, allegations__isnull=True), removed)
    return dict(sorted(removed.items()))
