"""Writes for letters: send (or file for printing) a letter about a child, and keep templates."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.documents import storage
from frontdoor.intake.models import Contact
from frontdoor.people.models import Person
from frontdoor.people.services import chronology_add

from .defaults import DEFAULT_TEMPLATES
from .models import Letter, LetterKind, LetterTemplate, Method
from .pdf import build_letter_pdf
from .placeholders import long_date, nhs_number_of, unknown_placeholders

LIMITS = {"recipient_name": 200, "subject": 200}


def about_line(person: Person) -> str:
    """Who the letter is about, as printed on it: name, date of birth and NHS number if known."""
    parts = [f"About: {person.full_name}", f"born {long_date(person.date_of_birth)}"]
    if person.nhs_number:
        parts.append(f"NHS number {nhs_number_of(person)}")
    return ", ".join(parts)


def letter_problems(
    *,
    kind: str,
    method: str,
    recipient_name: str,
    recipient_email: str,
    recipient_address: str,
    subject: str,
    body: str,
) -> dict[str, str]:
    """Every problem with a letter at once, as {field: message}."""
    errors: dict[str, str] = {}
    if kind not in LetterKind.values:
        errors["kind"] = "Select which letter to write"
    if method not in Method.values:
        errors["method"] = "Select whether to send it by email or print it"
    if not recipient_name.strip():
        errors["recipient_name"] = "Enter the name of the person the letter is to"
    if not subject.strip():
        errors["subject"] = "Enter the subject"
    if not body.strip():
        errors["body"] = "Enter the text of the letter"
    for field, limit in LIMITS.items():
        value = {"recipient_name": recipient_name, "subject": subject}[field]
        if len(value) > limit:
            errors[field] = f"This must be {limit} characters or fewer (it has {len(value)})"
    if method == Method.EMAIL:
        if not recipient_email.strip():
            errors["recipient_email"] = "Enter the email address to send the letter to"
        else:
            try:
                validate_email(recipient_email.strip())
            except ValidationError:
                errors["recipient_email"] = (
                    "Enter an email address in the correct format, like name@example.org"
                )
    if method == Method.PRINT and not recipient_address.strip():
        errors["recipient_address"] = "Enter the postal address to print on the letter"
    return errors


def _email(letter: Letter, pdf: bytes) -> None:
    message = EmailMessage(
        subject=letter.subject,
        body=letter.body,
        to=[letter.recipient_email],
    )
    message.attach(f"letter-{letter.pk}.pdf", pdf, "application/pdf")
    message.send()


def letter_send(
    *,
    actor: User | None,
    person: Person,
    kind: str,
    method: str,
    recipient_name: str,
    recipient_email: str = "",
    recipient_address: str = "",
    subject: str,
    body: str,
    contact: Contact | None = None,
    now: datetime | None = None,
    deliver: bool = True,
) -> Letter:
    """Send a letter by email (after the transaction commits) or file it for printing; either
    way the letter as sent, its PDF, an audit row and a chronology entry are kept together.
    `deliver=False` records a letter sent in the past without emailing it again (demo data)."""
    errors = letter_problems(
        kind=kind,
        method=method,
        recipient_name=recipient_name,
        recipient_email=recipient_email,
        recipient_address=recipient_address,
        subject=subject,
        body=body,
    )
    if errors:
        raise ValidationError(errors)
    sent_at = now or timezone.now()
    pdf = build_letter_pdf(
        council=settings.COUNCIL_NAME,
        sent_at=timezone.localtime(sent_at),
        recipient_name=recipient_name.strip(),
        recipient_address=recipient_address.strip(),
        about=about_line(person),
        subject=subject.strip(),
        body=body.strip(),
    )
    stored = storage.write(pdf)
    try:
        with transaction.atomic():
            letter = Letter.objects.create(
                person=person,
                contact=contact,
                kind=kind,
                method=method,
                recipient_name=recipient_name.strip(),
                recipient_email=recipient_email.strip() if method == Method.EMAIL else "",
                recipient_address=recipient_address.strip(),
                subject=subject.strip(),
                body=body.strip(),
                pdf_name=stored,
                sent_by=actor if getattr(actor, "pk", None) else None,
                sent_at=sent_at,
            )
            audit_record(
                actor=actor,
                action="send_letter" if method == Method.EMAIL else "file_letter",
                record_type="letter",
                record_id=letter.pk,
                person_id=person.pk,
                detail={"kind": kind, "method": method},
            )
            how = "emailed" if method == Method.EMAIL else "printed for posting"
            chronology_add(
                person=person,
                kind="letter",
                actor=actor,
                occurred_at=sent_at,
                summary=f"Letter {how} to {letter.recipient_name}: {letter.get_kind_display()}",
                record=letter,
                url=reverse("letters:detail", args=[letter.pk]),
            )
            if method == Method.EMAIL and deliver:
                transaction.on_commit(lambda: _email(letter, pdf))
    except BaseException:
        storage.remove(stored)
        raise
    return letter


def template_problems(*, subject: str, body: str) -> dict[str, str]:
    """Every problem with a template's subject and text at once, as {field: message}."""
    errors: dict[str, str] = {}
    for field, text in (("subject", subject), ("body", body)):
        if not text.strip():
            errors[field] = "Enter the subject" if field == "subject" else "Enter the letter's text"
            continue
        unknown = unknown_placeholders(text)
        if unknown:
            errors[field] = "Use only the placeholders listed: " + ", ".join(
                u if u.startswith("a '$'") else f"${u} is not one" for u in unknown
            )
    if len(subject) > 200 and "subject" not in errors:
        errors["subject"] = f"The subject must be 200 characters or fewer (it has {len(subject)})"
    return errors


def letter_template_update(
    *, actor: User, template: LetterTemplate, subject: str, body: str, version: int | None
) -> LetterTemplate:
    """Change a template's subject and text. Only the listed placeholders may be used, so a
    template can never reach anything about a child but the facts `placeholders.py` gives."""
    errors = template_problems(subject=subject, body=body)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = lock_version(LetterTemplate.objects.all(), template.pk, expected=version)
        locked.subject, locked.body = subject.strip(), body.strip()
        save_version(locked, actor=actor, fields=["subject", "body"])
        audit_record(
            actor=actor,
            action="update",
            record_type="letter_template",
            record_id=locked.pk,
            detail={"kind": locked.kind},
        )
    return locked


def letter_templates_install(*, actor: User | None) -> int:
    """Create the default templates that are missing (the data migration installs them; this puts
    back any missing in a database emptied since, as the demo and tests do). Returns how many."""
    made = 0
    with transaction.atomic():
        for kind, (subject, body) in DEFAULT_TEMPLATES.items():
            template, created = LetterTemplate.objects.get_or_create(
                kind=kind, defaults={"subject": subject, "body": body}
            )
            if created:
                made += 1
                audit_record(
                    actor=actor,
                    action="create",
                    record_type="letter_template",
                    record_id=template.pk,
                    detail={"kind": kind},
                )
    return made
