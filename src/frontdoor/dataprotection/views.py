"""Data protection pages: the monthly retention review, a person's retention and legal holds, and
the subject access review and export. Destruction itself runs only from `apply_retention`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontdoor.accounts.decorators import requires
from frontdoor.audit.services import audit_list_view
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import FIELD, one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted, requires_any
from frontdoor.people.models import Person

from . import selectors, services
from .access import access_person_records
from .export import AlreadyExported, find_third_parties, sar_export
from .export.redact import review_rows
from .forms import FindPersonForm, HoldForm, ReleaseForm, SubjectAccessForm


@requires("retention")
def review(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = selectors.review_rows(request.user, today)
    find = FindPersonForm(request.GET or None)
    found = selectors.person_search(request.user, find.data.get("q", "")) if find.data else []
    audit_list_view(
        actor=request.user,
        record_type="retention_review",
        person_ids=[r.person_id for r in rows] + [p.pk for p in found],
        detail={"due_before": selectors.month_end(today).isoformat()},
    )
    context = {
        "rows": rows,
        "due_before": selectors.month_end(today),
        "allegations": selectors.allegations_due(today),
        "destroyed": selectors.recently_destroyed(today),
        "find": find,
        "found": found,
    }
    return render(request, "dataprotection/review.html", context)


def _person_page(
    request: HttpRequest,
    person: Person,
    *,
    hold_form: HoldForm | None = None,
    release_form: ReleaseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    active = selectors.active_hold(person)
    context: dict[str, Any] = {
        "person": person,
        "retention": selectors.person_retention(person),
        "holds": selectors.person_holds(person),
        "active": active,
        "exports": selectors.person_exports(person),
        "hold_form": hold_form or HoldForm(),
        "release_form": release_form
        or ReleaseForm(initial={"version": active.version if active else None}),
        "can_retain": request.user.can("retention"),  # type: ignore[union-attr]
        "can_export": request.user.can("subject_access"),  # type: ignore[union-attr]
    }
    return render(request, "dataprotection/person.html", context, status=status)


@requires_any("retention", "subject_access")
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    return _person_page(request, access_person_records(request.user, person_id))


@requires("retention")
@one_time_create
def hold_place(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person_records(request.user, person_id, action="legal_hold")
    form = HoldForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.legal_hold_place(
                actor=request.user,  # type: ignore[arg-type]
                person=person,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Legal hold placed on {person.full_name}'s records")
            return redirect("dataprotection:person", person_id=person.pk)
    return _person_page(request, person, hold_form=form, status=400 if form.errors else 200)


@requires("retention")
@require_POST
def hold_release(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person_records(request.user, person_id, action="legal_hold_release")
    form = ReleaseForm(request.POST)
    stale = False
    if form.is_valid():
        try:
            services.legal_hold_release(
                actor=request.user,  # type: ignore[arg-type]
                person=person,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            stale = True
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Legal hold on {person.full_name}'s records released")
            return redirect("dataprotection:person", person_id=person.pk)
    return _person_page(request, person, release_form=form, status=409 if stale else 400)


def _sar_page(
    request: HttpRequest, person: Person, form: SubjectAccessForm, rows: Any, status: int = 200
) -> HttpResponse:
    context = {"person": person, "form": form, "parties": rows}
    return render(request, "dataprotection/subject_access.html", context, status=status)


@requires("subject_access")
def subject_access(request: HttpRequest, person_id: int) -> HttpResponse:
    """The redaction review, then the export. Not `one_time_create`: the answer is the zip, not
    a redirect, so the form's token is kept on the export itself (unique in the database) and a
    second post of the same form makes no second export."""
    person = access_person_records(request.user, person_id, action="subject_access")
    parties = find_third_parties(person)
    rows = review_rows(request.user, parties)
    choices = [(r["key"], f"{r['label']}: {r['name']}") for r in rows if r["releasable"]]
    form = SubjectAccessForm(posted(request), choices=choices)
    if request.method != "POST" or not form.is_valid():
        return _sar_page(request, person, form, rows, status=400 if form.errors else 200)
    try:
        export = sar_export(
            actor=request.user,  # type: ignore[arg-type]
            person=person,
            requester=form.cleaned_data["requester"],
            received_on=form.cleaned_data["received_on"],
            release=form.cleaned_data["release"],
            form_token=request.POST.get(FIELD, "")[:64] or _missing_token(form),
            parties=parties,
        )
    except AlreadyExported as error:
        form.add_error(None, str(error))
        return _sar_page(request, person, form, rows, status=409)
    except (ValidationError, forms.ValidationError) as error:
        attach_errors(form, error)
        return _sar_page(request, person, form, rows, status=400)
    response = HttpResponse(export.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def _missing_token(form: SubjectAccessForm) -> str:
    raise ValidationError("The form has expired: open the page again and check the redactions.")
