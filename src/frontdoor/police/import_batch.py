"""Writing a batch of checked police notifications: a fixed number of queries per batch.

For a batch (BATCH notifications) the children are matched to the people index together, open
cases found together, and the notifications, children, Operation Encompass notices, chronology
entries and audit events inserted with one statement each, in one savepoint. If the database
refuses anything in the batch, the savepoint is rolled back and the batch is written again one
notification at a time, each in its own savepoint: only the notification the database refuses is
left out (reported with its rows), and a notification is never half-written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.models import Model
from django.db.models.functions import Lower
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.models import AuditEvent
from frontdoor.audit.services import audit_event
from frontdoor.core.validators import postcode_key
from frontdoor.people.matching import normalise
from frontdoor.people.models import ChronologyEntry

from .encompass import age_on, encompass_due, encompass_routes
from .marac import marac_reasons
from .matching import ChildQuery, match_children, open_cases_for
from .models import (
    EncompassNotice,
    IncidentType,
    NotificationChild,
    PoliceImport,
    PoliceNotification,
)
from .rows import Row

PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)
BATCH = 250  # notifications written together (and committed together with the progress)


@dataclass
class Planned:
    """One notification ready to insert, with its children (not saved yet)."""

    group: list[Row]
    notification: PoliceNotification
    children: list[NotificationChild] = field(default_factory=list)


@dataclass
class Written:
    added: list[Planned] = field(default_factory=list)
    already_imported: list[list[Row]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)


def batch_write(
    *,
    actor: User | None,
    groups: list[list[Row]],
    record: PoliceImport,
    now: datetime,
    screening_day: Any,
) -> Written:
    """Write these notifications (each whole or not at all); call inside a transaction."""
    plans = _plan(groups, record, now, screening_day)
    try:
        with transaction.atomic():
            _insert(actor, plans)
        return Written(added=plans)
    except DatabaseError:
        pass  # something in the batch was refused: find which notification, one at a time
    written = Written()
    for group in groups:
        plan = _plan([group], record, now, screening_day)
        try:
            with transaction.atomic():
                _insert(actor, plan)
        except IntegrityError:
            if PoliceNotification.objects.filter(
                police_reference__iexact=group[0].reference
            ).exists():  # imported by another run at the same moment: nothing half-done
                written.already_imported.append(group)
            else:
                written.refused += _refused(group, "the database refused it")
        except DatabaseError as error:
            written.refused += _refused(group, f"the database refused it ({_first_line(error)})")
        else:
            written.added += plan
    return written


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def _refused(group: list[Row], why: str) -> list[dict[str, Any]]:
    rows = ", ".join(str(r.number) for r in group)
    return [
        {
            "row": r.number,
            "reference": r.reference,
            "reason": f"Not imported: {why}; nothing of this notification (rows {rows}) was "
            "saved. Import the file again later; if it is refused again, tell the system "
            "administrator the row numbers",
        }
        for r in group
    ]


def _plan(
    groups: list[list[Row]], record: PoliceImport, now: datetime, screening_day: Any
) -> list[Planned]:
    rows = [r for g in groups for r in g]
    matches = match_children(
        [
            ChildQuery(
                r.data["first_name"],
                r.data["last_name"],
                r.data["date_of_birth"],
                r.data["postcode"],
            )
            for r in rows
        ]
    )
    cases = open_cases_for(m.person.pk for m in matches if m.person is not None)
    found = iter(zip(rows, matches, strict=True))
    plans = []
    for group in groups:
        first = group[0].data
        victim_key = (
            f"{normalise(first['victim_name'])}|{postcode_key(first['postcode'])}"
            if first["victim_name"]
            else ""
        )
        plan = Planned(
            group=group,
            notification=PoliceNotification(
                police_reference=group[0].reference,
                incident_at=first["incident_at"],
                incident_type=first["incident_type"],
                dash_level=first["dash_level"],
                victim_name=first["victim_name"],
                perpetrator_name=first["perpetrator_name"],
                victim_key=victim_key[:120],
                address=first["address"],
                postcode=first["postcode"],
                summary=first["summary"],
                received_at=now,
                screening_day=screening_day,
                police_import=record,
            ),
        )
        for _ in group:
            row, match = next(found)
            d = row.data
            case = cases.get(match.person.pk) if match.person is not None else None
            plan.children.append(
                NotificationChild(
                    row_number=row.number,
                    first_name=d["first_name"],
                    last_name=d["last_name"],
                    date_of_birth=d["date_of_birth"],
                    address=d["address"],
                    postcode=d["postcode"],
                    school=d["school"],
                    present=d["present"],
                    person=match.person,
                    match_status=match.status,
                    match_note=match.note,
                    candidate_ids=match.candidate_ids,
                    routed_referral_id=case[0] if case else None,
                    routed_worker_id=case[1] if case else None,
                )
            )
        plans.append(plan)
    return plans


def _insert(actor: User | None, plans: list[Planned]) -> None:
    """Insert the planned notifications and all that comes with them, one statement per table."""
    insert_rows(PoliceNotification, [p.notification for p in plans])
    # Their ids, by reference as the unique index compares them (lower case).
    ids = dict(
        PoliceNotification.objects.annotate(key=Lower("police_reference"))
        .filter(key__in=[p.notification.police_reference.lower() for p in plans])
        .values_list("key", "pk")
    )
    children = []
    for p in plans:
        _saved(p.notification, ids[p.notification.police_reference.lower()])
        for child in p.children:
            child.notification = p.notification
            children.append(child)
    insert_rows(NotificationChild, children)
    child_ids = {
        (notification_id, number): pk
        for notification_id, number, pk in NotificationChild.objects.filter(
            notification_id__in=ids.values()
        ).values_list("notification_id", "row_number", "pk")
    }
    for child in children:
        _saved(child, child_ids[(child.notification_id, child.row_number)])
    insert_rows(EncompassNotice, _notices(plans))
    reasons = marac_reasons(
        [p.notification for p in plans],
        {
            p.notification.pk: {
                c.person.household_id for c in p.children if c.person and c.person.household_id
            }
            for p in plans
        },
    )
    by_reason: dict[str, list[int]] = {}
    for p in plans:
        p.notification.marac_reason = reasons[p.notification.pk]
        if p.notification.marac_reason:
            by_reason.setdefault(p.notification.marac_reason, []).append(p.notification.pk)
    if by_reason:
        # Part of creating these notifications (audited below), not a later change: one
        # statement for the batch, each notification given its reason.
        flagged = [(pk, r) for r, pks in by_reason.items() for pk in pks]
        quote = connection.ops.quote_name
        key, column = quote(str(PoliceNotification._meta.pk.column)), quote("marac_reason")
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(PoliceNotification._meta.db_table)} SET {column} = CASE {key} "
                f"{' '.join(['WHEN %s THEN %s'] * len(flagged))} ELSE {column} END "
                f"WHERE {key} IN ({', '.join(['%s'] * len(flagged))})",
                [v for pair in flagged for v in pair] + [pk for pk, _ in flagged],
            )
    insert_rows(ChronologyEntry, _chronology(actor, children))
    insert_rows(AuditEvent, _audit(actor, plans, children))


def _saved(obj: Model, pk: int) -> None:
    obj.pk = pk
    obj._state.adding, obj._state.db = False, connection.alias


def insert_rows(model: type[Model], objects: Sequence[Model]) -> None:
    """Insert rows whose ids are read back separately (or not needed), many rows a statement.
    `bulk_create` compiles each value through the query compiler, which for an import's batch
    costs more than the database's own work. The statement is made from the model's own table
    and columns only, with every value a parameter; dates, times and JSON are prepared by their
    field exactly as `save()` prepares them (text, numbers, booleans and ids need nothing).

    On PostgreSQL the rows go as one array a column (`INSERT ... SELECT * FROM unnest(...)`): a
    short statement whatever the number of rows, which the driver does not have to scan for
    thousands of placeholders and the server parses once. Elsewhere, one `VALUES` list."""
    if not objects:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    into = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(str(f.column)) for f in fields)}) "
    )
    plain = [isinstance(f, PLAIN_FIELDS) for f in fields]
    # A batch's rows share a few dates and times (received, incident, due): each distinct one is
    # prepared once, by its field, and reused.
    prepared: list[dict[Any, Any] | None] = [
        {} if isinstance(f, models.DateField) else None for f in fields
    ]

    def prepare(f: models.Field[Any, Any], cache: dict[Any, Any] | None, obj: Model) -> Any:
        value = f.pre_save(obj, add=True)
        if cache is None:
            return f.get_db_prep_save(value, connection)
        if value not in cache:
            cache[value] = f.get_db_prep_save(value, connection)
        return cache[value]

    def values(obj: Model) -> list[Any]:
        return [
            getattr(obj, f.attname) if as_is else prepare(f, cache, obj)
            for f, as_is, cache in zip(fields, plain, prepared, strict=True)
        ]

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            columns = list(zip(*(values(obj) for obj in objects), strict=True))
            arrays = ", ".join(f"%s::{f.db_type(connection)}[]" for f in fields)
            cursor.execute(f"{into}SELECT * FROM unnest({arrays})", [list(c) for c in columns])
            return
        one = f"({', '.join(['%s'] * len(fields))})"
        # SQLite takes 999 parameters a statement (Django's limit for it).
        per = max(1, min(500, (connection.features.max_query_params or 65535) // len(fields)))
        for start in range(0, len(objects), per):
            chunk = objects[start : start + per]
            params = [value for obj in chunk for value in values(obj)]
            cursor.execute(f"{into}VALUES {', '.join([one] * len(chunk))}", params)


def _notices(plans: list[Planned]) -> list[EncompassNotice]:
    """Operation Encompass notices for each child of a domestic abuse notification (the rules
    are `encompass.notices_create`'s: age on the incident date, school, educated at home)."""
    notices = []
    dues: dict[datetime, datetime] = {}  # incidents at the same time share a deadline
    for p in plans:
        n = p.notification
        if n.incident_type != IncidentType.DOMESTIC_ABUSE:
            continue
        due = dues.get(n.incident_at) or dues.setdefault(
            n.incident_at, encompass_due(n.incident_at)
        )
        for child in p.children:
            person = child.person
            born = person.date_of_birth if person and person.date_of_birth else child.date_of_birth
            school = (person.school if person and person.school else "") or child.school
            for recipient, organisation, why in encompass_routes(
                age=age_on(born, n.incident_at.date()),
                school=school,
                educated_at_home=bool(person and person.educated_at_home),
            ):
                notices.append(
                    EncompassNotice(
                        child=child,
                        recipient=recipient,
                        organisation=organisation,
                        routing_reason=why,
                        due_at=due,
                    )
                )
    return notices


def chronology_summary(child: NotificationChild) -> str:
    n = child.notification
    dash = f", DASH {n.get_dash_level_display().lower()}" if n.dash_level else ""
    present = "present" if child.present else "not present"
    return (
        f"Police notification {n.police_reference}: "
        f"{n.get_incident_type_display().lower()}{dash}; child {present}"
    )


def _chronology(actor: User | None, children: list[NotificationChild]) -> list[ChronologyEntry]:
    """The entries `people.services.chronology_add` writes, for each matched child."""
    return [
        ChronologyEntry(
            person=c.person,
            kind="police_notification",
            summary=chronology_summary(c),
            actor=actor if getattr(actor, "pk", None) else None,
            occurred_at=c.notification.incident_at,
            record_type=PoliceNotification._meta.model_name or "",
            record_id=str(c.notification.pk),
        )
        for c in children
        if c.person is not None
    ]


def _audit(
    actor: User | None, plans: list[Planned], children: list[NotificationChild]
) -> list[AuditEvent]:
    """The events `audit_record` would write for each notification created and child linked, built
    by the same `audit_event` and inserted at once."""
    at = timezone.now()

    def event(action: str, record_type: str, record_id: int, **more: Any) -> AuditEvent:
        return audit_event(
            actor=actor, action=action, record_type=record_type, record_id=record_id, at=at, **more
        )

    events = [
        event(
            "create",
            "police_notification",
            p.notification.pk,
            detail={"reference": p.notification.police_reference},
        )
        for p in plans
    ]
    events += [
        event(
            "link",
            "police_notification_child",
            c.pk,
            person_id=c.person_id,
            detail={"status": c.match_status, "reference": c.notification.police_reference},
        )
        for c in children
        if c.person is not None
    ]
    return events
