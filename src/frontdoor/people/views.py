"""People: search, the person page (with household and chronology), creation, who viewed, the
access list, corrections, sealing and unsealing, and the yearly review of seals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.audit.selectors import audit_views_of_person
from frontdoor.audit.services import audit_list_view
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, attach_more_errors, posted, requires_any

from . import selectors, services
from .access import access_person, access_seal, restricted_ids
from .forms import (
    AccessGrantForm,
    AddressChangeForm,
    CorrectionForm,
    PersonForm,
    SealForm,
    SealReviewForm,
    SearchForm,
    UnsealForm,
    WhoViewedForm,
)
from .guards import may_manage_seals, seal_refusal, unseal_refusal
from .panels import panels_for

STALE = 409  # a stale post is shown again, as typed, with who changed the record


def acting(request: HttpRequest) -> User:
    """The signed-in user (every page here needs sign-in, so never anonymous)."""
    assert isinstance(request.user, User)
    return request.user


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
            "corrections": selectors.corrections_of(person=person),
            "seals": selectors.seals_of(person=person),
            "may_manage_seals": may_manage_seals(acting(request)),
            "may_correct": acting(request).can("edit_people"),
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
    seal = next((s for s in selectors.seals_of(person=person) if s.unsealed_at is None), None)
    return render(
        request,
        "people/access_list.html",
        {"person": person, "form": form, "entries": entries, "seal": seal},
    )


@requires("edit_people")
def person_correct(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, action="view_for_correction")
    initial = {f: getattr(person, f) for f in services.CORRECTABLE} | {"version": person.version}
    form = CorrectionForm(posted(request), initial=initial)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            services.person_correct(
                actor=acting(request),
                person=person,
                reason=form.cleaned_data["reason"],
                changes=form.changes(),
                expected_version=form.cleaned_data["version"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = STALE
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Details corrected. The correction is shown below")
            return redirect(f"{reverse('people:detail', args=[person.pk])}#corrections")
    context = {"person": person, "form": form}
    return render(request, "people/correct_form.html", context, status=status)


@requires("edit_people")
@one_time_create
def address_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a person's address beside correcting their details: a move (a new current address
    from a date, the old one ended and kept) or a mistyped address put right (with a reason)."""
    person = access_person(
        request.user, pk, action="change_address" if request.method == "POST" else "view"
    )
    current = person.addresses.filter(end_date__isnull=True).first()
    initial: dict[str, object] = {"version": person.version}
    if current is not None:
        initial |= {f: getattr(current, f) for f in ("line1", "line2", "town", "postcode")}
        initial["country"] = current.country
    form = AddressChangeForm(posted(request), initial=initial)
    status = 200
    if form.is_bound:
        valid = form.is_valid()
        d = form.cleaned_data
        address = {k: d.get(k) or "" for k in ("line1", "line2", "town", "postcode", "country")}
        change, moved_on, reason = d.get("change") or "", d.get("moved_on"), d.get("reason") or ""
        if valid:
            try:
                services.address_change(
                    actor=acting(request),
                    person=person,
                    change=change,
                    address=address,
                    moved_on=moved_on,
                    reason=reason,
                    expected_version=d["version"],
                )
            except StaleRecord as error:
                form.add_error(None, str(error))
                status = STALE
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, "Address changed. The change is shown below")
                return redirect(f"{reverse('people:detail', args=[person.pk])}#corrections")
        else:  # the service's checks too, so every problem shows at once
            attach_more_errors(
                form,
                lambda: services.address_change_check(
                    person=person, change=change, address=address, moved_on=moved_on, reason=reason
                ),
            )
        status = status if status != 200 else 400
    return render(
        request,
        "people/address_change.html",
        {"person": person, "form": form, "current": current},
        status=status,
    )


@requires_any("manage_access", "restricted_records")
@one_time_create
def person_seal(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, action="view_for_seal")
    candidates = selectors.seal_candidates(actor=acting(request))
    form = SealForm(posted(request), initial={"version": person.version}, candidates=candidates)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            services.person_seal(
                actor=acting(request),
                person=person,
                reason=form.cleaned_data["reason"],
                # The person sealing it is always on the list, so they can manage it.
                access=[acting(request), *form.cleaned_data["access"]],
                expected_version=form.cleaned_data["version"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = STALE
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, "Record sealed. Only the people on its access list can open it"
            )
            return redirect("people:access_list", pk=person.pk)
    refusal = seal_refusal(actor=acting(request), person=person)
    context = {"person": person, "form": form, "refusal": refusal}
    return render(request, "people/seal_form.html", context, status=status)


@requires_any("manage_access", "restricted_records")
def person_unseal(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(request.user, pk, action="view_for_unseal")
    form = UnsealForm(posted(request), initial={"version": person.version})
    status = 200
    if form.is_bound and form.is_valid():
        try:
            services.person_unseal(
                actor=acting(request),
                person=person,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = STALE
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Record unsealed and its access list cleared")
            return redirect("people:detail", pk=person.pk)
    refusal = unseal_refusal(actor=acting(request), person=person)
    context = {"person": person, "form": form, "refusal": refusal}
    return render(request, "people/unseal_form.html", context, status=status)


@requires("restricted_records")
def seal_review_list(request: HttpRequest) -> HttpResponse:
    """Seals last checked 12 calendar months ago or more, for restricted-records managers."""
    user = acting(request)
    seals = selectors.seals_due_review(user=user)
    hidden = restricted_ids(user, [s.person_id for s in seals])
    shown = [s.person_id for s in seals if s.person_id not in hidden]
    audit_list_view(actor=user, record_type="seal_review", person_ids=shown)
    rows = [
        (s, SealReviewForm(initial={"version": s.version}, prefix=f"seal-{s.pk}")) for s in seals
    ]
    return render(request, "people/seal_review_list.html", {"rows": rows, "hidden": hidden})


@requires("restricted_records")
@require_POST
@one_time_create
def seal_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Reviewed: keep sealed. A refusal (stale, not due, unsealed) is shown with the reason and
    the note as typed, with a link back to the list."""
    seal = access_seal(request.user, pk, action="view_for_review")
    form = SealReviewForm(request.POST, prefix=f"seal-{seal.pk}")
    form.is_valid()  # both fields are optional; a missing version skips the stale check
    try:
        services.seal_review(
            actor=acting(request),
            seal=seal,
            note=form.cleaned_data.get("note", ""),
            expected_version=form.cleaned_data.get("version"),
        )
    except (StaleRecord, ValidationError) as error:
        text = str(error) if isinstance(error, StaleRecord) else " ".join(error.messages)
        context = {"message": text, "note": form.cleaned_data.get("note", "")}
        return render(request, "people/seal_review_refused.html", context, status=409)
    messages.success(request, "Review recorded: the record stays sealed for another 12 months")
    return redirect("people:seal_review_list")
