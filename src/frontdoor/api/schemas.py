"""The request and response bodies of the partner API (they make the OpenAPI description)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from frontdoor.intake.models import ConcernCategory

# No NUL character in any text sent: PostgreSQL cannot store one (text or JSON), so it is refused
# at the door with a field message rather than failing in the database.
NO_NUL = r"^[^\x00]*$"


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None


class FieldError(Schema):
    field: str = Field(description="Where in the request body, e.g. children.0.date_of_birth")
    message: str


class ChildIn(Schema):
    first_name: str = Field(min_length=1, max_length=100, pattern=NO_NUL)
    last_name: str = Field(min_length=1, max_length=100, pattern=NO_NUL)
    date_of_birth: date
    address_line1: str = Field("", max_length=200, pattern=NO_NUL)
    postcode: str = Field("", max_length=10, pattern=NO_NUL)
    school: str = Field(
        "", max_length=200, pattern=NO_NUL, description="School or setting, if known"
    )


class ReferrerIn(Schema):
    name: str = Field("", max_length=200, pattern=NO_NUL)
    role: str = Field("", max_length=200, pattern=NO_NUL)
    phone: str = Field("", max_length=40, pattern=NO_NUL)
    email: str = Field("", max_length=200, pattern=NO_NUL)


class ConcernIn(Schema):
    """The multi-agency referral form's content."""

    children: list[ChildIn] = Field(min_length=1, max_length=10)
    concerns: str = Field(
        min_length=1,
        max_length=20000,
        pattern=NO_NUL,
        description="What you saw or were told, when, and what the child said, in their words",
    )
    categories: list[ConcernCategory] = Field(min_length=1, max_length=14)
    parents_aware: Literal["yes", "no", "not_known"]
    referrer: ReferrerIn = Field(default_factory=ReferrerIn)


class ChildAsSent(Schema):
    first_name: str
    last_name: str
    date_of_birth: date


class ConcernOut(Schema):
    id: int
    reference: str = Field(description="Quote it to the MASH: FD- and the id")
    received_at: datetime
    status: Literal["open", "decided"]
    status_label: str
    outcome: str | None = Field(description="What the MASH decided; null until decided")
    children: list[ChildAsSent] = Field(description="The children as you described them")


class PoliceRowIn(Schema):
    """One child of one notification: the columns of the daily file (docs/imports.md)."""

    police_reference: str = Field(max_length=100, pattern=NO_NUL)
    incident_date: str = Field(
        max_length=20, pattern=NO_NUL, description="DD/MM/YYYY or YYYY-MM-DD"
    )
    incident_time: str = Field("", max_length=10, pattern=NO_NUL, description="HH:MM")
    incident_type: str = Field(max_length=60, pattern=NO_NUL)
    dash_level: str = Field("", max_length=20, pattern=NO_NUL)
    victim_name: str = Field("", max_length=200, pattern=NO_NUL)
    perpetrator_name: str = Field("", max_length=200, pattern=NO_NUL)
    child_first_name: str = Field(max_length=100, pattern=NO_NUL)
    child_last_name: str = Field(max_length=100, pattern=NO_NUL)
    child_date_of_birth: str = Field(max_length=20, pattern=NO_NUL)
    child_address: str = Field("", max_length=300, pattern=NO_NUL)
    child_postcode: str = Field("", max_length=10, pattern=NO_NUL)
    child_school: str = Field("", max_length=200, pattern=NO_NUL)
    child_present: str = Field("", max_length=10, pattern=NO_NUL)
    summary: str = Field("", max_length=5000, pattern=NO_NUL)


class PoliceNotificationsIn(Schema):
    rows: list[PoliceRowIn] = Field(min_length=1, max_length=1000)


class RowError(Schema):
    row: int = Field(description="The row's position in `rows`, counting from 1")
    reference: str
    reason: str


class PoliceImportOut(Schema):
    import_id: int
    rows_read: int
    notifications_added: int
    children_added: int
    rows_already_imported: int
    errors: list[RowError]


class NoticeChild(Schema):
    first_name: str
    last_name: str
    date_of_birth: date


class EncompassNoticeOut(Schema):
    id: int
    child: NoticeChild
    incident_date: date
    recipient: str
    recipient_label: str
    organisation: str
    due_at: datetime
    acknowledged_at: datetime | None


class AcknowledgementIn(Schema):
    received_by: str = Field(
        min_length=1,
        max_length=200,
        pattern=NO_NUL,
        description="Who at your organisation received the notice",
    )
    note: str = Field("", max_length=2000, pattern=NO_NUL)


class InformationRequestOut(Schema):
    id: int
    child: NoticeChild | None
    question: str
    sent_at: datetime
    due_at: datetime
    answered_at: datetime | None


class AnswerIn(Schema):
    answered_by: str = Field(min_length=1, max_length=200, pattern=NO_NUL)
    shared: str = Field(
        min_length=1,
        max_length=20000,
        pattern=NO_NUL,
        description="What you know, or that you hold nothing",
    )


Problem.model_rebuild()
