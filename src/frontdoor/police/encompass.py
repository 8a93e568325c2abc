"""Operation Encompass: tell the school (or health visitor) before the start of the next school day.

Rules (docs/police-out-of-hours-exploitation.md):
- Only domestic abuse notifications create notices.
- Age is taken on the incident date. Under 5: the health visitor. Aged 4 to 16 (Reception to
  Year 11): the school's designated safeguarding lead, or the council's education team when the
  child is educated at home or no school is named (a 4-year-old with no school named is not yet at
  school: the health visitor only).
- Due: `settings.SCHOOL_DAY_START` (default 08:30) on the next working day after the incident
  (school days are working days). Source: national practice standard, s49A Domestic Abuse Act 2021.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.calendar import get_calendar
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.people.services import chronology_add
from frontdoor.sharing.services import share_encompass_notice

from .models import EncompassMethod, EncompassNotice, EncompassRecipient, NotificationChild

R = EncompassRecipient


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def encompass_routes(
    *, age: int, school: str, educated_at_home: bool
) -> list[tuple[str, str, str]]:
    """(recipient, organisation, reason) for each notice a child of `age` needs."""
    routes: list[tuple[str, str, str]] = []
    if age < 5:
        routes.append((R.HEALTH_VISITOR, "Health visiting service", "Under five"))
    if 4 <= age <= 16:
        if educated_at_home:
            routes.append((R.EDUCATION_TEAM, "Council education team", "Educated at home"))
        elif school:
            routes.append((R.SCHOOL_DSL, school, "School age"))
        elif age >= 5:
            routes.append(
                (
                    R.EDUCATION_TEAM,
                    "Council education team",
                    "School age but no school named: the education team finds the school",
                )
            )
    return routes


def encompass_due(incident_at: datetime) -> datetime:
    """Before the start of the next school day: SCHOOL_DAY_START on the next working day."""
    return get_calendar().at_next_working_day(incident_at, settings.SCHOOL_DAY_START)


def notices_create(child: NotificationChild, *, incident_at: datetime) -> list[EncompassNotice]:
    """Create the notices for one child of a domestic abuse notification (inside the import)."""
    person = child.person
    born = person.date_of_birth if person and person.date_of_birth else child.date_of_birth
    school = (person.school if person and person.school else "") or child.school
    routes = encompass_routes(
        age=age_on(born, incident_at.date()),
        school=school,
        educated_at_home=bool(person and person.educated_at_home),
    )
    due = encompass_due(incident_at)
    return EncompassNotice.objects.bulk_create(
        [
            EncompassNotice(
                child=child, recipient=r, organisation=org, routing_reason=why, due_at=due
            )
            for r, org, why in routes
        ]
    )


def notices_reroute_for_person(child: NotificationChild, *, actor: User) -> None:
    """After a match is confirmed: a child educated at home goes to the education team, not a school."""
    if child.person is None or not child.person.educated_at_home:
        return
    for notice in child.notices.filter(recipient=R.SCHOOL_DSL, notified_at__isnull=True):
        notice.recipient = R.EDUCATION_TEAM
        notice.organisation = "Council education team"
        notice.routing_reason = "Educated at home"
        save_version(notice, actor=actor, fields=["recipient", "organisation", "routing_reason"])


@transaction.atomic
def encompass_notice_record(
    *,
    actor: User,
    notice: EncompassNotice,
    told_name: str,
    method: str,
    notified_at: datetime | None,
    note: str = "",
    version: int | None = None,
    now: datetime | None = None,
) -> EncompassNotice:
    """Record who was told, when and how (the notice is locked; a stale page is refused)."""
    now = now or timezone.now()
    # Only non-null joins: PostgreSQL cannot lock the nullable side of an outer join.
    notice = lock_version(
        EncompassNotice.objects.select_related("child__notification"),
        notice.pk,
        expected=version,
    )
    errors: dict[str, str] = {}
    if notice.notified_at is not None:
        errors["told_name"] = "This notification has already been recorded as made"
    if not (told_name or "").strip():
        errors["told_name"] = "Enter the name of the person who was told"
    if method not in EncompassMethod.values:
        errors["method"] = "Select how they were told"
    if notified_at is None:
        errors["notified_at"] = "Enter the date and time they were told"
    elif notified_at > now:
        errors["notified_at"] = "Date and time told must be now or in the past"
    if errors:
        raise ValidationError(errors)
    notice.told_name, notice.method, notice.notified_at = told_name.strip(), method, notified_at
    notice.note = note.strip()
    notice.recorded_by = actor if getattr(actor, "pk", None) else None
    save_version(
        notice, actor=actor, fields=["told_name", "method", "notified_at", "note", "recorded_by"]
    )
    person = notice.child.person
    audit_record(
        actor=actor,
        action="update",
        record_type="encompass_notice",
        record_id=notice.pk,
        person_id=person.pk if person else None,
        detail={"recipient": notice.recipient, "late": notice.was_late},
    )
    if person is not None:
        chronology_add(
            person=person,
            kind="operation_encompass",
            actor=actor,
            occurred_at=notified_at,
            record=notice,
            summary=f"Operation Encompass: {notice.get_recipient_display().lower()} "
            f"({notice.organisation}) told by {notice.get_method_display().lower()}",
        )
    share_encompass_notice(actor=actor, notice=notice)
    return notice


@transaction.atomic
def encompass_school_nurse_add(
    *, actor: User, child: NotificationChild, organisation: str
) -> EncompassNotice:
    """The optional school nurse notice, due at the same time as the school's. The database
    refuses a second school nurse notice for the child (unique_encompass_recipient)."""
    if child.notification.incident_type != "domestic_abuse":
        raise ValidationError(
            {"organisation": "Operation Encompass applies to domestic abuse only"}
        )
    if not (organisation or "").strip():
        raise ValidationError({"organisation": "Enter the school nursing service to tell"})
    try:
        with transaction.atomic():
            notice = EncompassNotice.objects.create(
                child=child,
                recipient=R.SCHOOL_NURSE,
                organisation=organisation.strip(),
                routing_reason="Added by the MASH",
                due_at=encompass_due(child.notification.incident_at),
            )
    except IntegrityError:  # unique_encompass_recipient: added already, perhaps by someone else
        existing = child.notices.get(recipient=R.SCHOOL_NURSE)
        raise ValidationError(
            {
                "organisation": f"{existing.organisation} is already on the list to be told "
                f"about {child.full_name} for police notification "
                f"{child.notification.police_reference}"
            }
        ) from None
    audit_record(
        actor=actor,
        action="create",
        record_type="encompass_notice",
        record_id=notice.pk,
        person_id=child.person_id,
    )
    return notice
