"""The MASH queue, recording a contact, a contact's page, and partners' own submissions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.audit.services import audit_record
from frontdoor.people.access import access_person, visible_people
from frontdoor.people.selectors import household_of

from . import selectors, services
from .forms import ContactForm, PartnerConcernForm
from .models import Contact
from .partner import partner_concern_submit


@requires("view_queue")
def queue(request: HttpRequest) -> HttpResponse:
    contacts = selectors.mash_queue(user=request.user)
    now = timezone.now()
    return render(
        request,
        "intake/queue.html",
        {
            "contacts": contacts,
            "now": now,
            "overdue_count": sum(c.decision_due_at < now for c in contacts),
        },
    )


def _child_choices(user, ids: list[str]) -> tuple[list[tuple[str, str]], list[str]]:  # type: ignore[no-untyped-def]
    chosen = [access_person(user, pk, action="view_for_contact") for pk in ids if pk.isdigit()]
    people = {p.pk: p for p in chosen}
    for person in chosen:
        for member in household_of(user=user, person=person):
            if member.person.is_child:
                people.setdefault(member.person.pk, member.person)
    choices = [
        (
            str(p.pk),
            f"{p.full_name} (born {p.date_of_birth:%d/%m/%Y})" if p.date_of_birth else p.full_name,
        )
        for p in people.values()
        if p.is_child
    ]
    return choices, [str(p.pk) for p in chosen]


@requires("record_contact")
def contact_new(request: HttpRequest) -> HttpResponse:
    choices, chosen = _child_choices(request.user, request.GET.getlist("person"))
    form = ContactForm(request.POST or None, child_choices=choices, initial={"children": chosen})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        children = list(visible_people(request.user).filter(pk__in=d["children"]))
        try:
            contact = services.contact_record(
                actor=request.user,
                received_at=d["received_at"],
                channel=d["channel"],
                source=d["source"],
                concerns=d["concerns"],
                categories=d["categories"],
                parents_aware=d["parents_aware"],
                children=children,
                source_organisation=d["source_organisation"],
                referrer_name=d["referrer_name"],
                referrer_role=d["referrer_role"],
                referrer_phone=d["referrer_phone"],
                referrer_email=d["referrer_email"],
                anonymous=d["anonymous"],
            )
        except ValidationError as error:
            form.add_error(None, error) if not hasattr(error, "error_dict") else _attach(
                form, error
            )
        else:
            messages.success(
                request,
                f"Contact recorded for {len(children)} child{'ren' if len(children) != 1 else ''}",
            )
            return redirect("intake:contact_detail", pk=contact.pk)
    return render(
        request, "intake/contact_form.html", {"form": form, "has_children": bool(choices)}
    )


def _attach(form: ContactForm, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@requires("view_queue")
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = Contact.objects.filter(pk=pk).first()
    visible = (
        list(visible_people(request.user).filter(contact_links__contact_id=pk)) if contact else []
    )
    if not visible:
        audit_record(actor=request.user, action="refused", record_type="contact", record_id=pk)
        raise Http404("No such contact")
    for child in visible:
        audit_record(
            actor=request.user,
            action="view",
            record_type="contact",
            record_id=pk,
            person_id=child.pk,
        )
    return render(request, "intake/contact_detail.html", {"contact": contact, "children": visible})


@requires("submit_concern")
def partner_home(request: HttpRequest) -> HttpResponse:
    contacts = selectors.partner_submissions(user=request.user)[:200]
    audit_record(
        actor=request.user,
        action="view",
        record_type="partner_submissions",
        record_id=request.user.pk,
    )
    return render(request, "intake/partner_home.html", {"contacts": contacts})


@requires("submit_concern")
def partner_submit(request: HttpRequest) -> HttpResponse:
    form = PartnerConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = partner_concern_submit(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error) if hasattr(error, "error_dict") else form.add_error(None, error)
        else:
            messages.success(
                request, f"Concern sent to the MASH. Your reference is FD-{contact.pk}"
            )
            return redirect("intake:partner_home")
    return render(request, "intake/partner_form.html", {"form": form})
