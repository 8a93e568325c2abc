"""What the deadline scan tells people, every few minutes (idempotent: each notification has a
key, and a user is never told the same thing twice). It runs by itself as a periodic job
(`FRONTDOOR_PERIODIC_JOBS`, jobs/periodic.py: the job worker in production, the web server in the
embedded demo); `frontdoor notify_deadlines` runs it once by hand.

- deadlines within 2 working hours (or just passed): a screening's decision (to its owner), an
  urgent referral's allocation (to those who allocate);
- out-of-hours handovers due within 2 working hours and not yet acknowledged (to the MASH);
- events of the last day in other areas: a decision returned with a challenge (to the practitioner
  who made it), a decision awaiting authorisation (to managers), a partner's answer to an
  information request (to the screening's owner).

Allocation is told at once by the allocation service; these are picked up by the scan so the
areas that make them need not know about notifications.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role, capabilities_for
from frontdoor.cases.models import Referral
from frontdoor.core.calendar import get_calendar
from frontdoor.core.templatetags.govuk import ukdatetime
from frontdoor.out_of_hours.models import EdtRecord
from frontdoor.screening.models import (
    Decision,
    DecisionStatus,
    InformationRequest,
    Oversight,
    OversightKind,
    Screening,
    ScreeningStatus,
)

from .models import Kind
from .services import notify

# Deadline notices: Working Together's clocks are short; two working hours gives time to act.
WARN_WORKING_HOURS = 2.0
# Events older than this are not announced (a first run does not flood people with history).
LOOKBACK = timedelta(days=1)


def holders(capability: str) -> list[User]:
    roles = [str(r) for r in Role if capability in capabilities_for(r)]
    return list(User.objects.filter(role__in=roles, is_active=True))


def periodic(now: datetime) -> str:
    """The periodic job (FRONTDOOR_PERIODIC_JOBS, jobs/periodic.py): the scan, as a summary."""
    made = run(now)
    return "Notifications made: " + ", ".join(f"{kind} {n}" for kind, n in made.items())


def run(now: datetime) -> dict[str, int]:
    """Make every notification due at `now`; returns how many of each kind were made."""
    horizon = get_calendar().add_working_hours(now, WARN_WORKING_HOURS)
    since = now - LOOKBACK
    made = {
        "deadline": _screening_deadlines(now, horizon, since)
        + _allocation_deadlines(horizon, since),
        "handover": _handovers(horizon, since),
        "challenge": _challenges(since),
        "authorisation": _authorisations(since),
        "information": _answers(since),
    }
    return made


def _when(deadline: datetime) -> str:
    return f"due {ukdatetime(deadline)}"


def _screening_deadlines(now: datetime, horizon: datetime, since: datetime) -> int:
    screenings = Screening.objects.filter(
        status__in=[ScreeningStatus.OPEN, ScreeningStatus.RETURNED],
        owner__isnull=False,
        contact__decision_due_at__lte=horizon,
        contact__decision_due_at__gte=since,
    ).select_related("owner", "person", "contact")
    count = 0
    for s in screenings:
        due = s.contact.decision_due_at
        assert s.owner is not None
        count += len(
            notify(
                users=s.owner,
                kind=Kind.DEADLINE,
                subject_text=f"Screening decision for {{name}} {_when(due)}",
                url=reverse("screening:detail", args=[s.pk]),
                person=s.person,
                key=f"deadline:screening:{s.pk}:{due:%Y%m%d%H%M}",
                now=now,
            )
        )
    return count


def _allocation_deadlines(horizon: datetime, since: datetime) -> int:
    referrals = Referral.objects.filter(
        urgent=True,
        worker__isnull=True,
        closure_date__isnull=True,
        allocation_due__lte=horizon,
        allocation_due__gte=since,
    ).select_related("person")
    managers = holders("allocate")
    count = 0
    for r in referrals:
        assert r.allocation_due is not None
        count += len(
            notify(
                users=managers,
                kind=Kind.DEADLINE,
                subject_text=f"Urgent referral for {{name}} to allocate, {_when(r.allocation_due)}",
                url=reverse("cases:referral_allocate", args=[r.pk]),
                person=r.person,
                key=f"deadline:allocate:{r.pk}",
            )
        )
    return count


def _handovers(horizon: datetime, since: datetime) -> int:
    records = EdtRecord.objects.filter(
        acknowledged_at__isnull=True, handover_due_at__lte=horizon, handover_due_at__gte=since
    ).select_related("person")
    mash = holders("acknowledge_handover")
    count = 0
    for record in records:
        count += len(
            notify(
                users=mash,
                kind=Kind.HANDOVER,
                subject_text=f"Out-of-hours handover for {{name}} {_when(record.handover_due_at)}",
                url=reverse("out_of_hours:detail", args=[record.pk]),
                person=record.person,
                key=f"handover:{record.pk}",
            )
        )
    return count


def _challenges(since: datetime) -> int:
    challenges = Oversight.objects.filter(
        kind=OversightKind.CHALLENGE, at__gte=since
    ).select_related("decision__decided_by", "decision__screening__person", "by")
    count = 0
    for c in challenges:
        decision = c.decision
        count += len(
            notify(
                users=decision.decided_by,
                kind=Kind.CHALLENGE,
                subject_text=f"{c.by.display_name} returned your decision for {{name}} "
                "with a challenge",
                url=reverse("screening:detail", args=[decision.screening_id]),
                person=decision.screening.person,
                key=f"challenge:{c.pk}",
            )
        )
    return count


def _authorisations(since: datetime) -> int:
    decisions = (
        Decision.objects.filter(status=DecisionStatus.AWAITING)
        .filter(Q(decided_at__gte=since) | Q(changed_at__gte=since))
        .select_related("screening__person", "decided_by")
    )
    managers = holders("authorise")
    count = 0
    for d in decisions:
        urgent = "Strategy discussion: " if d.is_strategy else ""
        others = [m for m in managers if m.pk != d.decided_by_id]
        count += len(
            notify(
                users=others,
                kind=Kind.AUTHORISATION,
                subject_text=f"{urgent}{d.decided_by.display_name}'s decision for {{name}} "
                "needs authorisation",
                url=reverse("screening:review", args=[d.screening_id]),
                person=d.screening.person,
                key=f"authorise:{d.pk}:{d.version}",
            )
        )
    return count


def _answers(since: datetime) -> int:
    answered = InformationRequest.objects.filter(
        received_at__gte=since, screening__owner__isnull=False
    ).select_related("screening__owner", "screening__person")
    count = 0
    for r in answered:
        owner = r.screening.owner
        assert owner is not None
        count += len(
            notify(
                users=owner,
                kind=Kind.INFORMATION,
                subject_text=f"{r.get_agency_display()} answered your information request "
                "about {name}",
                url=reverse("screening:detail", args=[r.screening_id]),
                person=r.screening.person,
                key=f"information:{r.pk}",
            )
        )
    return count
