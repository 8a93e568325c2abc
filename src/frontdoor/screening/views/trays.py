"""The work trays, late decisions and the restricted records queue."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.audit.services import audit_list_view, audit_record
from frontdoor.intake.selectors import may_hold_restricted_records, restricted_contacts
from frontdoor.police.selectors import restricted_notification_children

from .. import selectors
from .common import user_of


@requires("screen")
def trays(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    name = request.GET.get("tray", "mine")
    if name not in selectors.TRAYS or (name == "authorise" and not user.can("authorise")):
        name = "mine"
    now = timezone.now()
    context: dict[str, Any] = {
        "tray": name,
        "trays": selectors.TRAYS,
        "now": now,
        "counts": selectors.tray_counts(user=user, now=now),
        "can_authorise": user.can("authorise"),
    }
    page = selectors.tray_page(user=user, name=name, number=request.GET.get("page"), now=now)
    context["page"] = page
    if name == "feedback":
        context["contacts"] = page.rows
        shown = [cc.person_id for c in page.rows for cc in c.children.all()]
    else:
        context["rows"] = page.rows
        shown = [row.person_id for row in page.rows]
    audit_list_view(
        actor=user,
        record_type="work_tray",
        person_ids=shown,
        detail={"tray": name, "page": page.page.number},
    )
    return render(request, "screening/trays.html", context)


@requires("authorise")
def late(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    since = timezone.now() - timedelta(days=90)
    rows, by_reason = selectors.late_decisions(user=user, since=since)
    audit_list_view(
        actor=user,
        record_type="late_decisions",
        person_ids=[d.screening.person_id for d in rows],
        detail={"since": "90_days"},
    )
    return render(
        request, "screening/late.html", {"rows": rows, "by_reason": by_reason, "since": since}
    )


@requires("screen")
def restricted(request: HttpRequest) -> HttpResponse:
    """Restricted records: open contacts and police notifications about sealed people, with their
    clocks running. Each user sees only what they hold: records about people whose access list
    they are on, or, for a restricted-records manager, every one (names stay hidden unless they
    are on the list too)."""
    user = user_of(request)
    if not may_hold_restricted_records(user):
        audit_record(
            actor=user,
            action="refused",
            record_type="page",
            record_id=request.path[:100],
            detail={"capability": "restricted_records or a place on an access list"},
        )
        raise PermissionDenied(
            "Only restricted-records managers and people on an access list see restricted records"
        )
    contacts = restricted_contacts(user=user)
    police = restricted_notification_children(user)
    shown = [p.pk for c in contacts for p in c.visible_children if p.pk not in c.hidden]
    audit_list_view(actor=user, record_type="restricted_records", person_ids=shown)
    return render(
        request,
        "screening/restricted.html",
        {"contacts": contacts, "restricted_police": police, "now": timezone.now()},
    )
