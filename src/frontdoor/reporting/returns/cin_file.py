"""Reading a CIN census XML file back into census records, so the DfE rules can check any file:
one Front Door wrote (a past year's, kept) or one from another system being migrated in
(`frontdoor check_cin_census_file FILE --year YEAR`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import IO

from lxml import etree

from frontdoor.people.models import Person

from .census import (
    CensusAssessment,
    CensusChild,
    CensusCPP,
    CensusPlanDates,
    CensusPreProceedings,
    CensusS47,
    Episode,
)


def _text(node: etree._Element, tag: str) -> str:
    found = node.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _date(node: etree._Element, tag: str) -> date | None:
    text = _text(node, tag)
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _own_date(node: etree._Element) -> date | None:
    try:
        return date.fromisoformat((node.text or "").strip())
    except ValueError:
        return None


def _flag(node: etree._Element, tag: str) -> bool | None:
    text = _text(node, tag).lower()
    return {"1": True, "true": True, "0": False, "false": False}.get(text)


def _int(node: etree._Element, tag: str) -> int | None:
    text = _text(node, tag)
    return int(text) if text.lstrip("-").isdigit() else None


def reference_date(source: str | IO[bytes]) -> date | None:
    """The header's ReferenceDate (a date far from any real one when it is missing or unreadable,
    so rule 100 reports it)."""
    for _event, node in etree.iterparse(source, tag="ReferenceDate"):
        return _own_date(node) or date.min
    return date.min


def read_census(source: str | IO[bytes]) -> Iterator[CensusChild]:
    """Each `Child` of the file as a census record (its LAchildID kept; no database read)."""
    for n, (_event, node) in enumerate(etree.iterparse(source, tag="Child"), start=1):
        yield _child(node, n)
        node.clear()


def _child(node: etree._Element, n: int) -> CensusChild:
    ids = node.find("ChildIdentifiers")
    chars = node.find("ChildCharacteristics")
    ids = ids if ids is not None else etree.Element("ChildIdentifiers")
    chars = chars if chars is not None else etree.Element("ChildCharacteristics")
    person = Person(
        first_name="",
        last_name="",
        ethnicity=_text(chars, "Ethnicity"),
        disabilities=[d.text or "" for d in chars.iterfind("Disabilities/Disability")],
    )
    return CensusChild(
        person=person,
        episodes=[_episode(e, n * 1000 + i) for i, e in enumerate(node.iterfind("CINdetails"))],
        birth_date=_date(ids, "PersonBirthDate"),
        expected_birth_date=_date(ids, "ExpectedPersonBirthDate"),
        sex=_text(ids, "Sex"),
        death_date=_date(ids, "PersonDeathDate"),
        upn=_text(ids, "UPN"),
        upn_unknown=_text(ids, "UPNunknown"),
        former_upn=_text(ids, "FormerUPN"),
        la_id=_text(ids, "LAchildID"),
    )


def _episode(node: etree._Element, pk: int) -> Episode:
    e = Episode(
        pk=pk,
        referral_date=_date(node, "CINreferralDate"),
        source=_text(node, "ReferralSource"),
        primary_need=_text(node, "PrimaryNeedCode"),
        closure_date=_date(node, "CINclosureDate"),
        reason_for_closure=_text(node, "ReasonForClosure"),
        nfa=_flag(node, "ReferralNFA"),
        url="",
        icpc_date=_date(node, "DateOfInitialCPC"),
    )
    for i, a in enumerate(node.iterfind("Assessments")):
        e.assessments.append(
            CensusAssessment(
                pk=i,
                start=_date(a, "AssessmentActualStartDate"),
                authorised=_date(a, "AssessmentAuthorisationDate"),
                factors=[f.text or "" for f in a.iterfind("FactorsIdentifiedAtAssessment/*")],
                url="",
            )
        )
    for p in node.iterfind("CINPlanDates"):
        e.plans.append(CensusPlanDates(_date(p, "CINPlanStartDate"), _date(p, "CINPlanEndDate")))
    for i, s in enumerate(node.iterfind("Section47")):
        held, not_required = _date(s, "DateOfInitialCPC"), bool(_flag(s, "ICPCnotRequired"))
        e.s47s.append(
            CensusS47(
                pk=i,
                start=_date(s, "S47ActualStartDate"),
                icpc_target=_date(s, "InitialCPCtarget"),
                icpc_date=held,
                icpc_not_required=not_required,
                is_open=held is None and not not_required,
                url="",
            )
        )
    for i, p in enumerate(node.iterfind("ChildProtectionPlans")):
        e.cpps.append(
            CensusCPP(
                pk=i,
                start=_date(p, "CPPstartDate"),
                end=_date(p, "CPPendDate"),
                initial_category=_text(p, "InitialCategoryOfAbuse"),
                latest_category=_text(p, "LatestCategoryOfAbuse"),
                previous=_int(p, "NumberOfPreviousCPP"),
                reviews=[_own_date(r) for r in p.iterfind("Reviews/CPPreviewDate")],
                url="",
            )
        )
    for i, b in enumerate(node.iterfind("PreProceedingsandFGDM")):
        e.pre_proceedings.append(
            CensusPreProceedings(
                pk=i,
                url="",
                start=_date(b, "PPStartDate"),
                lbp_sent=_date(b, "LBPSentDate"),
                fgdm_offered=_flag(b, "FGDMMeetingOffer"),
                fgdm_facilitated=_flag(b, "FGDMMeetingFac"),
                initial_meeting=_date(b, "InitialPPMeetingDate"),
                review_meetings=_int(b, "ReviewMeetingsCount"),
                step_decision=_date(b, "StepDecisionDate"),
                outcome=_text(b, "PPOutcome"),
                court_application=_date(b, "CourtAppDate"),
                letter_to_initiate=_date(b, "LetterInitCPDate"),
            )
        )
    return e
