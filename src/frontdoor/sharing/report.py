"""The information-governance report's lines, on the page and in the CSV.

A sealed child the reader is not on the access list of shows as "Restricted record", with the
summary, note and reason hidden too (they may name the child); a reader who does not open
children's records (the administrator) sees the child's LAchildID instead of a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.core.calendar import LONDON
from frontdoor.core.templatetags.govuk import ukdatetime
from frontdoor.people.access import RESTRICTED, restricted_ids

from .forms import ReportForm
from .models import SharingRecord
from .selectors import ReportFilter

CSV_HEADER = [
    "Date and time",
    "Child",
    "NHS number",
    "Shared or not",
    "Direction",
    "Recipient",
    "Agency",
    "What",
    "Lawful basis and purpose",
    "Channel",
    "Reason not shared",
    "Decided by",
    "Contact",
]
CSV_KEYS = (
    "child",
    "nhs_number",
    "shared",
    "direction",
    "recipient",
    "agency",
    "what",
    "purpose",
    "channel",
    "reason",
    "decided_by",
    "contact",
)


def report_filters(form: ReportForm) -> ReportFilter:
    if not form.is_bound or not form.is_valid():
        return ReportFilter()
    d = form.cleaned_data
    shared = {"yes": True, "no": False}.get(d["shared"] or "")
    return ReportFilter(
        start=d["start"], end=d["end"], agency=(d["agency"] or "").strip(), shared=shared
    )


def _child(record: SharingRecord, hidden: set[int], names: bool) -> tuple[str, bool]:
    """(How the child is shown, whether the row's free text is hidden)."""
    if record.person is None:
        notice = record.encompass_notice
        police_name = notice.child.full_name if notice and names else "a child"
        return f"Not matched yet: {police_name} (police notification)", False
    if record.person_id in hidden:
        return RESTRICTED, True
    if not names:
        return record.person.la_child_id, False
    return record.person.full_name, False


def report_lines(user: User, records: Sequence[SharingRecord], *, csv: bool = False) -> list[Any]:
    hidden = restricted_ids(user, [r.person_id for r in records])
    names = user.can("view_people")
    lines: list[Any] = [CSV_HEADER] if csv else []
    for record in records:
        child, masked = _child(record, hidden, names)
        line = {
            "record": record,
            "at": record.at,
            "child": child,
            "person_id": None if masked or not names else record.person_id,
            "nhs_number": RESTRICTED
            if masked
            else record.nhs_number or record.get_nhs_number_absent_display(),
            "shared": "Shared" if record.shared else "Not shared",
            "direction": record.get_direction_display(),
            "recipient": record.recipient,
            "agency": record.recipient_agency,
            "what": RESTRICTED if masked else record.what,
            "purpose": record.get_purpose_display(),
            "channel": record.get_channel_display(),
            "reason": RESTRICTED
            if masked and record.reason_not_shared
            else record.reason_not_shared,
            "decided_by": record.decided_by.display_name if record.decided_by else "System",
            "contact": record.contact_id or "",
        }
        if csv:
            local = timezone.localtime(record.at, LONDON).strftime("%Y-%m-%d %H:%M")
            lines.append([local, *(line[k] for k in CSV_KEYS)])
        else:
            line["when"] = ukdatetime(record.at)
            lines.append(line)
    return lines
