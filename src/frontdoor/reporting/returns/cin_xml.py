"""Writing the CIN census XML in the DfE's element order (DOMAIN.md §9; 2025-26 schema).

No namespace; dates YYYY-MM-DD; booleans 0/1; empty elements left out; Sex (not the old gender
item); Disability NONE for a child with no recorded disability. The file is produced child by
child so a large council's census streams without being held in memory.

One writer for every year; what differs by year is in `Layout` (`layout(year)`): from 2026-27
(YEAR 2027) each `CINdetails` ends with its `PreProceedingsandFGDM` blocks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from importlib.metadata import PackageNotFoundError, version

from django.conf import settings
from lxml import etree

from .census import CensusChild, CensusPreProceedings, Episode, collection_year

SOFTWARE_CODE = "Front Door"


@dataclass(frozen=True)
class Layout:
    """What one collection year's file holds beyond the 2025-26 layout."""

    pre_proceedings: bool = False


def layout(year: int) -> Layout:
    """2025-26 and before: no module 5; 2026-27 on: `PreProceedingsandFGDM` (cin_2026_27.md)."""
    return Layout(pre_proceedings=year >= 2027)


def release() -> str:
    try:
        return version("frontdoor")
    except PackageNotFoundError:
        return "0.1.0"


def _sub(parent: etree._Element, tag: str, value: object) -> None:
    """Add <tag>value</tag> unless the value is empty (the census omits empty elements)."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        text = "1" if value else "0"
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = str(value)
    etree.SubElement(parent, tag).text = text


def header(year: int, *, now: datetime, serial: int) -> etree._Element:
    _start, ref = collection_year(year)
    element = etree.Element("Header")
    details = etree.SubElement(element, "CollectionDetails")
    _sub(details, "Collection", "CIN")
    _sub(details, "Year", str(year))
    _sub(details, "ReferenceDate", ref)
    source = etree.SubElement(element, "Source")
    _sub(source, "SourceLevel", "L")
    _sub(source, "LEA", settings.LA_CODE)
    _sub(source, "SoftwareCode", SOFTWARE_CODE)
    _sub(source, "Release", release())
    _sub(source, "SerialNo", f"{serial:03d}")
    _sub(source, "DateTime", now.replace(microsecond=0, tzinfo=None).isoformat())
    return element


def child_element(child: CensusChild, shape: Layout | None = None) -> etree._Element:
    """One child as the census reports them on the reference date (`CensusChild.as_at`)."""
    shape = shape or Layout()
    person = child.person
    element = etree.Element("Child")
    ids = etree.SubElement(element, "ChildIdentifiers")
    _sub(ids, "LAchildID", child.la_child_id)
    _sub(ids, "UPN", child.upn)
    _sub(ids, "FormerUPN", child.former_upn)
    _sub(ids, "UPNunknown", child.upn_unknown)
    _sub(ids, "PersonBirthDate", child.birth_date)
    _sub(ids, "ExpectedPersonBirthDate", child.expected_birth_date)
    _sub(ids, "Sex", child.sex)
    _sub(ids, "PersonDeathDate", child.death_date)
    characteristics = etree.SubElement(element, "ChildCharacteristics")
    _sub(characteristics, "Ethnicity", person.ethnicity)
    disabilities = etree.SubElement(characteristics, "Disabilities")
    for code in person.disabilities or ["NONE"]:
        _sub(disabilities, "Disability", code)
    for episode in child.episodes:
        element.append(episode_element(episode, shape))
    return element


def episode_element(episode: Episode, shape: Layout | None = None) -> etree._Element:
    element = etree.Element("CINdetails")
    _sub(element, "CINreferralDate", episode.referral_date)
    _sub(element, "ReferralSource", episode.source)
    _sub(element, "PrimaryNeedCode", episode.primary_need)
    _sub(element, "CINclosureDate", episode.closure_date)
    _sub(element, "ReasonForClosure", episode.reason_for_closure)
    _sub(element, "DateOfInitialCPC", episode.icpc_date)
    for assessment in episode.assessments:
        item = etree.SubElement(element, "Assessments")
        _sub(item, "AssessmentActualStartDate", assessment.start)
        _sub(item, "AssessmentAuthorisationDate", assessment.authorised)
        if assessment.factors:
            factors = etree.SubElement(item, "FactorsIdentifiedAtAssessment")
            for code in assessment.factors:
                _sub(factors, "AssessmentFactors", code)
    for plan in episode.plans:
        item = etree.SubElement(element, "CINPlanDates")
        _sub(item, "CINPlanStartDate", plan.start)
        _sub(item, "CINPlanEndDate", plan.end)
    for s47 in episode.s47s:
        item = etree.SubElement(element, "Section47")
        _sub(item, "S47ActualStartDate", s47.start)
        _sub(item, "InitialCPCtarget", s47.icpc_target)
        _sub(item, "DateOfInitialCPC", s47.icpc_date)
        _sub(item, "ICPCnotRequired", s47.icpc_not_required)
    _sub(element, "ReferralNFA", episode.nfa)
    for cpp in episode.cpps:
        item = etree.SubElement(element, "ChildProtectionPlans")
        _sub(item, "CPPstartDate", cpp.start)
        _sub(item, "CPPendDate", cpp.end)
        _sub(item, "InitialCategoryOfAbuse", cpp.initial_category)
        _sub(item, "LatestCategoryOfAbuse", cpp.latest_category)
        _sub(item, "NumberOfPreviousCPP", cpp.previous)
        if cpp.reviews:
            reviews = etree.SubElement(item, "Reviews")
            for day in cpp.reviews:
                _sub(reviews, "CPPreviewDate", day)
    if shape and shape.pre_proceedings:
        for block in episode.pre_proceedings:
            element.append(pre_proceedings_element(block))
    return element


def pre_proceedings_element(block: CensusPreProceedings) -> etree._Element:
    """Module 5, items in the order of the draft 2026-27 schema."""
    element = etree.Element("PreProceedingsandFGDM")
    _sub(element, "PPStartDate", block.start)
    _sub(element, "LBPSentDate", block.lbp_sent)
    _sub(element, "FGDMMeetingOffer", block.fgdm_offered)
    _sub(element, "FGDMMeetingFac", block.fgdm_facilitated)
    _sub(element, "InitialPPMeetingDate", block.initial_meeting)
    _sub(element, "ReviewMeetingsCount", block.review_meetings)
    _sub(element, "StepDecisionDate", block.step_decision)
    _sub(element, "PPOutcome", block.outcome)
    _sub(element, "CourtAppDate", block.court_application)
    _sub(element, "LetterInitCPDate", block.letter_to_initiate)
    return element


def census_xml(
    year: int, children: Iterable[CensusChild], *, now: datetime, serial: int = 1
) -> Iterator[bytes]:
    """The census file in pieces: the header, then one child at a time."""
    yield b'<?xml version="1.0" encoding="UTF-8"?>\n<Message>'
    yield etree.tostring(header(year, now=now, serial=serial), encoding="UTF-8")
    yield b"<Children>"
    shape = layout(year)
    for child in children:
        yield etree.tostring(child_element(child, shape), encoding="UTF-8")
    yield b"</Children></Message>\n"
