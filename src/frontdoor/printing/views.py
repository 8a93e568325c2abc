"""Printable pages (the print layout: council name, date printed, OFFICIAL-SENSITIVE). Each reads
its record through that record's gate with the action "print", so printing is audited against
the child like any other view, and refused (404, audited) like any other view."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from frontdoor.accounts.decorators import requires
from frontdoor.allegations.access import access_meeting, lado_required
from frontdoor.child_protection.access import access_s47, access_strategy_discussion
from frontdoor.core.viewhelpers import requires_any
from frontdoor.intake.access import access_contact
from frontdoor.people.access import access_person
from frontdoor.people.selectors import chronology_of

from .selectors import screenings_of


@requires_any("view_queue", "screen", "record_contact")
def contact_print(request: HttpRequest, pk: int) -> HttpResponse:
    contact = access_contact(request.user, pk, action="print")
    rows = [(s, getattr(s, "decision", None)) for s in screenings_of(contact)]
    # The gate let the user in only if they may see every child on the contact.
    names = ", ".join(link.person.full_name for link in contact.children.all())
    return render(
        request,
        "printing/contact.html",
        {"contact": contact, "rows": rows, "children_names": names},
    )


@requires("view_chronology")
def chronology_print(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id, action="print_chronology")
    return render(
        request,
        "printing/chronology.html",
        {"person": person, "entries": chronology_of(person=person)},
    )


@requires_any("child_protection", "assess")
def strategy_print(request: HttpRequest, pk: int) -> HttpResponse:
    discussion = access_strategy_discussion(request.user, pk, action="print")
    return render(
        request,
        "printing/strategy.html",
        {
            "d": discussion,
            "participants": discussion.participants.all(),
            "actions": discussion.actions.order_by("due_date", "pk"),
        },
    )


@requires_any("child_protection", "assess")
def icpc_print(request: HttpRequest, pk: int) -> HttpResponse:
    s47 = access_s47(request.user, pk, action="print")
    plan = getattr(s47, "cp_plan_record", None)
    return render(request, "printing/icpc.html", {"s47": s47, "plan": plan})


@lado_required
def lado_meeting_print(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access_meeting(request.user, pk, action="print")
    subject = meeting.allegation.subject
    support = (
        f"{meeting.support_provider}: {meeting.support_description}"
        if meeting.support_provider
        else meeting.no_support_reason
    )
    return render(
        request,
        "printing/lado_meeting.html",
        {
            "meeting": meeting,
            "allegation": meeting.allegation,
            "role_and_employer": ", ".join(p for p in (subject.job_role, subject.employer) if p)
            if subject
            else "",
            "support": support,
            "decisions": meeting.decisions.all(),
            "actions": meeting.actions.order_by("due_on", "pk"),
        },
    )
