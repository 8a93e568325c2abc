"""Administration pages: accounts, teams, roles, partner organisations and break-glass access.

The system administrator manages accounts and settings, never cases: nothing here opens a child's
record, except break-glass, which only records the grant and sends the administrator to the person
page, whose gate checks the grant (frontdoor.people.access.access_person).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, posted
from frontdoor.people.access import restricted_ids

from . import selectors, services
from .access import access_account, access_organisation, access_team
from .forms import (
    BreakGlassForm,
    OrganisationEditForm,
    OrganisationForm,
    TeamEditForm,
    TeamForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
    VersionRequired,
)
from .guards import BREAK_GLASS


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@requires("admin")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "administration/home.html", {"closures": selectors.closures()})


@requires("admin")
def users(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    found = selectors.users_list(
        text=filters.get("text", ""), role=filters.get("role", ""), active=filters.get("active", "")
    )
    return render(request, "administration/users.html", {"form": form, "users": found})


@requires("admin")
@one_time_create
def user_new(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            user = services.user_create(
                actor=_actor(request),
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                details=form.details(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Account created for {user.display_name}")
            return redirect("administration:user_detail", pk=user.pk)
    return render(request, "administration/user_form.html", {"form": form, "account": None})


@requires("admin")
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = access_account(_actor(request), pk)
    return render(
        request,
        "administration/user_detail.html",
        {
            "account": user,
            "version": selectors.account_version(user),
            "activity": selectors.user_recent_activity(user),
            "changes": selectors.user_changes(user),
        },
    )


@requires("admin")
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = access_account(_actor(request), pk)
    initial = UserEditForm.initial_for(user, selectors.account_version(user))
    form = UserEditForm(posted(request), initial=initial)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            services.user_update(
                actor=_actor(request),
                user=user,
                version=form.cleaned_data["version"],
                details=form.details(),
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{user.display_name}'s account updated")
            return redirect("administration:user_detail", pk=user.pk)
    context = {"form": form, "account": user}
    return render(request, "administration/user_form.html", context, status=status)


def _set_active(request: HttpRequest, pk: int, *, active: bool) -> HttpResponse:
    user = access_account(_actor(request), pk)
    form = VersionRequired(request.POST)
    if not form.is_valid():
        messages.error(request, "Open the account page again and make your change from there")
        return redirect("administration:user_detail", pk=user.pk)
    change = services.user_reactivate if active else services.user_deactivate
    try:
        change(actor=_actor(request), user=user, version=form.cleaned_data["version"])
    except (StaleRecord, ValidationError) as error:
        messages.error(
            request, error.messages[0] if isinstance(error, ValidationError) else str(error)
        )
    else:
        done = "reactivated" if active else "deactivated"
        messages.success(request, f"{user.display_name}'s account {done}")
    return redirect("administration:user_detail", pk=user.pk)


@requires("admin")
@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=False)


@requires("admin")
@require_POST
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=True)


@requires("admin")
def roles(request: HttpRequest) -> HttpResponse:
    return render(request, "administration/roles.html", {"roles": selectors.roles_table()})


@requires("admin")
def teams(request: HttpRequest) -> HttpResponse:
    return render(request, "administration/teams.html", {"teams": selectors.teams_list()})


@requires("admin")
@one_time_create
def team_new(request: HttpRequest) -> HttpResponse:
    form = TeamForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            team = services.team_create(actor=_actor(request), **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Team {team.name} added")
            return redirect("administration:teams")
    return render(request, "administration/team_form.html", {"form": form, "team": None})


@requires("admin")
def team_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = access_team(_actor(request), pk)
    initial = {"name": team.name, "kind": team.kind, "version": selectors.team_version(team)}
    form = TeamEditForm(posted(request), initial=initial)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            services.team_update(actor=_actor(request), team=team, **form.cleaned_data)
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"Team {form.cleaned_data['name']} updated")
            return redirect("administration:teams")
    context = {"form": form, "team": team}
    return render(request, "administration/team_form.html", context, status=status)


@requires("admin")
def organisations(request: HttpRequest) -> HttpResponse:
    context = {"organisations": selectors.organisations_list()}
    return render(request, "administration/organisations.html", context)


@requires("admin")
@one_time_create
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            organisation = services.partner_organisation_create(
                actor=_actor(request), **form.cleaned_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{organisation.name} added")
            return redirect("administration:organisations")
    context = {"form": form, "organisation": None}
    return render(request, "administration/organisation_form.html", context)


@requires("admin")
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(_actor(request), pk)
    initial = {
        "name": organisation.name,
        "agency": organisation.agency,
        "active": organisation.active,
        "version": organisation.version,
    }
    form = OrganisationEditForm(posted(request), initial=initial)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            services.partner_organisation_update(
                actor=_actor(request), organisation=organisation, **form.cleaned_data
            )
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['name']} updated")
            return redirect("administration:organisations")
    context = {"form": form, "organisation": organisation}
    return render(request, "administration/organisation_form.html", context, status=status)


@requires(BREAK_GLASS)
def break_glass(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    mine = selectors.break_glass_grants(user=actor)
    everyone = selectors.break_glass_grants()
    hidden = restricted_ids(actor, [g.person_id for g in [*mine, *everyone]])
    open_ids = {g.pk for g in mine if selectors.grant_is_open(g)}
    context = {"mine": mine, "everyone": everyone, "hidden": hidden, "open_ids": open_ids}
    return render(request, "administration/break_glass.html", context)


@requires(BREAK_GLASS)
@one_time_create
def break_glass_new(request: HttpRequest) -> HttpResponse:
    form = BreakGlassForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            grant = services.break_glass_open(
                actor=_actor(request),
                person_id=form.cleaned_data["person"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Break-glass access given for one hour. It is audited")
            return redirect("people:detail", pk=grant.person_id)
    return render(request, "administration/break_glass_form.html", {"form": form})


@requires(BREAK_GLASS)
@require_POST
def break_glass_end(request: HttpRequest) -> HttpResponse:
    grant_id = request.POST.get("grant", "")
    try:
        if not grant_id.isdigit():
            raise ValidationError("Choose the break-glass access to end from the list")
        services.break_glass_end(actor=_actor(request), grant_id=int(grant_id))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Break-glass access ended")
    return redirect("administration:break_glass")
