"""The alerts banner shown at the top of every page of a child (the person page and the pages of
records about the child): on a child protection plan, sealed, the allocated worker or
"Unallocated", open allegation involvement (designated officers only), MARAC.

Pages show it with `{% load alerts %}{% child_alerts person %}`; the page has already let the
child through its gate, so the user may see the child. Each alert is read from the record that
holds it (the plan, the referral, the allegation, the police notification), never copied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from frontdoor.core.calendar import window_start
from frontdoor.core.templatetags.govuk import ukdate

from .models import Person

# MARAC: a child in a household discussed at a MARAC (or flagged for one) in the last 12 months.
MARAC_MONTHS = 12


@dataclass(frozen=True)
class Alert:
    key: str  # cp_plan, sealed, allocation, allegation, marac
    label: str  # the tag: "Child protection plan"
    text: str  # the detail in words
    colour: str  # a GOV.UK tag colour


def child_alerts(user: Any, person: Person, today: date | None = None) -> list[Alert]:
    """The alerts for `person` as `user` may see them, most serious first."""
    from frontdoor.allegations.models import AllegationChild, Status
    from frontdoor.cases.models import Allocation, Referral
    from frontdoor.child_protection.models import ChildProtectionPlan
    from frontdoor.earlyhelp.models import EarlyHelpEpisode
    from frontdoor.police.models import NotificationChild

    today = today or timezone.localdate()
    alerts: list[Alert] = []
    plan = (
        ChildProtectionPlan.objects.filter(person=person, end_date__isnull=True)
        .only("start_date")
        .first()
    )
    if plan is not None:
        alerts.append(
            Alert("cp_plan", "Child protection plan", f"Since {ukdate(plan.start_date)}", "red")
        )
    if person.sealed:
        alerts.append(
            Alert(
                "sealed",
                "Sealed record",
                "Only the people on its access list can open it. Do not share its details",
                "purple",
            )
        )
    referral = (
        Referral.objects.filter(person=person, closure_date__isnull=True)
        .select_related("worker")
        .first()
    )
    episode = (
        EarlyHelpEpisode.objects.filter(person=person, end_date__isnull=True)
        .only("pk", "lead_professional")
        .first()
    )
    if referral is not None:
        alerts.append(_allocation("Referral", referral.worker))
    if episode is not None:
        held = (
            Allocation.objects.filter(episode=episode, end__isnull=True)
            .select_related("worker")
            .first()
        )
        alerts.append(_allocation("Early help", held.worker if held else None))
    if referral is None and episode is None:
        alerts.append(Alert("allocation", "No open case", "No open referral or early help", "grey"))
    if user.can("allegations"):
        involved = AllegationChild.objects.filter(
            person=person, allegation__status=Status.OPEN
        ).count()
        if involved:
            plural = "s" if involved != 1 else ""
            alerts.append(
                Alert(
                    "allegation",
                    "Allegation",
                    f"Named in {involved} open allegation{plural} against an adult",
                    "orange",
                )
            )
    since = window_start(today, MARAC_MONTHS)
    marac = (
        NotificationChild.objects.filter(person=person, notification__incident_at__date__gte=since)
        .exclude(notification__marac_reason="", notification__marac_referred_at__isnull=True)
        .select_related("notification")
        .order_by("-notification__incident_at")
        .first()
    )
    if marac is not None:
        n = marac.notification
        text = (
            f"Referred to MARAC {ukdate(n.marac_referred_at)}"
            if n.marac_referred_at
            else f"Flagged for MARAC: {n.marac_reason}"
        )
        alerts.append(Alert("marac", "MARAC", text, "pink"))
    return alerts


def _allocation(work: str, worker: Any) -> Alert:
    if worker is None:
        return Alert("allocation", "Unallocated", f"{work}: no named worker yet", "yellow")
    return Alert("allocation", "Allocated worker", f"{work}: {worker.display_name}", "blue")
