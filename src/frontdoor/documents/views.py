"""Documents pages: the documents of one record with a way to attach another, and the download.
Every page goes through the gate of the record the documents are attached to."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.accounts.decorators import requires
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, requires_any

from . import selectors, storage
from .access import access_document, access_target
from .checks import check_file
from .forms import DocumentForm
from .services import document_attach

# Who opens each kind's documents page and attaches to it: the roles that open the record itself.
CONTACT_ROLES = ("view_queue", "screen", "record_contact")
PROTECTION_ROLES = ("child_protection", "assess")


def _describe(kind: str, target: Any) -> tuple[str, str]:
    """The record's name in a heading, and the link back to it."""
    if kind == "person":
        return target.full_name, reverse("people:detail", args=[target.pk])
    if kind == "contact":
        return (
            f"the contact received {target.received_at:%-d %B %Y}",
            reverse("intake:contact_detail", args=[target.pk]),
        )
    if kind == "assessment":
        return (
            f"the assessment of {target.person.full_name}",
            reverse("assessments:assessment_detail", args=[target.pk]),
        )
    return f"allegation {target.reference}", reverse("allegations:detail", args=[target.pk])


def _documents_page(request: HttpRequest, kind: str, pk: int, can_attach: bool) -> HttpResponse:
    target = access_target(request.user, kind, pk, action="view_documents")
    name, back = _describe(kind, target)
    documents = list(selectors.documents_of(kind=kind, target=target))
    return render(
        request,
        "documents/list.html",
        {
            "kind": kind,
            "target": target,
            "name": name,
            "back": back,
            "documents": documents,
            "can_attach": can_attach,
            "attach_url": reverse(f"documents:{kind}_new", args=[pk]),
        },
    )


def _attach_page(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    target = access_target(request.user, kind, pk, action="attach_document")
    name, back = _describe(kind, target)
    form = DocumentForm(request.POST or None, request.FILES or None)
    listing = reverse(f"documents:{kind}", args=[pk])
    if request.method == "POST":
        upload = request.FILES.get("file")
        if form.is_valid():
            try:
                document_attach(
                    actor=request.user,  # type: ignore[arg-type]
                    target=target,
                    title=form.cleaned_data["title"],
                    file_name=upload.name or "",  # type: ignore[union-attr]
                    data=upload.read(),  # type: ignore[union-attr]
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, f"Document attached to {name}")
                return redirect(listing)
        elif upload is not None and "file" not in form.errors:
            # The description was missing: say what is wrong with the file too, in one go.
            for field, message in check_file(upload.name or "", upload.read()).items():
                form.add_error(field, message)
    return render(
        request,
        "documents/attach.html",
        {"form": form, "name": name, "back": listing, "record_url": back},
        status=400 if form.errors else 200,
    )


@requires("view_people")
def person_documents(request: HttpRequest, person_id: int) -> HttpResponse:
    return _documents_page(request, "person", person_id, request.user.can("edit_people"))  # type: ignore[union-attr]


@requires("edit_people")
@one_time_create
def person_document_new(request: HttpRequest, person_id: int) -> HttpResponse:
    return _attach_page(request, "person", person_id)


@requires_any(*CONTACT_ROLES)
def contact_documents(request: HttpRequest, pk: int) -> HttpResponse:
    return _documents_page(request, "contact", pk, True)


@requires_any(*CONTACT_ROLES)
@one_time_create
def contact_document_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _attach_page(request, "contact", pk)


@requires_any(*PROTECTION_ROLES)
def assessment_documents(request: HttpRequest, pk: int) -> HttpResponse:
    return _documents_page(request, "assessment", pk, True)


@requires_any(*PROTECTION_ROLES)
@one_time_create
def assessment_document_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _attach_page(request, "assessment", pk)


@requires("allegations")
def allegation_documents(request: HttpRequest, pk: int) -> HttpResponse:
    return _documents_page(request, "allegation", pk, True)


@requires("allegations")
@one_time_create
def allegation_document_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _attach_page(request, "allegation", pk)


def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The file itself, as an attachment, after the gate of the record it is attached to."""
    document = access_document(request.user, pk)
    try:
        handle = storage.path_of(document.stored_name).open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is missing from the document store") from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
