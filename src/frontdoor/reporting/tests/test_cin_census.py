"""The CIN census file: structure, element order, codes and 0/1 booleans, walked element by element
against the DfE order written out here (DOMAIN.md §9), and the export's audit."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from lxml import etree

from frontdoor.accounts.models import Team
from frontdoor.audit.models import AuditEvent
from frontdoor.people.tests.factories import make_child
from frontdoor.reporting.returns.census import census_children
from frontdoor.reporting.returns.cin_xml import census_xml

from . import protection_builders as pb
from .builders import referral

pytestmark = pytest.mark.django_db

ORDER = {
    "Message": ["Header", "Children"],
    "Header": ["CollectionDetails", "Source"],
    "CollectionDetails": ["Collection", "Year", "ReferenceDate"],
    "Source": ["SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"],
    "Children": ["Child"],
    "Child": ["ChildIdentifiers", "ChildCharacteristics", "CINdetails"],
    "ChildIdentifiers": [
        "LAchildID",
        "UPN",
        "FormerUPN",
        "UPNunknown",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "Sex",
        "PersonDeathDate",
    ],
    "ChildCharacteristics": ["Ethnicity", "Disabilities"],
    "Disabilities": ["Disability"],
    "CINdetails": [
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "CINclosureDate",
        "ReasonForClosure",
        "DateOfInitialCPC",
        "Assessments",
        "CINPlanDates",
        "Section47",
        "ReferralNFA",
        "ChildProtectionPlans",
    ],
    "Assessments": [
        "AssessmentActualStartDate",
        "AssessmentInternalReviewDate",
        "AssessmentAuthorisationDate",
        "FactorsIdentifiedAtAssessment",
    ],
    "FactorsIdentifiedAtAssessment": ["AssessmentFactors"],
    "CINPlanDates": ["CINPlanStartDate", "CINPlanEndDate"],
    "Section47": ["S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"],
    "ChildProtectionPlans": [
        "CPPstartDate",
        "CPPendDate",
        "InitialCategoryOfAbuse",
        "LatestCategoryOfAbuse",
        "NumberOfPreviousCPP",
        "Reviews",
    ],
    "Reviews": ["CPPreviewDate"],
}
REQUIRED = {
    "Child": ["ChildIdentifiers", "ChildCharacteristics", "CINdetails"],
    "ChildIdentifiers": ["LAchildID", "Sex"],
    "CINdetails": ["CINreferralDate", "ReferralSource", "ReferralNFA"],
    "Section47": ["S47ActualStartDate", "ICPCnotRequired"],
}
BOOLEANS = {"ReferralNFA", "ICPCnotRequired"}
DATES = {
    "ReferenceDate",
    "PersonBirthDate",
    "ExpectedPersonBirthDate",
    "PersonDeathDate",
    "CINreferralDate",
    "CINclosureDate",
    "DateOfInitialCPC",
    "AssessmentActualStartDate",
    "AssessmentAuthorisationDate",
    "S47ActualStartDate",
    "InitialCPCtarget",
    "CPPstartDate",
    "CPPendDate",
    "CPPreviewDate",
}
NOW = datetime(2026, 4, 20, 9, 0, tzinfo=UTC)


def walk(element: etree._Element) -> None:
    """Every element in its DfE place and order, leaves non-empty, no namespace."""
    assert "{" not in element.tag, "no namespace"
    kids = list(element)
    if element.tag in ORDER:
        allowed = ORDER[element.tag]
        positions = [allowed.index(k.tag) for k in kids]  # ValueError: an element out of place
        assert positions == sorted(positions), f"{element.tag}: {[k.tag for k in kids]}"
        for tag in REQUIRED.get(element.tag, []):
            assert element.find(tag) is not None, f"{element.tag} lacks {tag}"
        for kid in kids:
            walk(kid)
    else:
        assert not kids and element.text and element.text.strip(), f"{element.tag} is empty"
        if element.tag in BOOLEANS:
            assert element.text in ("0", "1")
        if element.tag in DATES:
            date.fromisoformat(element.text)


def export(year: int = 2026) -> etree._Element:
    return etree.fromstring(b"".join(census_xml(year, census_children(year), now=NOW)))


@time_machine.travel("2026-04-20 09:00Z")
def test_the_census_has_the_dfe_structure_codes_and_booleans(settings):
    settings.LA_CODE = "202"
    amy = make_child(
        "Amy",
        "Census",
        date(2015, 3, 27),
        upn="U202123456789",
        sex="F",
        ethnicity="WBRI",
        disabilities=["AUT", "COMM"],
    )
    unborn = make_child(
        "Baby",
        "Census",
        None,
        kind="unborn",
        expected_date_of_birth=date(2026, 5, 1),
        upn_unknown="UN1",
    )
    referral(amy, date(2025, 3, 1), closed=date(2025, 4, 10), reason="RC7")  # open into the year
    referral(amy, date(2025, 6, 2), nfa=True, source="6")
    referral(unborn, date(2026, 2, 2), closed=date(2026, 4, 15), reason="RC7")  # closes after 31/3
    referral(
        make_child("Old", "Case"), date(2025, 1, 5), closed=date(2025, 3, 31)
    )  # before the year
    root = export()
    walk(root)
    assert root.tag == "Message" and root.nsmap == {}
    assert [e.text for e in root.find("Header/CollectionDetails")] == ["CIN", "2026", "2026-03-31"]
    source = root.find("Header/Source")
    assert [source.findtext(t) for t in ("SourceLevel", "LEA", "SoftwareCode", "SerialNo")] == [
        "L",
        "202",
        "Front Door",
        "001",
    ]
    assert source.findtext("DateTime") == "2026-04-20T09:00:00"
    children = root.findall("Children/Child")
    assert len(children) == 2
    first = children[0]
    assert first.findtext("ChildIdentifiers/LAchildID") == amy.la_child_id
    assert first.findtext("ChildIdentifiers/UPN") == "U202123456789"
    assert first.findtext("ChildIdentifiers/Sex") == "F"
    assert first.find("ChildIdentifiers/Gender") is None
    assert [d.text for d in first.findall("ChildCharacteristics/Disabilities/Disability")] == [
        "AUT",
        "COMM",
    ]
    episodes = first.findall("CINdetails")
    assert [e.findtext("ReferralNFA") for e in episodes] == ["0", "1"]
    assert episodes[0].findtext("CINclosureDate") == "2025-04-10"
    assert episodes[1].findtext("ReferralSource") == "6"
    assert episodes[1].find("PrimaryNeedCode") is None  # empty elements are left out
    baby = children[1]
    assert baby.find("ChildIdentifiers/PersonBirthDate") is None
    assert baby.findtext("ChildIdentifiers/ExpectedPersonBirthDate") == "2026-05-01"
    assert baby.findtext("ChildIdentifiers/Sex") == "U"
    assert baby.findtext("ChildIdentifiers/UPNunknown") == "UN1"
    assert [d.text for d in baby.findall("ChildCharacteristics/Disabilities/Disability")] == [
        "NONE"
    ]
    # Closed after the reference date: reported open, with no closure date or reason.
    assert baby.find("CINdetails/CINclosureDate") is None
    assert baby.find("CINdetails/ReasonForClosure") is None


@time_machine.travel("2026-04-20 09:00Z")
def test_protection_records_appear_in_dfe_order(social_worker):
    cat = make_child("Cat", "Protect", date(2016, 1, 1))
    earlier = referral(cat, date(2024, 1, 8), closed=date(2024, 6, 1))
    enquiry = pb.s47(
        earlier,
        social_worker,
        date(2024, 1, 9),
        date(2024, 1, 30),
        icpc=date(2024, 1, 29),
        plan=True,
        outcome="substantiated_icpc",
    )
    pb.cp_plan(enquiry, date(2024, 1, 29), end=date(2024, 5, 31))
    episode = referral(cat, date(2025, 5, 1))
    pb.assessment(
        episode,
        social_worker,
        date(2025, 5, 2),
        authorised=date(2025, 6, 20),
        factors=["3B", "16A"],
        outcome="child_protection",
    )
    pb.assessment(episode, social_worker, date(2026, 3, 20), factors=["20"])  # open: no factors
    enquiry = pb.s47(
        episode,
        social_worker,
        date(2025, 6, 2),
        date(2025, 6, 23),
        icpc=date(2025, 6, 23),
        plan=True,
        outcome="substantiated_icpc",
    )
    pb.s47(episode, social_worker, date(2025, 9, 1), date(2025, 9, 22), outcome="not_substantiated")
    pb.cp_plan(
        enquiry, date(2025, 6, 23), category="EMO", reviews=(date(2025, 9, 15), date(2026, 4, 2))
    )  # the second is after 31 March
    root = export()
    walk(root)
    details = root.find("Children/Child/CINdetails")
    assert [e.tag for e in details] == [
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "Assessments",
        "Assessments",
        "Section47",
        "Section47",
        "ReferralNFA",
        "ChildProtectionPlans",
    ]
    # The ICPC is on its section 47, so not repeated at episode level (DfE rule 2884).
    assert details.find("DateOfInitialCPC") is None
    first, second = details.findall("Assessments")
    assert [f.text for f in first.findall("FactorsIdentifiedAtAssessment/AssessmentFactors")] == [
        "3B",
        "16A",
    ]
    assert second.find("FactorsIdentifiedAtAssessment") is None
    assert second.find("AssessmentAuthorisationDate") is None
    s47s = details.findall("Section47")
    assert [(s.findtext("DateOfInitialCPC"), s.findtext("ICPCnotRequired")) for s in s47s] == [
        ("2025-06-23", "0"),
        (None, "1"),
    ]
    plan = details.find("ChildProtectionPlans")
    assert plan.findtext("NumberOfPreviousCPP") == "1"
    assert plan.findtext("InitialCategoryOfAbuse") == "EMO"
    assert [r.text for r in plan.findall("Reviews/CPPreviewDate")] == ["2025-09-15"]


@time_machine.travel("2026-04-20 09:00Z")
def test_the_download_is_streamed_audited_and_only_for_returns_users(
    as_user, analyst, mash_manager
):
    referral(make_child("Amy"), date(2025, 6, 2))
    referral(make_child("Ben"), date(2025, 7, 2), nfa=True)
    url = reverse("reporting:census_download")
    assert as_user(mash_manager).post(url, {"year": 2026}).status_code == 403
    response = as_user(analyst).post(url, {"year": 2026})
    assert response.status_code == 200 and response.streaming
    root = etree.fromstring(b"".join(response.streaming_content))
    walk(root)
    assert len(root.findall("Children/Child")) == 2
    event = AuditEvent.objects.get(action="export", record_type="cin_census")
    assert event.actor == analyst and event.record_id == "2026"
    assert event.detail["children"] == 2 and event.detail["serial"] == 1
    again = etree.fromstring(b"".join(as_user(analyst).post(url, {"year": 2026}).streaming_content))
    assert again.findtext("Header/Source/SerialNo") == "002"


@time_machine.travel("2026-04-20 09:00Z")
def test_it_asks_for_the_year_when_the_download_names_none(as_user, analyst):
    response = as_user(analyst).post(reverse("reporting:census_download"), {})
    assert response.status_code == 400
    assert "Select the collection year" in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()


@time_machine.travel("2026-04-20 09:00Z")
def test_the_command_writes_the_census(tmp_path):
    referral(make_child("Amy"), date(2025, 6, 2), team=Team.objects.create(name="North"))
    out = tmp_path / "cin.xml"
    call_command("export_cin_census", "--year", "2026", "--output", str(out))
    root = etree.parse(str(out)).getroot()
    walk(root)
    assert len(root.findall("Children/Child")) == 1
    event = AuditEvent.objects.get(action="export", record_type="cin_census")
    assert event.actor is None and event.record_id == "2026"  # the system, not a person
    assert event.detail == {
        "children": 1,
        "from": "2025-04-01",
        "reference_date": "2026-03-31",
        "serial": 1,
    }


@time_machine.travel("2026-04-20 09:00Z")
def test_the_command_lists_failures_and_strict_refuses_to_write(tmp_path, capsys):
    from django.core.management.base import CommandError

    from frontdoor.cases.models import Referral

    broken = referral(make_child("Amy"), date(2025, 6, 2))
    Referral.objects.filter(pk=broken.pk).update(primary_need="")
    out = tmp_path / "cin.xml"
    with pytest.raises(CommandError, match="1 pre-submission error"):
        call_command("export_cin_census", "--year", "2026", "--output", str(out), "--strict")
    assert not out.exists()
    assert "8610" in capsys.readouterr().err
    call_command("export_cin_census", "--year", "2026", "--output", str(out))
    assert out.exists()
