"""Demo stage run last: documents and letters on recent cases, made through the documents and
letters services (files are small synthetic PDFs and text written to FRONTDOOR_DOCUMENT_ROOT).

Documents on children's records come first, then on contacts, assessments and allegations, so
the first documents are all on children's records (the access matrix probes the first ids).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fpdf import FPDF

from frontdoor.allegations.models import Allegation
from frontdoor.assessments.models import Assessment
from frontdoor.child_protection.models import Section47Enquiry
from frontdoor.demo.context import SeedContext
from frontdoor.documents.services import document_attach
from frontdoor.letters.placeholders import facts_for
from frontdoor.letters.selectors import letter_draft
from frontdoor.letters.services import letter_send, letter_templates_install
from frontdoor.people.models import Person

PERSON_DOCUMENTS = [
    ("School attendance report, autumn term", "attendance.pdf"),
    ("Health visitor's letter", "health-visitor.pdf"),
    ("Notes of a telephone call with the school nurse", "call-notes.txt"),
    ("GP summary", "gp-summary.pdf"),
]


def _pdf(title: str, lines: list[str], when: datetime) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(when.astimezone(UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for line in lines:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _file(title: str, name: str, person: Person, when: datetime) -> bytes:
    lines = [
        f"About: {person.full_name} (synthetic demo record)",
        f"Written: {when:%d %B %Y}",
        "This document is synthetic demo data. It describes no real person.",
    ]
    if name.endswith(".txt"):
        return ("\n".join([title, *lines]) + "\n").encode()
    return _pdf(title, lines, when)


def _recent_children(ctx: SeedContext, wanted: int) -> list[Person]:
    seen: dict[int, Person] = {}
    for contact in reversed(ctx.contacts):
        for link in contact.children.select_related("person").order_by("pk"):
            seen.setdefault(link.person_id, link.person)
        if len(seen) >= wanted:
            break
    return list(seen.values())[:wanted]


def seed_documents(ctx: SeedContext) -> None:
    worker = ctx.users["mash.worker"]
    social_worker = ctx.users["sw.assessment"]
    wanted = max(8, min(60, ctx.contacts_wanted // 40))
    children = [c for c in _recent_children(ctx, wanted + 10) if not c.sealed][:wanted]
    for n, child in enumerate(children):
        title, name = PERSON_DOCUMENTS[n % len(PERSON_DOCUMENTS)]
        when = ctx.now - timedelta(days=ctx.rng.randint(1, 30), hours=ctx.rng.randint(0, 6))
        document_attach(
            actor=worker,
            target=child,
            title=title,
            file_name=name,
            data=_file(title, name, child, when),
            now=when,
        )
        ctx.count("documents")
    for contact in ctx.contacts[-max(3, wanted // 4) :]:
        child = contact.children.select_related("person").first()
        if child is None:
            continue
        title = "The referrer's written referral form"
        document_attach(
            actor=worker,
            target=contact,
            title=title,
            file_name="referral-form.pdf",
            data=_file(title, "referral-form.pdf", child.person, contact.received_at),
            now=contact.received_at + timedelta(minutes=20),
        )
        ctx.count("documents")
    for assessment in Assessment.objects.select_related("person").order_by("-start_date", "-pk")[
        :5
    ]:
        title = "Genogram drawn with the family"
        when = datetime.combine(assessment.start_date, datetime.min.time(), tzinfo=UTC)
        document_attach(
            actor=social_worker,
            target=assessment,
            title=title,
            file_name="genogram.pdf",
            data=_file(title, "genogram.pdf", assessment.person, when + timedelta(hours=14)),
            now=min(ctx.now, when + timedelta(days=3, hours=14)),
        )
        ctx.count("documents")
    for allegation in Allegation.objects.order_by("-received_at", "-pk")[:3]:
        title = "Employer's account of the incident"
        document_attach(
            actor=ctx.users["lado"],
            target=allegation,
            title=title,
            file_name="employer-account.txt",
            data=(
                f"{title}\nReferral {allegation.reference} (synthetic demo record).\n"
                "The employer describes what was reported and what they did that day.\n"
            ).encode(),
            now=allegation.received_at + timedelta(hours=2),
        )
        ctx.count("documents")


FAMILY_ADDRESS = "{name}\n{number} Orchard Way\nDemoton\nDM{district} {sector}AB"


def _send(ctx: SeedContext, child: Person, kind: str, worker: object, when: datetime) -> None:
    if child.sealed:
        return  # a sealed child's letters are written by those on the list, not the demo
    facts = facts_for(child)
    draft = letter_draft(facts, kind=kind, worker=worker)
    if draft is None:
        return
    if not draft["recipient_name"]:
        draft["recipient_name"] = f"Parent or carer of {child.full_name}"
    organisation = facts.contact.source_organisation if facts.contact else ""
    if kind.startswith("referrer") and organisation and not draft["recipient_email"]:
        # Demo referrers gave no email address: their organisation's safeguarding inbox
        # (the reserved .example domain, so nothing could ever be delivered).
        slug = "".join(c if c.isalnum() else "-" for c in organisation.lower()).strip("-")
        draft["recipient_email"], draft["method"] = f"safeguarding@{slug}.example", "email"
    if draft["method"] != "email":
        draft["method"] = "print"
        draft["recipient_address"] = FAMILY_ADDRESS.format(
            name=draft["recipient_name"],
            number=ctx.rng.randint(1, 120),
            district=ctx.rng.randint(1, 9),
            sector=ctx.rng.randint(1, 9),
        )
    letter_send(actor=worker, person=child, contact=facts.contact, now=when, deliver=False, **draft)  # type: ignore[arg-type]
    ctx.count("letters")


def seed_letters(ctx: SeedContext) -> None:
    """An acknowledgement to the referrer of each recent contact's first child, an outcome letter
    to the family where the contact is decided, and an ICPC invitation for each recent s47 that
    called for a conference."""
    letter_templates_install(actor=None)
    worker = ctx.users["mash.worker"]
    recent = ctx.contacts[-max(6, min(40, ctx.contacts_wanted // 50)) :]
    for contact in recent:
        link = contact.children.select_related("person").first()
        if link is None:
            continue
        when = contact.received_at + timedelta(hours=1)
        _send(ctx, link.person, "referrer_acknowledgement", worker, min(when, ctx.now))
        if contact.decided_at:
            _send(ctx, link.person, "family_outcome", worker, min(ctx.now, contact.decided_at))
    social_worker = ctx.users["sw.assessment"]
    for s47 in (
        Section47Enquiry.objects.filter(outcome="substantiated_icpc")
        .select_related("person")
        .order_by("-start_date", "-pk")[:5]
    ):
        when = datetime.combine(s47.outcome_date or s47.start_date, datetime.min.time(), tzinfo=UTC)
        _send(
            ctx,
            s47.person,
            "icpc_invitation",
            social_worker,
            min(ctx.now, when + timedelta(hours=15)),
        )


def seed(ctx: SeedContext) -> None:
    seed_documents(ctx)
    seed_letters(ctx)
