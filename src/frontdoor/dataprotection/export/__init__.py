"""Subject access (UK GDPR Article 15): everything held about a person, third parties redacted by
default, as a zip of a PDF and machine-readable JSON. The export is audited, logged as a
`SubjectAccessExport` and recorded as a disclosure in the information-sharing record."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.core.templatetags.govuk import ukdate, ukdatetime
from frontdoor.people.models import Person
from frontdoor.people.selectors import identifier_line

from ..models import SubjectAccessExport
from .collect import Section, collect
from .pdf import build_pdf
from .redact import ThirdParty, find_third_parties, hidden_keys, redact


class AlreadyExported(Exception):
    """The same review form was posted twice: the first post made the export."""

    def __init__(self, record: SubjectAccessExport) -> None:
        self.record = record
        super().__init__(
            f"This form had already been sent: export {record.pk} was made at "
            f"{ukdatetime(record.exported_at)}. To make another export, open the page again."
        )


@dataclass
class Export:
    record: SubjectAccessExport
    filename: str
    content: bytes


def _errors(requester: str, received_on: date | None) -> dict[str, str]:
    errors = {}
    if not (requester or "").strip():
        errors["requester"] = (
            "Enter who made the request, for example 'The young person' or 'Their mother'"
        )
    if received_on is None:
        errors["received_on"] = "Enter the date the request was received, for example 3 3 2026"
    elif received_on > timezone.localdate():
        errors["received_on"] = "The date the request was received must be today or in the past"
    return errors


def sar_export(
    *,
    actor: User,
    person: Person,
    requester: str,
    received_on: date | None,
    release: list[str],
    form_token: str,
    parties: list[ThirdParty] | None = None,
) -> Export:
    """Build the export of everything about `person`, releasing only the third parties in
    `release` that this user may see; log it, audit it and record the disclosure, in one
    transaction."""
    errors = _errors(requester, received_on)
    if errors:
        raise ValidationError(errors)
    assert received_on is not None
    earlier = SubjectAccessExport.objects.filter(form_token=form_token).first()
    if earlier is not None:
        raise AlreadyExported(earlier)
    parties = parties if parties is not None else find_third_parties(person)
    known = {t.key for t in parties}
    released = sorted((set(release) & known) - hidden_keys(actor, parties))
    now = timezone.now()
    sections = redact(person, collect(person.pk), parties, set(released))
    ref = person.la_child_id
    title = f"Subject access export: {person.full_name} ({ref})"
    preamble = [
        f"Prepared by {actor.display_name} for {settings.COUNCIL_NAME} on {ukdatetime(now)}.",
        f"Request from: {requester.strip()}, received {ukdate(received_on)}.",
        f"Third parties: {len(parties)} found, {len(parties) - len(released)} redacted.",
        f"Consistent identifier: {identifier_line(person)}.",
    ]
    data = {
        "subject": ref,
        "identifier": identifier_line(person),
        "prepared_at": now.isoformat(),
        "prepared_by": actor.display_name,
        "requester": requester.strip(),
        "received_on": received_on.isoformat(),
        "third_parties_redacted": len(parties) - len(released),
        "sections": [{"title": s.title, "model": s.model, "rows": s.rows} for s in sections],
    }
    content = _zip(
        ref, now.date(), data, build_pdf(title=title, preamble=preamble, sections=sections)
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = SubjectAccessExport.objects.create(
                    person=person,
                    person_ref=ref,
                    requester=requester.strip()[:200],
                    received_on=received_on,
                    exported_at=now,
                    exported_by=actor,
                    released=released,
                    third_parties=len(parties),
                    record_types=sorted({s.model for s in sections}),
                    sha256=hashlib.sha256(content).hexdigest(),
                    form_token=form_token,
                )
        except IntegrityError:  # the same form posted twice at once: the other post made it
            raise AlreadyExported(SubjectAccessExport.objects.get(form_token=form_token)) from None
        audit_record(
            actor=actor,
            action="subject_access_export",
            record_type="subject_access_export",
            record_id=record.pk,
            person_id=person.pk,
            detail={"released": released, "third_parties": len(parties), "sections": len(sections)},
        )
        _record_share(actor=actor, person=person, requester=requester.strip(), now=now)
    return Export(record, f"subject-access-{ref}-{now.date().isoformat()}.zip", content)


def _record_share(*, actor: User, person: Person, requester: str, now: Any) -> None:
    from frontdoor.sharing.models import Purpose, SharingChannel
    from frontdoor.sharing.services import share_record

    share_record(
        actor=actor,
        person=person,
        recipient=requester[:200],
        recipient_agency="The data subject or their representative",
        what="Subject access export: the records held, third parties redacted as reviewed",
        why=Purpose.SUBJECT_ACCESS,
        channel=SharingChannel.EXPORT,
        at=now,
        now=now,
    )


def _zip(ref: str, day: date, data: dict[str, Any], pdf: bytes) -> bytes:
    buffer = io.BytesIO()
    folder = f"subject-access-{ref}-{day.isoformat()}"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/records.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr(f"{folder}/records.pdf", pdf)
    return buffer.getvalue()


__all__ = ["AlreadyExported", "Export", "Section", "ThirdParty", "find_third_parties", "sar_export"]
