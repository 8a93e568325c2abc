"""The child's consistent identifier: record the NHS number (or why it is not known), and the tray
of children with open work and no NHS number."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_list_view
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.viewhelpers import attach_errors, posted

from . import selectors
from .access import access_person
from .identifier_forms import IdentifierForm
from .services.identifier import person_identifier_record

STALE = 409


@requires("edit_people")
def identifier_record(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, action="view_for_identifier")
    initial = {
        "nhs_number": person.nhs_number,
        "nhs_status": person.nhs_status,
        "nhs_verified_how": person.nhs_verified_how,
        "nhs_missing_reason": person.nhs_missing_reason,
        "version": person.version,
    }
    form = IdentifierForm(posted(request), initial=initial)
    status = 200
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        assert isinstance(request.user, User)
        try:
            person_identifier_record(
                actor=request.user,
                person=person,
                version=d["version"],
                nhs_number=d["nhs_number"],
                status=d["nhs_status"],
                verified_how=d["nhs_verified_how"],
                missing_reason=d["nhs_missing_reason"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = STALE
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "NHS number recorded")
            return redirect(reverse("people:detail", args=[person.pk]))
    context = {"person": person, "form": form}
    return render(request, "people/identifier_form.html", context, status=status)


@requires("edit_people")
def missing_identifiers(request: HttpRequest) -> HttpResponse:
    rows, total = selectors.children_without_nhs_number(user=request.user)
    audit_list_view(
        actor=request.user,
        record_type="children_without_nhs_number",
        person_ids=[r.person.pk for r in rows],
    )
    return render(request, "people/missing_identifiers.html", {"rows": rows, "total": total})
