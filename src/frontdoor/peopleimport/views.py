"""The administrator's people import: upload a legacy file, then read its report."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import posted

from .access import access_people_import
from .forms import PeopleFileForm
from .rows import ImportFileError
from .selectors import recent_imports
from .services import people_import


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # behind @requires
    return request.user


@requires("admin")
@one_time_create
def upload(request: HttpRequest) -> HttpResponse:
    form = PeopleFileForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            record = people_import(
                actor=_user(request),
                stream=uploaded.file,
                filename=uploaded.name,
                system=form.cleaned_data["system"],
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("peopleimport:detail", pk=record.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "peopleimport/upload.html",
        {"form": form, "imports": recent_imports()},
        status=status,
    )


@requires("admin")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = access_people_import(_user(request), pk)
    return render(request, "peopleimport/detail.html", {"record": record})
