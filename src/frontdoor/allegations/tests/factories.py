"""Builders for allegation test data, going through the real services."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.allegations import services
from frontdoor.allegations.models import Allegation, AllegationSubject, Meeting
from frontdoor.core.calendar import LONDON


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def make_subject(first: str = "Chris", last: str = "Teacher", **kw: Any) -> AllegationSubject:
    defaults: dict[str, Any] = dict(
        sector="education",
        job_role="Teaching assistant",
        employer="Demoton Primary School",
        date_of_birth=date(1980, 6, 15),
        regulated_activity=True,
    )
    defaults.update(kw)
    return services.subject_create(actor=None, first_name=first, last_name=last, **defaults)


def make_referral(
    received_at: datetime | None = None,
    subject: AllegationSubject | None = None,
    learned: date | None = None,
    actor: Any = None,
    **kw: Any,
) -> Allegation:
    received_at = received_at or at(2026, 11, 2)
    defaults: dict[str, Any] = dict(
        referrer_type="employer",
        harm_limbs=["harmed"],
        summary="A pupil said the assistant grabbed their arm.",
    )
    defaults.update(kw)
    return services.referral_record(
        actor=actor,
        subject=subject or make_subject(),
        received_at=received_at,
        employer_learned_on=learned or received_at.date(),
        now=received_at,
        **defaults,
    )


def consider(allegation: Allegation, actor: Any = None, **kw: Any) -> None:
    defaults: dict[str, Any] = dict(
        nature_and_context="Physical contact in class.",
        history="None known.",
        police_needed=False,
        s47_needed=False,
        stay_in_role="alternatives",
        alternatives_considered="Moved to non-contact duties.",
        hold_meeting=True,
        rationale="Harm test met; multi-agency meeting needed.",
    )
    defaults.update(kw)
    services.initial_consideration_record(
        actor=actor, allegation=allegation, now=allegation.received_at, **defaults
    )


COMPLETE_MEETING: dict[str, Any] = dict(
    held_on=date(2026, 11, 5),
    attendees="Alex Fairbairn, LADO\nSam Lee, police",
    key_issues="Whether the contact was restraint or assault.",
    support_provider="Union representative",
    support_description="Weekly contact and advice",
    no_support_reason="",
    feedback_due_on=date(2026, 11, 19),
    decisions=[("Police to interview the pupil", "Possible offence")],
    actions=[("Interview pupil", "DC Lee, police", date(2026, 11, 12))],
)


def final_meeting(allegation: Allegation, actor: Any = None, **kw: Any) -> Meeting:
    meeting = services.meeting_start(
        actor=actor, allegation=allegation, kind="initial", now=allegation.received_at
    )
    fields = dict(COMPLETE_MEETING)
    fields.update(kw)
    services.meeting_save(actor=actor, meeting=meeting, **fields)
    return services.meeting_finalise(actor=actor, meeting=meeting, now=allegation.received_at)


def officers() -> tuple[User, User]:
    """Two designated officers: one proposes an outcome, the other authorises it (four eyes)."""
    from frontdoor.conftest import make_user

    users = []
    for name in ("lado_proposer", "lado_authoriser"):
        user = User.objects.filter(username=name).first()
        users.append(user or make_user(name, Role.DESIGNATED_OFFICER, "Designated Officer Service"))
    return users[0], users[1]


def conclude(allegation: Allegation, *, now: datetime | None = None, **kw: Any) -> Allegation:
    """Propose the outcome as one designated officer and authorise it as another."""
    proposer, authoriser = officers()
    defaults: dict[str, Any] = dict(employer_action="none")
    defaults.update(kw)
    proposal = services.allegation_outcome_propose(
        actor=proposer, allegation=allegation, now=now, **defaults
    )
    return services.allegation_outcome_authorise(actor=authoriser, proposal=proposal, now=now)
