"""Case note pages: a child's notes (with the oversight still needed), write a note, read one,
change it (its author, within the editing window) or add an amendment. The child comes through the
person gate, a note through its own gate."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted
from frontdoor.people.access import access_person, visible_people
from frontdoor.people.models import Person
from frontdoor.people.selectors import household_of

from . import selectors, services
from .access import access_case_note
from .forms import AmendmentForm, CaseNoteForm
from .models import CaseNote

STALE = 409


def acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _people(user: User, person: Person) -> list[tuple[str, str]]:
    """Who a note may say was seen: the child, then the household members this user may see
    (a sealed member the user is not on the list of is not offered)."""
    members = household_of(user=user, person=person)
    return [(str(person.pk), f"{person.full_name} (the child)")] + [
        (str(m.person.pk), f"{m.person.full_name} ({m.relationship.lower()})") for m in members
    ]


def _note_form(request: HttpRequest, person: Person, **kwargs: Any) -> CaseNoteForm:
    user = acting(request)
    return CaseNoteForm(
        posted(request),
        people=_people(user, person),
        oversight=user.can("management_oversight"),
        **kwargs,
    )


def _seen(user: User, form: CaseNoteForm) -> list[Person]:
    return list(visible_people(user).filter(pk__in=form.cleaned_data["seen"]))


@requires("view_chronology")
def person_notes(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting(request)
    person = access_person(user, pk, action="view_case_notes")
    context = {
        "person": person,
        "notes": selectors.notes_of(person=person),
        "oversight": selectors.oversight_needed(person=person),
        "perms_oversight": user.can("management_oversight"),
        "user_can_write": user.can("case_notes"),
    }
    return render(request, "casenotes/person_notes.html", context)


@requires("case_notes")
@one_time_create
def note_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting(request)
    person = access_person(user, pk, action="record_case_note")
    initial = {"kind": request.GET.get("kind", ""), "seen": [str(person.pk)]}
    form = _note_form(request, person, initial=initial)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            note = services.case_note_record(
                actor=user,
                person=person,
                kind=d["kind"],
                occurred_at=d["occurred_at"],
                text=d["text"],
                seen=_seen(user, form),
                others_seen=d["others_seen"],
                oversight_point=d.get("oversight_point", ""),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Case note saved. It is on the chronology")
            return redirect("casenotes:detail", pk=note.pk)
    context = {"person": person, "form": form, "new": True}
    return render(request, "casenotes/note_form.html", context)


@requires("view_chronology")
def note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting(request)
    note = access_case_note(user, pk)
    context = {
        "note": note,
        "person": note.person,
        "seen": _seen_shown(user, note),
        "amendments": note.amendments.select_related("amended_by"),
        "may_edit": user.can("case_notes") and not services.edit_refusal(actor=user, note=note),
        "may_amend": user.can("case_notes"),
    }
    return render(request, "casenotes/note_detail.html", context)


def _seen_shown(user: User, note: CaseNote) -> list[Person]:
    """Only the people seen that this user may see; a sealed one is left out, not named."""
    return list(visible_people(user).filter(pk__in=note.seen.values("pk")))


@requires("case_notes")
def note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting(request)
    note = access_case_note(user, pk, action="view_for_edit")
    refusal = services.edit_refusal(actor=user, note=note)
    initial = {
        "kind": note.kind,
        "oversight_point": note.oversight_point,
        "occurred_at": note.occurred_at,
        "seen": [str(p) for p in note.seen.values_list("pk", flat=True)],
        "others_seen": note.others_seen,
        "text": note.text,
        "version": note.version,
    }
    form = _note_form(request, note.person, initial=initial)
    status = 200
    if form.is_bound and not refusal and form.is_valid():
        d = form.cleaned_data
        try:
            services.case_note_edit(
                actor=user,
                note=note,
                expected_version=d["version"],
                kind=d["kind"],
                occurred_at=d["occurred_at"],
                text=d["text"],
                seen=_seen(user, form),
                others_seen=d["others_seen"],
                oversight_point=d.get("oversight_point", ""),
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = STALE
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Case note changed")
            return redirect("casenotes:detail", pk=note.pk)
    context = {"person": note.person, "note": note, "form": form, "refusal": refusal}
    return render(request, "casenotes/note_form.html", context, status=status)


@requires("case_notes")
@one_time_create
def note_amend(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting(request)
    note = access_case_note(user, pk, action="view_for_amendment")
    form = AmendmentForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.case_note_amend(actor=user, note=note, text=form.cleaned_data["text"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Amendment added to the case note")
            return redirect("casenotes:detail", pk=note.pk)
    context = {"person": note.person, "note": note, "form": form}
    return render(request, "casenotes/amend_form.html", context)
