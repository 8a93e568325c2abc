"""People: search, the person page (with household and chronology), creation and who viewed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.accounts.decorators import requires
from frontdoor.audit.selectors import audit_views_of_person
from frontdoor.audit.services import audit_list_view

from . import selectors, services
from .access import access_person, restricted_ids
from .forms import AccessGrantForm, PersonForm, SearchForm, WhoViewedForm
from .panels import panels_for


@requires("view_people")
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        results = selectors.person_search(
            user=request.user,
            text=d["q"],
            dob=d["dob"],
            dob_from=d["dob_from"],
            dob_to=d["dob_to"],
            postcode=d["postcode"],
        )
        audit_list_view(
            actor=request.user,
            record_type="person_search",
            person_ids=[r.person.pk for r in results],
        )
    return render(request, "people/search.html", {"form": form, "results": results})


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # No role check here: the gate refuses anyone who may not see this person with a 404 (so a
    # partner learns nothing about whether the record exists) and audits the refusal.
    person = access_person(request.user, pk)
    household = selectors.household_of(user=request.user, person=person, include_restricted=True)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "household": household,
            "hidden": restricted_ids(request.user, [m.person.pk for m in household]),
            "addresses": person.addresses.all(),
            "other_names": person.names.exclude(kind="current"),
            "chronology": selectors.chronology_of(person=person)[:200],
            "panels": panels_for(request.user, person),
        },
    )


@requires("edit_people")
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(
        request.POST or None, initial=request.GET.dict() if not request.POST else None
    )
    duplicates = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        duplicates = selectors.person_likely_duplicates(
            user=request.user,
            first_name=d["first_name"],
            last_name=d["last_name"],
            date_of_birth=d["date_of_birth"],
            nhs_number=d["nhs_number"],
        )
        if not duplicates or d["not_a_duplicate"]:
            try:
                person = services.person_create(
                    actor=request.user,
                    kind=d["kind"],
                    first_name=d["first_name"],
                    last_name=d["last_name"],
                    date_of_birth=d["date_of_birth"],
                    expected_date_of_birth=d["expected_date_of_birth"],
                    sex=d["sex"],
                    gender_identity=d["gender_identity"],
                    ethnicity=d["ethnicity"],
                    nhs_number=d["nhs_number"],
                    upn=d["upn"],
                    disabilities=d["disabilities"],
                    first_language=d["first_language"],
                    school=d["school"],
                    other_names=form.other_name_pairs(),
                    address={"line1": d["line1"], "town": d["town"], "postcode": d["postcode"]},
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"{person.full_name} added to the people index")
                if request.GET.get("for") == "contact":
                    return redirect(f"{reverse('intake:contact_new')}?person={person.pk}")
                return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "duplicates": duplicates})


@requires("view_audit")
def who_viewed(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, action="view_audit")
    form = WhoViewedForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = audit_views_of_person(
        person_id=person.pk,
        username=filters.get("username", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )[:500]
    return render(
        request, "people/who_viewed.html", {"person": person, "form": form, "events": events}
    )


@requires("manage_access")
def access_list(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, action="view_access_list")
    form = AccessGrantForm(request.POST or None)
    if request.method == "POST" and "remove" in request.POST:
        user = get_user_model().objects.filter(pk=request.POST["remove"]).first()
        if user:
            services.person_access_revoke(actor=request.user, person=person, user=user)
            messages.success(request, f"{user.display_name} removed from the access list")
        return redirect("people:access_list", pk=person.pk)
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.filter(username=form.cleaned_data["username"]).first()
        if user is None:
            form.add_error("username", "There is no user with that username")
        else:
            services.person_access_grant(actor=request.user, person=person, user=user)
            messages.success(request, f"{user.display_name} added to the access list")
            return redirect("people:access_list", pk=person.pk)
    entries = person.access_list.select_related("user", "granted_by")
    return render(
        request, "people/access_list.html", {"person": person, "form": form, "entries": entries}
    )
