"""Everything held about one person, section by section: each section is one model and the lookup
that finds that person's rows (one query each). A record type added later belongs here too; the
test `test_every_model_about_a_person_is_exported` fails until it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from frontdoor.administration.models import BreakGlassGrant
from frontdoor.allegations.models import Allegation, AllegationChild
from frontdoor.assessments.models import (
    Assessment,
    AssessmentGuidance,
    BottomLine,
    CaseMapping,
    ChildSeen,
    DangerStatement,
    GroupSupervision,
    NextStep,
    PersonToSee,
    ScalingScore,
    SupervisionParticipant,
)
from frontdoor.audit.models import AuditEvent
from frontdoor.casenotes.models import CaseNote
from frontdoor.cases.models import Allocation, LeadPractitioner, Referral
from frontdoor.child_protection.models import (
    ActionItem,
    ChildProtectionPlan,
    ReviewConference,
    Section47Enquiry,
    StrategyDiscussion,
)
from frontdoor.child_protection.models import (
    Participant as StrategyParticipant,
)
from frontdoor.core.templatetags.govuk import ukdate, ukdatetime
from frontdoor.documents.models import Document
from frontdoor.duplicates.models import DuplicatePair, Merge
from frontdoor.earlyhelp.models import EarlyHelpEpisode, StepDown
from frontdoor.exploitation.models import (
    ExploitationContribution,
    ExploitationIndicator,
    ExploitationScreening,
)
from frontdoor.intake.models import Contact, ContactChild
from frontdoor.letters.models import Letter
from frontdoor.out_of_hours.models import EdtRecord
from frontdoor.people.models import (
    Address,
    ChronologyEntry,
    Person,
    PersonCorrection,
    PersonName,
    Relationship,
)
from frontdoor.peopleimport.models import ExternalReference
from frontdoor.police.models import EncompassNotice, NotificationChild, PoliceNotification
from frontdoor.preproceedings.models import PreProceedings
from frontdoor.reporting.models import CheckResult
from frontdoor.screening.models import (
    Decision as ScreeningDecision,
)
from frontdoor.screening.models import (
    InformationRequest,
    Oversight,
    RagRating,
    ReferrerUpdate,
    Screening,
)
from frontdoor.sharing.models import SharingRecord
from frontdoor.visits.models import CINPlan, StatutoryVisit

from ..models import LegalHold, SubjectAccessExport

# (section title, model, lookup to the person's id).
SECTIONS: list[tuple[str, type[models.Model], str]] = [
    ("Person", Person, "pk"),
    ("Names", PersonName, "person_id"),
    ("Addresses", Address, "person_id"),
    ("Relationships", Relationship, "person_id"),
    ("Relationships (recorded from the other person)", Relationship, "other_id"),
    ("Chronology", ChronologyEntry, "person_id"),
    ("Corrections to the record", PersonCorrection, "person_id"),
    ("Emergency (break-glass) access to the record", BreakGlassGrant, "person_id"),
    ("Contacts", Contact, "children__person_id"),
    ("Contact links", ContactChild, "person_id"),
    ("Screenings", Screening, "person_id"),
    ("RAG ratings", RagRating, "screening__person_id"),
    ("Information requests", InformationRequest, "screening__person_id"),
    ("Screening decisions", ScreeningDecision, "screening__person_id"),
    ("Management oversight", Oversight, "decision__screening__person_id"),
    ("Updates to the referrer", ReferrerUpdate, "contact__children__person_id"),
    ("Referrals", Referral, "person_id"),
    ("Allocations", Allocation, "referral__person_id"),
    ("Assessment guidance", AssessmentGuidance, "person_id"),
    ("People to see", PersonToSee, "guidance__person_id"),
    ("Assessments", Assessment, "person_id"),
    ("Visits (child seen)", ChildSeen, "assessment__person_id"),
    ("Case mappings", CaseMapping, "person_id"),
    ("Danger statements", DangerStatement, "mapping__person_id"),
    ("Next steps", NextStep, "mapping__person_id"),
    ("Scaling scores", ScalingScore, "mapping__person_id"),
    ("Bottom lines", BottomLine, "mapping__person_id"),
    ("Group supervision", GroupSupervision, "person_id"),
    ("Group supervision participants", SupervisionParticipant, "supervision__person_id"),
    ("Strategy discussions", StrategyDiscussion, "person_id"),
    ("Strategy discussion participants", StrategyParticipant, "discussion__person_id"),
    ("Strategy discussion actions", ActionItem, "discussion__person_id"),
    ("Section 47 enquiries", Section47Enquiry, "person_id"),
    ("Child protection plans", ChildProtectionPlan, "person_id"),
    ("Review conferences", ReviewConference, "plan__person_id"),
    ("Allegations against staff (links)", AllegationChild, "person_id"),
    ("Allegations against staff", Allegation, "child_links__person_id"),
    ("Police notifications", PoliceNotification, "children__person_id"),
    ("Police notification (this child)", NotificationChild, "person_id"),
    ("Operation Encompass notices", EncompassNotice, "child__person_id"),
    ("Out of hours records", EdtRecord, "person_id"),
    ("Exploitation screenings", ExploitationScreening, "person_id"),
    ("Exploitation indicators", ExploitationIndicator, "screening__person_id"),
    ("Exploitation contributions", ExploitationContribution, "screening__person_id"),
    ("Early help step-downs", StepDown, "person_id"),
    ("Early help episodes", EarlyHelpEpisode, "person_id"),
    ("Lead practitioners", LeadPractitioner, "person_id"),
    ("Case notes", CaseNote, "person_id"),
    ("Child in need plans", CINPlan, "person_id"),
    ("Statutory visits", StatutoryVisit, "person_id"),
    ("Pre-proceedings", PreProceedings, "person_id"),
    ("Documents", Document, "person_id"),
    ("Letters", Letter, "person_id"),
    ("Possible duplicate records (as the first record)", DuplicatePair, "person_a_id"),
    ("Possible duplicate records (as the second record)", DuplicatePair, "person_b_id"),
    ("Merges (as the record kept)", Merge, "survivor_id"),
    ("Merges (as the record merged in)", Merge, "merged_id"),
    ("References in other systems", ExternalReference, "person_id"),
    ("Data quality checks for statutory returns", CheckResult, "person_id"),
    ("Information sharing", SharingRecord, "person_id"),
    ("Legal holds", LegalHold, "person_id"),
    ("Earlier subject access exports", SubjectAccessExport, "person_id"),
]

# Columns that are not the person's information (search keys, internal flags).
SKIPPED_FIELDS = {
    "first_norm",
    "last_norm",
    "first_key",
    "last_key",
    "last_soundex",
    "first_soundex",
    "last_anagram",
    "postcode_key",
    "version",
    "sha256",
}


@dataclass
class Section:
    title: str
    model: str
    rows: list[dict[str, Any]]


def _value(obj: models.Model, field: models.Field[Any, Any]) -> Any:
    if isinstance(field, models.ForeignKey):
        target = getattr(obj, field.attname)
        if target is None:
            return None
        if field.related_model._meta.label == "accounts.User":
            # Staff acting in their professional role: named (ICO subject access guidance).
            return getattr(getattr(obj, field.name), "display_name", str(target))
        return target
    value = getattr(obj, field.attname)
    if isinstance(value, datetime):
        return ukdatetime(value)
    if isinstance(value, date):
        return ukdate(value)
    if isinstance(value, Decimal):
        return str(value)
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    return value


def _rows(model: type[models.Model], lookup: str, person_id: int) -> list[dict[str, Any]]:
    fields = [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS]
    users = [
        f.name
        for f in fields
        if isinstance(f, models.ForeignKey) and f.related_model._meta.label == "accounts.User"
    ]
    qs = model._default_manager.filter(**{lookup: person_id}).select_related(*users).distinct()
    return [
        {("id" if f.primary_key else f.name): _value(obj, f) for f in fields}
        for obj in qs.order_by("pk")
    ]


def collect(person_id: int) -> list[Section]:
    """Every section that holds rows about the person, plus the audit of who viewed or changed
    their records (who, role, what, when: the detail column is internal and left out)."""
    sections: list[Section] = []
    for title, model, lookup in SECTIONS:
        rows = _rows(model, lookup, person_id)
        if rows:
            sections.append(Section(title, model._meta.label, rows))
    audit = [
        {
            "when": ukdatetime(e.at),
            "who": e.actor_username,
            "role": e.actor_role,
            "action": e.action,
            "record_type": e.record_type,
            "record_id": e.record_id,
        }
        for e in AuditEvent.objects.filter(person_id=person_id).order_by("at", "pk")
    ]
    if audit:
        sections.append(Section("Who viewed or changed these records", "audit.AuditEvent", audit))
    return sections
