"""One child of a police notification: the decision, confirming the match, the school nurse;
and the MARAC referral of a notification. Records come only through the gates in `access`."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.core.concurrency import StaleRecord, Versioned
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted
from frontdoor.people.access import access_person, restricted_ids
from frontdoor.people.models import Person

from . import selectors, services
from .access import access_notification, access_notification_child
from .encompass import encompass_school_nurse_add
from .forms import ConfirmMatchForm, DecisionForm, MaracForm, SchoolNurseForm
from .marac import marac_referral_record


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # every page here is behind @requires
    return request.user


def stale(form: forms.Form, error: StaleRecord) -> None:
    """Show who changed the record; keep what was typed, now against the current version, so
    sending it again (after checking) is a deliberate choice."""
    form.add_error(None, str(error))
    data = cast(QueryDict, form.data).copy()
    data["version"] = str(error.record.version)
    form.data = data


def _initial(record: Versioned) -> dict[str, int]:
    return {"version": record.version}


@requires("police_screening")
def child_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    child = access_notification_child(user, pk)
    form = DecisionForm(posted(request), initial=_initial(child))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_decision_record(actor=user, child=child, **form.cleaned_data)
        except StaleRecord as error:
            stale(form, error)
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Decision recorded for {child.full_name}")
            return redirect("police:day", day=child.notification.screening_day.isoformat())
    siblings = selectors.sibling_children(child)
    history = (
        selectors.history_items(
            person_id=child.person_id,
            until=child.notification.received_at,
            exclude_notification_id=child.notification_id,
        )
        if child.person_id
        else None
    )
    context = {
        "child": child,
        "n": child.notification,
        "form": form,
        "history": history,
        "notices": list(child.notices.all()),
        "siblings": siblings,
        "hidden": restricted_ids(user, [s.person_id for s in siblings]),
    }
    return render(request, "police/child.html", context, status=status)


def _candidate_choices(people: list[Person]) -> list[tuple[str, str]]:
    return [
        (
            str(p.pk),
            f"{p.full_name}, born {p.date_of_birth:%d/%m/%Y}" if p.date_of_birth else p.full_name,
        )
        for p in people
    ]


@requires("police_screening")
def child_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    child = access_notification_child(user, pk, action="review_match")
    choices = _candidate_choices(selectors.candidates_for(user=user, child=child))
    form = ConfirmMatchForm(posted(request), choices=choices, initial=_initial(child))
    version = form.data.get("version") if request.method == "POST" else None
    expected = int(version) if version and version.isdigit() else None
    status = 200
    try:
        if request.method == "POST" and request.POST.get("create") == "1":
            services.notification_child_create_person(actor=user, child=child, version=expected)
            messages.success(request, f"{child.full_name} added to the people index")
            return redirect("police:child", pk=child.pk)
        if request.method == "POST" and form.is_valid():
            person = access_person(
                user,
                form.cleaned_data["person"],
                action="link",
                record_type="police_notification_child",
                record_id=child.pk,
            )
            services.notification_child_confirm(
                actor=user, child=child, person=person, version=form.cleaned_data["version"]
            )
            messages.success(request, f"{child.full_name} matched to {person.full_name}")
            return redirect("police:child", pk=child.pk)
    except StaleRecord as error:
        stale(form, error)
        status = 409
    except ValidationError as error:
        attach_errors(form, error)
    return render(request, "police/confirm.html", {"child": child, "form": form}, status=status)


@requires("police_screening")
@one_time_create
def school_nurse(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    child = access_notification_child(user, pk, action="update")
    form = SchoolNurseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            encompass_school_nurse_add(actor=user, child=child, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "School nurse added to the Operation Encompass notices")
            return redirect("police:child", pk=child.pk)
    return render(request, "police/school_nurse.html", {"child": child, "form": form})


@requires("police_screening")
@one_time_create
def marac(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    notification = access_notification(user, pk, action="marac")
    form = MaracForm(posted(request), initial=_initial(notification))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            marac_referral_record(actor=user, notification=notification, **form.cleaned_data)
        except StaleRecord as error:
            stale(form, error)
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, f"MARAC referral recorded for {notification.police_reference}"
            )
            return redirect("police:day", day=notification.screening_day.isoformat())
    context = {"n": notification, "form": form}
    return render(request, "police/marac.html", context, status=status)
