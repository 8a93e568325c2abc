"""The census builder sends only what falls in the collection year (DfE rules 8696, 8715, 8930,
8569Q, 2884, 8520), and one builder writes both layouts: 2025-26, and 2026-27 with module 5."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from lxml import etree

from frontdoor.people.tests.factories import make_child
from frontdoor.preproceedings.models import MeetingKind, PreProceedings, PreProceedingsMeeting
from frontdoor.reporting.returns.census import census_children
from frontdoor.reporting.returns.cin_xml import census_xml
from frontdoor.reporting.returns.rules import check_census

from . import protection_builders as pb
from .builders import referral

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 4, 20, 9, tzinfo=UTC)


def export(year: int) -> etree._Element:
    return etree.fromstring(b"".join(census_xml(year, census_children(year), now=NOW)))


def errors(year: int) -> list[str]:
    return sorted(f.rule for f in check_census(census_children(year), year) if not f.is_query)


@time_machine.travel("2026-05-01 09:00Z")
def test_only_modules_in_the_census_year_are_sent(social_worker):
    cat = make_child("Cat", "Year", date(2016, 1, 1))
    episode = referral(cat, date(2024, 6, 3))  # open all year
    pb.assessment(
        episode, social_worker, date(2024, 6, 4), authorised=date(2025, 2, 3), factors=["3B"]
    )
    old = pb.s47(
        episode,
        social_worker,
        date(2024, 7, 1),
        date(2024, 7, 22),
        icpc=date(2024, 7, 22),
        plan=True,
        outcome="substantiated_icpc",
    )
    pb.cp_plan(old, date(2024, 7, 22), end=date(2025, 3, 3))  # ended before the year
    pb.assessment(
        episode, social_worker, date(2025, 5, 1), authorised=date(2025, 6, 2), factors=["16A"]
    )
    new = pb.s47(
        episode,
        social_worker,
        date(2025, 6, 2),
        date(2025, 6, 23),
        icpc=date(2025, 6, 23),
        plan=True,
        outcome="substantiated_icpc",
    )
    pb.cp_plan(new, date(2025, 6, 23), reviews=(date(2025, 9, 15),))
    referral(make_child("Nia", "Before"), date(2025, 3, 20), nfa=True)  # last year's NFA
    baby = make_child("Baby", "After", date(2026, 4, 20))
    referral(baby, date(2026, 2, 2))  # referred before birth: unborn on 31 March

    root = export(2026)
    kids = root.findall("Children/Child")
    assert [k.findtext("ChildIdentifiers/LAchildID") for k in kids] == [
        cat.la_child_id,
        baby.la_child_id,
    ]
    details = kids[0].find("CINdetails")
    assert [a.findtext("AssessmentAuthorisationDate") for a in details.findall("Assessments")] == [
        "2025-06-02"
    ]
    assert [s.findtext("DateOfInitialCPC") for s in details.findall("Section47")] == ["2025-06-23"]
    plans = details.findall("ChildProtectionPlans")
    assert [p.findtext("CPPstartDate") for p in plans] == ["2025-06-23"]
    assert plans[0].findtext("NumberOfPreviousCPP") == "1"  # the earlier plan still counts
    assert details.find("DateOfInitialCPC") is None  # on the section 47 only (2884)
    unborn = kids[1].find("ChildIdentifiers")
    assert unborn.find("PersonBirthDate") is None
    assert unborn.findtext("ExpectedPersonBirthDate") == "2026-04-20"
    assert unborn.findtext("Sex") == "U"
    assert errors(2026) == []


@time_machine.travel("2027-04-10 09:00Z")
def test_2027_carries_module_5_after_the_plans_and_2026_does_not(social_worker, settings):
    settings.PRE_PROCEEDINGS_OUTCOME_CODES = {"step_up": "A"}
    kit = make_child("Kit", "Court", date(2018, 2, 2))
    episode = referral(kit, date(2025, 11, 3))
    pp = PreProceedings.objects.create(
        referral=episode,
        person=kit,
        pp_start_date=date(2026, 9, 9),
        legal_planning_notes="Threshold met",
        lbp_sent_date=date(2026, 9, 20),
        fgdm_meeting_offer=True,
        fgdm_meeting_fac=True,
        fgdm_meeting_date=date(2026, 9, 25),
        step_decision_date=date(2026, 12, 1),
        step_decision="step_up",
        court_app_date=date(2026, 12, 18),
        letter_init_cp_date=date(2027, 2, 5),
        created_at=NOW,
    )
    for kind, day in (
        (MeetingKind.INITIAL, date(2026, 9, 28)),
        (MeetingKind.REVIEW, date(2026, 10, 28)),
    ):
        PreProceedingsMeeting.objects.create(
            pre_proceedings=pp, kind=kind, held_date=day, created_at=NOW
        )

    block = export(2027).find("Children/Child/CINdetails/PreProceedingsandFGDM")
    assert [(e.tag, e.text) for e in block] == [
        ("PPStartDate", "2026-09-09"),
        ("LBPSentDate", "2026-09-20"),
        ("FGDMMeetingOffer", "1"),
        ("FGDMMeetingFac", "1"),
        ("InitialPPMeetingDate", "2026-09-28"),
        ("ReviewMeetingsCount", "1"),
        ("StepDecisionDate", "2026-12-01"),
        ("PPOutcome", "A"),
        ("CourtAppDate", "2026-12-18"),
        ("LetterInitCPDate", "2027-02-05"),
    ]
    assert [e.tag for e in export(2027).find("Children/Child/CINdetails")][-1] == (
        "PreProceedingsandFGDM"
    )
    # The same records in the 2025-26 layout: no module 5 (the 2025-26 schema refuses it).
    assert export(2026).find(".//PreProceedingsandFGDM") is None
    assert errors(2027) == []


@time_machine.travel("2027-04-10 09:00Z")
def test_ppoutcome_is_left_out_until_the_council_maps_the_decisions(social_worker, settings):
    settings.PRE_PROCEEDINGS_OUTCOME_CODES = {}
    kit = make_child("Kit", "Court", date(2018, 2, 2))
    PreProceedings.objects.create(
        referral=referral(kit, date(2026, 5, 4)),
        person=kit,
        pp_start_date=date(2026, 9, 9),
        legal_planning_notes="Threshold met",
        step_decision_date=date(2026, 12, 1),
        step_decision="step_down_cp",
        created_at=NOW,
    )
    block = export(2027).find(".//PreProceedingsandFGDM")
    assert block.find("StepDecisionDate").text == "2026-12-01"
    assert block.find("PPOutcome") is None


@time_machine.travel("2026-05-01 09:00Z")
def test_a_census_file_read_back_gets_the_same_checks(tmp_path, capsys):
    amy = make_child("Amy", "File", date(2015, 3, 27))
    broken = referral(amy, date(2025, 6, 2))
    from frontdoor.cases.models import Referral

    Referral.objects.filter(pk=broken.pk).update(primary_need="")  # 8610
    direct = sorted(f.rule for f in check_census(census_children(2026), 2026))
    path = tmp_path / "cin.xml"
    path.write_bytes(b"".join(census_xml(2026, census_children(2026), now=NOW)))
    from django.core.management import call_command

    from frontdoor.reporting.returns.cin_file import read_census

    assert sorted(f.rule for f in check_census(read_census(str(path)), 2026)) == direct
    assert "8610" in direct
    path.write_bytes(path.read_bytes().replace(b"2026-03-31", b"2026-03-30"))
    call_command("check_cin_census_file", str(path), "--year", "2026", "--list")
    out = capsys.readouterr().out
    assert "100\terror\t1" in out and "8610\terror\t1\t1 children" in out
    assert "8610 " + amy.la_child_id in out and "Amy" not in out.replace("(return)", "")
