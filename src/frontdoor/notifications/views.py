"""Your notifications: the list, marking them read, and which kinds also come by email."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from frontdoor.accounts.models import User
from frontdoor.core.viewhelpers import posted

from . import selectors, services
from .access import access_notification
from .forms import PreferencesForm


def _me(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def notification_list(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    page = Paginator(selectors.notifications_for(user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "unread": selectors.unread_count(user)},
    )


def notification_open(request: HttpRequest) -> HttpResponse:
    """Mark one read (POST) and go to what it is about; someone else's answers 404."""
    pk = request.POST.get("notification", "") if request.method == "POST" else ""
    if not pk:
        return redirect("notifications:list")
    note = access_notification(_me(request), pk)
    services.notification_mark_read(actor=_me(request), notification=note)
    if note.url and url_has_allowed_host_and_scheme(note.url, allowed_hosts=None):
        return redirect(note.url)
    return redirect("notifications:list")


def notification_read_all(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        count = services.notifications_mark_all_read(actor=_me(request))
        messages.success(request, f"{count} notification{'' if count == 1 else 's'} marked read")
    return redirect("notifications:list")


def preferences(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    form = PreferencesForm(posted(request), initial={"email": sorted(selectors.email_kinds(user))})
    if request.method == "POST" and form.is_valid():
        services.preferences_save(actor=user, email_kinds=form.cleaned_data["email"])
        messages.success(request, "Your notification preferences are saved")
        return redirect("notifications:preferences")
    status = 400 if form.errors else 200
    return render(request, "notifications/preferences.html", {"form": form}, status=status)
