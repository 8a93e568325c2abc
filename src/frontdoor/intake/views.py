"""The MASH queue, recording a contact, a contact's page, and partners' own submissions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_list_view
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors, attach_more_errors, posted
from frontdoor.people.access import access_person, visible_people
from frontdoor.people.selectors import household_of

from . import selectors, services
from .access import access_contact, access_partner_submission
from .forms import ContactForm, PartnerConcernForm
from .partner import partner_concern_submit


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@requires("view_queue")
def queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    contacts, restricted = selectors.mash_queue_and_restricted(user=user)
    audit_list_view(
        actor=user,
        record_type="mash_queue",
        person_ids=[p.pk for c in contacts for p in c.visible_children],
    )
    now = timezone.now()
    return render(
        request,
        "intake/queue.html",
        {
            "contacts": contacts,
            "restricted": restricted,
            "now": now,
            "overdue_count": sum(c.decision_due_at < now for c in contacts),
        },
    )


def _child_choices(user: User, ids: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
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
@one_time_create
def contact_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    choices, chosen = _child_choices(user, request.GET.getlist("person"))
    form = ContactForm(posted(request), child_choices=choices, initial={"children": chosen})
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        children = list(visible_people(user).filter(pk__in=d.pop("children")))
        try:
            contact = services.contact_record(actor=user, children=children, **d)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            many = "ren" if len(children) != 1 else ""
            messages.success(request, f"Contact recorded for {len(children)} child{many}")
            return redirect("intake:contact_detail", pk=contact.pk)
    elif form.is_bound:
        # Every problem at once: the service's rules too, on what the form could read.
        d = form.cleaned_data
        chosen = d.get("children")
        attach_more_errors(
            form,
            lambda: services.contact_check(
                children=None
                if chosen is None
                else list(visible_people(user).filter(pk__in=chosen)),
                received_at=d.get("received_at"),
                concerns=d.get("concerns"),
                anonymous=d.get("anonymous"),
                source=d.get("source"),
                referrer_name=d.get("referrer_name"),
                source_organisation=d.get("source_organisation"),
            ),
        )
    return render(
        request, "intake/contact_form.html", {"form": form, "has_children": bool(choices)}
    )


@requires("view_queue")
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = access_contact(_user(request), pk)
    children = [link.person for link in contact.children.all()]
    return render(request, "intake/contact_detail.html", {"contact": contact, "children": children})


@requires("submit_concern")
def partner_home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    contacts = selectors.partner_submissions(user=user)[:200]
    # The partner sees their own words about the child, never the child's record: the list is
    # audited as their submissions, not as a view of children.
    audit_list_view(actor=user, record_type="partner_submissions", person_ids=[])
    return render(request, "intake/partner_home.html", {"contacts": contacts})


@requires("submit_concern")
def partner_submission(request: HttpRequest, pk: int) -> HttpResponse:
    contact = access_partner_submission(_user(request), pk)
    return render(request, "intake/partner_submission.html", {"contact": contact})


@requires("submit_concern")
@one_time_create
def partner_submit(request: HttpRequest) -> HttpResponse:
    form = PartnerConcernForm(posted(request))
    if form.is_bound and form.is_valid():
        try:
            contact = partner_concern_submit(actor=_user(request), **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, f"Concern sent to the MASH. Your reference is FD-{contact.pk}"
            )
            return redirect("intake:partner_submission", pk=contact.pk)
    return render(request, "intake/partner_form.html", {"form": form})
