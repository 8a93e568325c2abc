"""Letters pages: a child's letters, writing one (template → preview and edit → send or print),
the letter as sent and its PDF; the administrator's templates."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.decorators import requires
from frontdoor.core.concurrency import StaleRecord
from frontdoor.core.onetime import one_time_create
from frontdoor.core.viewhelpers import attach_errors
from frontdoor.documents import storage
from frontdoor.people.access import access_person
from frontdoor.people.models import Person

from . import selectors
from .access import CAPABILITY, access_letter, access_letter_template
from .forms import LetterForm, TemplateForm
from .models import LetterKind, Method
from .placeholders import PLACEHOLDERS, CaseFacts, facts_for, fill, values_for
from .services import about_line, letter_send, letter_template_update, template_problems


@requires(CAPABILITY)
def person_letters(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id, action="view_letters")
    return render(
        request,
        "letters/person_letters.html",
        {
            "person": person,
            "letters": selectors.letters_of(person=person),
            "kinds": LetterKind.choices,
        },
    )


@requires(CAPABILITY)
@one_time_create
def letter_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id, action="write_letter")
    facts = facts_for(person)
    kind = request.GET.get("kind") or LetterKind.REFERRER_ACKNOWLEDGEMENT
    if kind not in LetterKind.values:
        raise Http404("No such letter")
    draft = selectors.letter_draft(facts, kind=kind, worker=request.user)
    if draft is None:
        raise Http404("No template for this letter")
    form = LetterForm(request.POST or None, initial=draft)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") != "send":
            preview = data
        else:
            try:
                letter = letter_send(
                    actor=request.user,  # type: ignore[arg-type]
                    person=person,
                    contact=facts.contact,
                    **data,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                done = "sent by email" if letter.method == Method.EMAIL else "filed: print it now"
                messages.success(request, f"Letter {done}")
                return redirect("letters:detail", pk=letter.pk)
    return render(
        request,
        "letters/letter_form.html",
        {
            "person": person,
            "form": form,
            "kind_label": LetterKind(kind).label,
            "preview": preview,
            "about": about_line(person),
            "today": timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )


def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_letter(request.user, pk)
    return render(
        request,
        "letters/letter_detail.html",
        {"letter": letter, "about": about_line(letter.person)},
    )


def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    letter = access_letter(request.user, pk, action="download_pdf")
    try:
        handle = storage.path_of(letter.pdf_name).open("rb")
    except FileNotFoundError as missing:
        raise Http404("The letter's PDF is missing from the document store") from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"letter-{letter.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@requires("admin")
def template_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "letters/template_list.html", {"templates": selectors.letter_templates()}
    )


def _sample_facts() -> CaseFacts:
    """A made-up child for the administrator's preview: no real record is read."""
    sample = Person(first_name="Sam", last_name="Sample", date_of_birth=date(2016, 4, 1))
    sample.nhs_number = "9990000018"
    return CaseFacts(sample, None, None)


@requires("admin")
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    template = access_letter_template(request.user, pk)
    form = TemplateForm(
        request.POST or None,
        initial={"subject": template.subject, "body": template.body, "version": template.version},
    )
    preview = None
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.POST.get("action") == "save":
                letter_template_update(actor=request.user, template=template, **data)  # type: ignore[arg-type]
                messages.success(request, f"Template saved: {template.get_kind_display()}")
                return redirect("letters:templates")
            problems = template_problems(subject=data["subject"], body=data["body"])
            if problems:
                raise ValidationError(problems)
            values = values_for(_sample_facts(), worker=request.user, recipient_name="Alex Example")
            preview = {"subject": fill(data["subject"], values), "body": fill(data["body"], values)}
        except StaleRecord as error:
            form.add_error(None, str(error))
            status = 409
        except ValidationError as error:
            attach_errors(form, error)
    return render(
        request,
        "letters/template_form.html",
        {
            "template": template,
            "form": form,
            "placeholders": PLACEHOLDERS,
            "preview": preview,
            "back": reverse("letters:templates"),
        },
        status=status if status != 200 else (400 if form.errors else 200),
    )
