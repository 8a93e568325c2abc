"""Annex A: exact sheet names and headings, lettered values from the allowed lists only, dd/mm/yyyy
dates, formula neutralisation, and the audited download."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time

import openpyxl
import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from frontdoor.accounts.models import Team
from frontdoor.audit.models import AuditEvent
from frontdoor.core.calendar import LONDON
from frontdoor.earlyhelp.models import EarlyHelpEpisode
from frontdoor.out_of_hours.models import EdtRecord
from frontdoor.people.tests.factories import make_child

from . import protection_builders as pb
from .builders import at, contact, referral

pytestmark = pytest.mark.django_db

CHILD = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DIS = "Does the Child have a Disability"
TEAM = ["Allocated Team", "Allocated Worker"]
# Lists 1-7 as written in DOMAIN.md §9.
EXPECTED = {
    "List 1": [*CHILD, "Date of Contact", "Contact Source"],
    "List 2": [
        *CHILD,
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    ],
    "List 3": [
        *CHILD,
        "Date of referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        *TEAM,
    ],
    "List 4": [
        *CHILD,
        DIS,
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        *TEAM,
    ],
    "List 5": [
        *CHILD,
        DIS,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        *TEAM,
    ],
    "List 6": [
        *CHILD,
        DIS,
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        *TEAM,
    ],
    "List 7": [
        *CHILD,
        DIS,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last "
        "Six Months (Y/N)",
        "Number of Previous Child Protection Plans",
        *TEAM,
    ],
}
YES_NO = {"a) Yes", "b) No", "c) Unknown", None}
ALLOWED = {
    "Gender": {"a) Male", "b) Female", "c) Not stated/recorded", "d) Neither"},
    "Ethnicity": {
        f"{letter}) {code}"
        for letter, code in zip(
            "abcdefghijklmnopqrss",
            "WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH "
            "BCRB BAFR BOTH CHNE OOTH REFU NOBT".split(),
            strict=True,
        )
    },
    DIS: YES_NO,
    "Referral NFA?": YES_NO,
    "Child Seen During Continuous Assessment": YES_NO,
    "Was the child assessed as requiring LA children's social care support?": YES_NO,
    "Was an Initial Child Protection Conference deemed unnecessary?": YES_NO,
    "Did the Initial Child Protection Conference Result in a Child Protection Plan": YES_NO,
    "Primary Need Code": {
        "a) Abuse or neglect",
        "b) Child's disability",
        "c) Parents illness or disability",
        "d) Family in acute stress",
        "e) Family dysfunction",
        "f) Socially unacceptable behaviour",
        "g) Low income",
        "h) Absent parenting",
        "i) Not CIN",
        "j) Not stated",
    },
    "Case Status": {
        "a) Looked after child",
        "b) Child Protection plan",
        "c) Child in need plan",
        "d) Open assessment",
        "e) Closed episode",
    },
    "Initial Category of Abuse": {
        "a) Neglect",
        "b) Physical abuse",
        "c) Sexual abuse",
        "d) Emotional abuse",
        "e) Multiple/not recommended",
    },
    "Reason for Closure": {
        None,
        "a) Adopted",
        "b) Died",
        "c) Residence Order",
        "d) Special Guardianship Order",
        "e) Transfer to another LA",
        "f) Transfer to Adult Social Services",
        "g) 'Other' incl. Child no longer in need",
        "h) Child not in need after assessment",
    },
}
SOURCE = re.compile(
    r"^[a-u]\) (1[A-D]|2[AB]|3[A-F]|4|5[A-C]|6|7|8|9|10): [A-Za-z ]+$|^p1\) 5D: LA services$"
)


def build(social_worker=None):
    evil = Team.objects.create(name='=HYPERLINK("http://x")')
    amy = make_child(
        "Amy", "Annex", date(2015, 3, 27), sex="F", ethnicity="WROM", disabilities=["AUT"]
    )
    ben = make_child("Ben", "Annex", date(2019, 12, 1), sex="M", ethnicity="OOTH")
    contact([amy, ben], at(2025, 11, 3), source="6", referrer_name="PC Smith")
    contact([amy], at(2025, 4, 30))  # outside the six months
    referral(amy, date(2024, 12, 1), closed=date(2025, 1, 10), reason="RC7")
    current = referral(amy, date(2025, 11, 4), source="6", team=evil)
    referral(ben, date(2025, 11, 4), nfa=True)
    EarlyHelpEpisode.objects.create(
        person=ben,
        start_date=date(2025, 11, 10),
        lead_professional="Lee",
        organisation="School",
        assessment_start_date=date(2025, 11, 12),
        assessment_organisation="Demoton School",
        created_at=datetime.combine(date(2025, 11, 10), time(9), tzinfo=LONDON),
    )
    if social_worker is not None:
        pb.assessment(
            current,
            social_worker,
            date(2025, 11, 5),
            authorised=date(2025, 11, 20),
            outcome="child_protection",
            seen=date(2025, 11, 6),
            factors=["16A"],
        )
        enquiry = pb.s47(
            current,
            social_worker,
            date(2025, 11, 6),
            date(2025, 11, 27),
            icpc=date(2025, 11, 27),
            plan=True,
            outcome="substantiated_icpc",
        )
        pb.cp_plan(enquiry, date(2025, 11, 27), category="PHY", reviews=(date(2025, 12, 10),))
        night = datetime.combine(date(2025, 11, 1), time(23), tzinfo=LONDON)
        EdtRecord.objects.create(
            received_at=night,
            caller_name="PC",
            caller_agency="police",
            person=amy,
            request="R",
            can_wait=False,
            risk_judgement="R",
            actions=["police_protection"],
            rationale="R",
            recorded_at=night,
            handover_due_at=night,
        )
    return amy, ben


def sheets(content: bytes) -> dict[str, list[tuple]]:
    """Each sheet's rows; date cells (real dates, shown dd/mm/yyyy) as their dd/mm/yyyy text."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    found = {}
    for ws in book.worksheets:
        rows = []
        for row in ws.iter_rows():
            values = []
            for cell in row:
                if isinstance(cell.value, datetime):
                    assert cell.number_format == "dd/mm/yyyy", cell.number_format
                    values.append(f"{cell.value:%d/%m/%Y}")
                else:
                    values.append(cell.value)
            rows.append(tuple(values))
        found[ws.title] = rows
    return found


