"""A child's family: household and relationships, a household started for a new family, family
members added, relationships ended, and one contact for all the household's children. The child
comes through the person gate, a relationship through its own gate."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from frontdoor.accounts.decorators import requires
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted

from . import services
from .access import access_person, access_relationship, restricted_ids
from .family_forms import FamilyMemberForm, HouseholdStartForm, RelationshipEndForm
from .family_selectors import household_children, relationships_of
from .selectors import household_of
from .views import STALE, acting


@requires("view_people")
def family(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting(request)
    person = access_person(user, pk, action="view_family")
    household = household_of(user=user, person=person, include_restricted=True)
    current, ended = relationships_of(user=user, person=person)
    children = household_children(user=user, person=person)
    contact_url = (
        f"{reverse('intake:contact_new')}?{urlencode([('person', c.pk) for c in children])}"
    )
    context = {
        "person": person,
        "household": household,
        "hidden": restricted_ids(user, [m.person.pk for m in household]),
        "current": current,
        "ended": ended,
        "children": children,
        "contact_url": contact_url,
        "may_edit": user.can("edit_people"),
        "may_record_contact": user.can("record_contact"),
        "start_form": HouseholdStartForm(),
    }
    return render(request, "people/family.html", context)


@requires("edit_people")
@require_POST
@one_time_create
def household_start(request: HttpRequest, pk: int) -> HttpResponse:
    person = access_person(acting(request), pk, action="start_household")
    form = HouseholdStartForm(request.POST)
    label = form.cleaned_data["label"] if form.is_valid() else ""
    try:
        services.household_start(actor=acting(request), person=person, label=label)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Household recorded. Add the family's other members")
    return redirect("people:family", pk=person.pk)


@requires("edit_people")
@one_time_create
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting(request)
    person = access_person(user, pk, action="add_family_member")
    form = FamilyMemberForm(posted(request), initial={"last_name": person.last_name})
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            member = services.family_member_add(actor=user, child=person, **d)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{member.full_name} added to the household")
            return redirect("people:family", pk=person.pk)
    return render(request, "people/family_member_form.html", {"person": person, "form": form})


@requires("edit_people")
def relationship_end(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting(request)
    rel = access_relationship(user, pk, action="view_for_end")
    form = RelationshipEndForm(posted(request), initial={"version": rel.version})
    status = 200
    back = rel.other if rel.other.is_child else rel.person
    if form.is_bound and form.is_valid():
        try:
            services.relationship_end(
                actor=user,
                relationship=rel,
                end_date=form.cleaned_data["end_date"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = STALE
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Relationship ended. It stays in the family's history")
            return redirect("people:family", pk=back.pk)
    context = {"rel": rel, "form": form, "back": back}
    return render(request, "people/relationship_end.html", context, status=status)