def check_values(name: str, rows: list[tuple]) -> None:
    headings = rows[0]
    for row in rows[1:]:
        for heading, value in zip(headings, row, strict=False):
            if heading in ALLOWED:
                assert value in ALLOWED[heading], f"{name} {heading}: {value!r}"
            elif heading in ("Contact Source", "Referral Source"):
                assert SOURCE.match(value), value
            elif heading and ("Date" in heading or "date" in heading) and value:
                assert re.match(r"^\d{2}/\d{2}/\d{4}$", value), f"{heading}: {value!r}"


@time_machine.travel("2026-01-05 09:00Z")
def test_the_workbook_has_exact_sheets_headings_and_lettered_values(
    as_user, analyst, social_worker
):
    amy, ben = build(social_worker)
    response = as_user(analyst).post(
        reverse("reporting:annex_a_download"),
        {"end_day": "31", "end_month": "12", "end_year": "2025"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    book = sheets(b"".join(response.streaming_content))
    assert list(book) == [f"List {n}" for n in range(1, 12)]
    for name, headings in EXPECTED.items():
        assert list(book[name][0]) == headings, name
        check_values(name, book[name])
    assert book["List 8"][0][5] == (
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"
    )
    assert len(book["List 8"][0]) == 34 and len(book["List 11"][0]) == 19
    assert all(len(book[f"List {n}"]) == 1 for n in range(8, 12))  # headings only

    assert book["List 1"][1:] == [
        (amy.la_child_id, "b) Female", "e) WROM", "27/03/2015", 10, "03/11/2025", "q) 6: Police"),
        (ben.la_child_id, "a) Male", "r) OOTH", "01/12/2019", 6, "03/11/2025", "q) 6: Police"),
    ]
    list3 = {row[0]: row for row in book["List 3"][1:]}
    assert list3[amy.la_child_id][5:] == (
        "04/11/2025",
        "q) 6: Police",
        "b) No",
        2,
        '\'=HYPERLINK("http://x")',
        "Unallocated",  # the list may not leave the worker blank
    )
    assert list3[ben.la_child_id][7] == "a) Yes"
    assert [r[0] for r in book["List 6"][1:]] == [amy.la_child_id]  # NFA is not a child in need
    assert book["List 6"][1][5:12] == (
        "a) Yes",
        "04/11/2025",
        "a) Abuse or neglect",
        "06/11/2025",
        None,
        None,
        "b) Child Protection plan",
    )
    assert book["List 4"][1][6:10] == ("05/11/2025", "a) Yes", "20/11/2025", "a) Yes")
    assert book["List 5"][1][6:12] == ("06/11/2025", "b) No", "27/11/2025", "a) Yes", 1, 1)
    assert book["List 7"][1][6:15] == (
        "27/11/2025",
        "b) Physical abuse",
        "b) Physical abuse",
        None,
        None,
        "10/12/2025",
        None,
        "a) Yes",
        0,
    )
    assert book["List 2"][1][5:] == ("12/11/2025", None, "Demoton School")
    event = AuditEvent.objects.get(action="export", record_type="annex_a")
    assert event.actor == analyst and event.record_id == "2025-12-31"
    assert event.detail == {"children": 2, "from": "2025-07-01", "to": "2025-12-31"}


@time_machine.travel("2026-01-05 09:00Z")
def test_the_download_needs_a_date_and_the_returns_capability(as_user, analyst, mash_manager):
    url = reverse("reporting:annex_a_download")
    assert as_user(mash_manager).post(url, {}).status_code == 403
    response = as_user(analyst).post(url, {"end_day": "", "end_month": "", "end_year": ""})
    assert response.status_code == 400
    assert "Enter the last day of the six months" in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()


@time_machine.travel("2026-01-05 09:00Z")
def test_the_command_writes_the_workbook(tmp_path):
    build()
    out = tmp_path / "annex.xlsx"
    call_command("export_annex_a", "--end", "2025-12-31", "--output", str(out))
    book = sheets(out.read_bytes())
    assert len(book["List 1"]) == 3 and len(book["List 3"]) == 3
    assert AuditEvent.objects.get(action="export", record_type="annex_a").detail["children"] == 2
