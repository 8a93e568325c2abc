"""Every DfE rule, one by one, on hand-built census records (no database needed).

`CASES` holds, for each rule number, a hand-made child (or return) that breaks it; the same rule
passes on the clean child. A test fails if a registered rule has no case here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from frontdoor.people.models import Person
from frontdoor.reporting.returns.census import (
    CensusAssessment,
    CensusChild,
    CensusCPP,
    CensusPlanDates,
    CensusPreProceedings,
    CensusS47,
    Episode,
)
from frontdoor.reporting.returns.rules import REGISTRY, RULES, check_census, check_child
from frontdoor.reporting.returns.rules.base import Context
from frontdoor.reporting.returns.rules.identifiers import upn_check_letter

# The working-day calendar (8569Q, 8670Q, 8675Q) reads the council's closure days.
pytestmark = pytest.mark.django_db

D = date
REF = D(2026, 3, 31)
DAY_2025_06_03 = date(2025, 6, 3)
DAY_2025_06_04 = date(2025, 6, 4)
DAY_2025_06_25 = date(2025, 6, 25)
DAY_2025_07_01 = date(2025, 7, 1)
DAY_2025_09_10 = date(2025, 9, 10)
DAY_2025_12_01 = date(2025, 12, 1)


def upn(la: str = "201", digits: str = "12345678", last: str = "9") -> str:
    tail = la + digits + last
    return (upn_check_letter("A" + tail) or "A") + tail


def person(pk: int = 7, **kw) -> Person:
    values = dict(
        pk=pk,
        first_name="Amy",
        last_name="Check",
        date_of_birth=D(2015, 1, 1),
        sex="F",
        ethnicity="WBRI",
        disabilities=[],
        kind="child",
        upn=upn(digits=f"{pk:08d}"),
    )
    values.update(kw)
    return Person(**values)


def episode(pk: int = 1, **kw) -> Episode:
    values = dict(
        pk=pk,
        referral_date=D(2025, 6, 2),
        source="2A",
        primary_need="N1",
        closure_date=None,
        reason_for_closure="",
        nfa=False,
        url=f"/referral/{pk}",
    )
    values.update(kw)
    return Episode(**values)


def assessment(pk=1, start=DAY_2025_06_03, authorised=DAY_2025_07_01, factors=("3B",)):
    return CensusAssessment(
        pk=pk, start=start, authorised=authorised, factors=list(factors), url="/assessment/1"
    )


def s47(pk=1, start=DAY_2025_06_04, target=DAY_2025_06_25, icpc=DAY_2025_06_25, not_required=False):
    return CensusS47(
        pk=pk,
        start=start,
        icpc_target=target,
        icpc_date=icpc,
        icpc_not_required=not_required,
        is_open=icpc is None and not not_required,
        url="/s47/1",
    )


def cpp(pk=1, start=DAY_2025_06_25, end=DAY_2025_12_01, reviews=(DAY_2025_09_10,), **kw):
    values = dict(
        pk=pk,
        start=start,
        end=end,
        initial_category="NEG",
        latest_category="NEG",
        previous=0,
        reviews=list(reviews),
        url="/plan/1",
    )
    values.update(kw)
    return CensusCPP(**values)


def cin_plan(start=DAY_2025_12_01, end=None) -> CensusPlanDates:
    return CensusPlanDates(start=start, end=end, url="/cin-plan/1")


def block(**kw) -> CensusPreProceedings:
    values = dict(
        pk=1,
        url="/pre-proceedings/1",
        start=D(2026, 9, 9),
        lbp_sent=D(2026, 9, 20),
        fgdm_offered=True,
        fgdm_facilitated=True,
        initial_meeting=D(2026, 9, 28),
        review_meetings=3,
        step_decision=D(2026, 12, 1),
        outcome="A",
        court_application=D(2026, 12, 18),
        letter_to_initiate=D(2027, 2, 5),
    )
    values.update(kw)
    return CensusPreProceedings(**values)


def full_episode(**kw) -> Episode:
    values = dict(
        assessments=[assessment()],
        s47s=[s47()],
        cpps=[cpp()],
        plans=[cin_plan()],
        pre_proceedings=[block()],
    )
    values.update(kw)
    return episode(**values)


def child(*episodes: Episode, who: Person | None = None, **kw) -> CensusChild:
    c = CensusChild.as_at(who or person(), list(episodes) or [full_episode()], REF)
    return replace(c, **kw)


def clean() -> CensusChild:
    return child()


def the_return(n: int = 10, **kw) -> list[CensusChild]:
    """A clean return: ten children, eight disability codes, one child with two."""
    codes = ["MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "AUT"]
    children = []
    for i in range(n):
        disabilities = [codes[i]] + (["DDA"] if i == 0 else [])
        children.append(child(who=person(pk=100 + i, disabilities=disabilities)))
    return children


def closed(**kw) -> dict:
    return dict(closure_date=D(2026, 2, 2), reason_for_closure="RC7", **kw)


def with_episode(**kw) -> CensusChild:
    return child(full_episode(**kw))


def with_plain_episode(**kw) -> CensusChild:
    return child(episode(**kw))


# Rule number → a child (or, for a rule about the whole return, a list of children) breaking it.
CASES: dict[str, Callable[[], CensusChild | list[CensusChild]]] = {
    # Header (checked with the stated reference date of a file read back: see `hits`)
    "100": lambda: the_return(),
    # Child identifiers and characteristics
    "1510": lambda: child(upn="Z" + upn()[1:]),
    "1520": lambda: [child(who=person(pk=1)), child(who=person(pk=1), la_id="FD00000002")],
    "1530": lambda: child(upn=upn(la="999")),
    "1540": lambda: child(upn="A2011234X6789"),
    "1550": lambda: child(upn="A20112345678I"),
    "1560Q": lambda: child(former_upn="123"),
    "1570": lambda: child(la_id="X" * 21),
    "1580": lambda: child(la_id="FD-1"),
    "2886Q": lambda: [replace(c, sex="U") if i == 0 else c for i, c in enumerate(the_return())],
    "2887Q": lambda: [child(who=person(disabilities=["MOB", "HAND"]))],
    "2888Q": lambda: [child(who=person(pk=i, disabilities=["MOB"])) for i in range(1, 3)],
    "4180": lambda: child(sex="X"),
    "4220": lambda: child(who=person(ethnicity="ZZZZ")),
    "8500": lambda: child(la_id=""),
    "8510": lambda: [child(who=person(pk=1)), child(who=person(pk=2), la_id="FD00000001")],
    "8520": lambda: child(birth_date=D(2026, 4, 1)),
    "8525Q": lambda: child(expected_birth_date=D(2026, 5, 1)),
    "8530Q": lambda: child(birth_date=None, expected_birth_date=D(2027, 6, 1), sex="U"),
    "8535Q": lambda: child(death_date=D(2014, 1, 1)),
    "8540": lambda: child(who=person(disabilities=["XYZ"])),
    "8545Q": lambda: child(death_date=D(2025, 1, 1)),
    "8590": lambda: replace(clean(), episodes=[]),
    "8750": lambda: child(birth_date=None, expected_birth_date=D(2026, 5, 1), sex="F"),
    "8770Q": lambda: child(upn="", upn_unknown="UN1"),
    "8772": lambda: child(upn="", upn_unknown="UN7"),
    "8775Q": lambda: child(birth_date=D(1990, 1, 1)),
    "8790": lambda: child(who=person(disabilities=["NONE", "MOB"])),
    "8794": lambda: child(who=person(disabilities=["MOB", "MOB"])),
    # CIN details
    "2990": lambda: with_plain_episode(
        closure_date=D(2025, 9, 1),
        reason_for_closure="RC8",
        assessments=[assessment()],
        s47s=[s47(icpc=None, not_required=True)],
    ),  # fmt: skip
    "2991Q": lambda: with_episode(assessments=[]),
    "8555Q": lambda: child(death_date=D(2025, 6, 1)),
    "8565": lambda: with_plain_episode(
        closure_date=D(2025, 6, 20), reason_for_closure="RC7", assessments=[assessment()]
    ),
    "8568": lambda: with_plain_episode(nfa=None),
    "8569Q": lambda: with_plain_episode(nfa=True, referral_date=D(2025, 1, 10), primary_need=""),
    "8585Q": lambda: with_plain_episode(closure_date=D(2025, 8, 1), reason_for_closure="RC2"),
    "8600": lambda: with_plain_episode(referral_date=D(2026, 4, 2)),
    "8606": lambda: child(birth_date=D(2026, 3, 20)),
    "8610": lambda: with_plain_episode(primary_need=""),
    "8620": lambda: with_plain_episode(
        referral_date=D(2025, 1, 15), closure_date=D(2025, 3, 1), reason_for_closure="RC7"
    ),
    "8630": lambda: with_plain_episode(closure_date=D(2025, 6, 1), reason_for_closure="RC7"),
    "8640": lambda: with_plain_episode(closure_date=D(2025, 8, 1), reason_for_closure="RC0"),
    "8650": lambda: with_plain_episode(primary_need="N99"),
    "8805": lambda: with_plain_episode(closure_date=D(2025, 8, 1)),
    "8810": lambda: with_plain_episode(reason_for_closure="RC7"),
    "8815": lambda: child(episode(pk=1), episode(pk=2, referral_date=D(2025, 8, 1))),
    "8816": lambda: child(episode(pk=1), episode(pk=2, referral_date=D(2025, 8, 1), **closed())),
    "8820": lambda: child(
        episode(pk=1, closure_date=D(2025, 9, 1), reason_for_closure="RC7"),
        episode(pk=2, referral_date=D(2025, 8, 1), **closed()),
    ),
    "8825Q": lambda: with_plain_episode(closure_date=D(2025, 8, 1), reason_for_closure="RC8"),
    "8831": lambda: with_plain_episode(nfa=True, assessments=[assessment()]),
    "8866": lambda: with_plain_episode(source="99"),
    # Assessments
    "1103": lambda: with_episode(assessments=[assessment(start=D(2025, 6, 1))]),
    "8608": lambda: with_episode(assessments=[assessment(authorised=D(2025, 6, 2))]),
    "8614": lambda: with_episode(assessments=[assessment(authorised=None)]),
    "8670Q": lambda: with_episode(assessments=[assessment(authorised=None, factors=())]),
    "8696": lambda: with_plain_episode(
        referral_date=D(2025, 1, 15),
        assessments=[assessment(start=D(2025, 2, 1), authorised=D(2025, 3, 1))],
    ),
    "8736": lambda: with_plain_episode(
        referral_date=D(2025, 1, 15),
        assessments=[assessment(start=D(2025, 2, 1), authorised=None, factors=())],
    ),
    "8863Q": lambda: with_episode(
        assessments=[assessment(), assessment(pk=2, start=D(2025, 6, 20))]
    ),
    "8867": lambda: with_plain_episode(
        **closed(), assessments=[assessment(authorised=None, factors=())]
    ),
    "8869": lambda: with_episode(assessments=[assessment(factors=("21", "3B"))]),
    "8873Q": lambda: with_plain_episode(**closed(), assessments=[assessment(factors=("21",))]),
    "8896": lambda: with_episode(
        assessments=[
            assessment(authorised=None, factors=()),
            assessment(pk=2, start=D(2026, 3, 1), authorised=None, factors=()),
        ]
    ),
    "8897Q": lambda: with_episode(assessments=[assessment(factors=())]),
    "8898": lambda: with_episode(assessments=[assessment(factors=("3B", "3B"))]),
    "8945Q": lambda: with_episode(assessments=[assessment(factors=("18A",))]),
    "8950Q": lambda: with_episode(assessments=[assessment(factors=("19A",))]),
    # CIN plans
    "4000": lambda: with_plain_episode(nfa=True, plans=[cin_plan()]),
    "4001": lambda: with_episode(cpps=[cpp(end=None, reviews=())]),
    "4003": lambda: with_episode(cpps=[cpp(end=D(2026, 1, 10), reviews=(D(2026, 1, 5),))]),
    "4004": lambda: with_episode(cpps=[], plans=[cin_plan(), cin_plan(start=D(2026, 1, 1))]),
    "4008": lambda: child(death_date=D(2025, 11, 1)),
    "4009Q": lambda: (
        with_episode(plans=[cin_plan(end=D(2026, 1, 1))])
        and child(full_episode(plans=[cin_plan(end=D(2026, 1, 20))]), death_date=D(2026, 1, 10))
    ),
    "4010": lambda: with_episode(plans=[cin_plan(start=None)]),
    "4011": lambda: with_episode(plans=[cin_plan(end=D(2025, 11, 1))]),
    "4012Q": lambda: with_episode(plans=[cin_plan(end=D(2025, 12, 1))]),
    "4013": lambda: with_episode(plans=[cin_plan(end=D(2026, 5, 1))]),
    "4014": lambda: with_episode(
        plans=[cin_plan(end=D(2026, 2, 1)), cin_plan(start=D(2026, 1, 1), end=D(2026, 3, 1))]
    ),
    "4015": lambda: with_plain_episode(plans=[cin_plan(start=D(2025, 6, 1), end=D(2025, 7, 1))]),
    "4016": lambda: with_episode(plans=[cin_plan(start=D(2025, 11, 1))]),
    "4017": lambda: with_plain_episode(
        plans=[cin_plan(start=D(2025, 6, 10), end=D(2025, 7, 1))],
        s47s=[s47()],
        cpps=[cpp()],
    ),
    # Section 47 enquiries
    "1104": lambda: with_episode(
        referral_date=D(2025, 6, 26), assessments=[], s47s=[s47(start=D(2025, 6, 26))]
    ),
    "2884": lambda: with_episode(icpc_date=D(2025, 6, 25)),
    "2889": lambda: with_episode(s47s=[s47(start=D(2025, 6, 1))]),
    "8615": lambda: with_episode(s47s=[s47(start=D(2025, 6, 26))]),
    "8675Q": lambda: with_episode(s47s=[s47(icpc=None)], cpps=[]),
    "8715": lambda: with_plain_episode(
        referral_date=D(2025, 1, 15),
        s47s=[s47(start=D(2025, 1, 20), target=D(2025, 2, 10), icpc=D(2025, 2, 10))],
    ),
    "8740": lambda: with_plain_episode(
        referral_date=D(2025, 1, 15), s47s=[s47(start=D(2025, 1, 20), icpc=None)]
    ),
    "8839": lambda: with_episode(s47s=[s47(icpc=None), s47(pk=2, icpc=None)], cpps=[]),
    "8868": lambda: with_plain_episode(**closed(), s47s=[s47(icpc=None)]),
    "8870Q": lambda: with_episode(s47s=[s47(target=D(2025, 6, 28))]),
    "8875": lambda: with_episode(s47s=[s47(icpc=D(2025, 6, 29))], cpps=[cpp(start=D(2025, 6, 29))]),
    "8890": lambda: with_episode(
        s47s=[s47(), s47(pk=2, start=D(2025, 6, 10), target=D(2025, 7, 1), icpc=None)]
    ),
    # Child protection plans
    "1105": lambda: with_episode(referral_date=D(2025, 6, 26), s47s=[], assessments=[]),
    "2883": lambda: [with_episode(s47s=[s47(icpc=None, not_required=True)])],
    "2885": lambda: with_episode(cpps=[cpp(start=D(2025, 6, 26))]),
    "8720": lambda: with_episode(cpps=[cpp(start=None)]),
    "8730": lambda: with_episode(cpps=[cpp(previous=None)]),
    "8832": lambda: with_plain_episode(nfa=True, cpps=[cpp()]),
    "8840": lambda: with_episode(cpps=[cpp(end=D(2025, 6, 25), reviews=())], plans=[]),
    "8841": lambda: with_episode(cpps=[cpp(reviews=(D(2025, 6, 25),))]),
    "8842Q": lambda: with_episode(cpps=[cpp(reviews=(None,))]),
    "8905": lambda: with_episode(cpps=[cpp(initial_category="XXX")]),
    "8910": lambda: with_episode(cpps=[cpp(latest_category="")]),
    "8915": lambda: child(death_date=D(2025, 6, 20)),
    "8920": lambda: child(full_episode(plans=[]), death_date=D(2025, 11, 1)),
    "8925": lambda: with_episode(cpps=[cpp(end=D(2025, 6, 24), reviews=())]),
    "8930": lambda: with_episode(cpps=[cpp(end=D(2026, 4, 10))], plans=[]),
    "8935": lambda: with_episode(
        cpps=[cpp(end=None, reviews=()), cpp(pk=2, start=D(2025, 7, 1), end=None, reviews=())],
        plans=[],
    ),
    "8940": lambda: with_episode(
        cpps=[cpp(reviews=()), cpp(pk=2, start=D(2025, 12, 1), end=None, reviews=())], plans=[]
    ),
    # Pre-proceedings and FGDM (2026-27 on)
    "8995Q": lambda: [with_episode(pre_proceedings=[])],
    "9000Q": lambda: with_episode(pre_proceedings=[block(start=None)]),
    "9005": lambda: with_episode(pre_proceedings=[block(start=D(2026, 3, 1))]),
    "9006": lambda: with_episode(pre_proceedings=[block(lbp_sent=D(2026, 9, 1))]),
    "9007": lambda: with_episode(pre_proceedings=[block(fgdm_offered=None)]),
    "9008": lambda: with_episode(pre_proceedings=[block(initial_meeting=D(2027, 4, 1))]),
    "9009": lambda: with_episode(pre_proceedings=[block(step_decision=D(2026, 9, 1))]),
    "9010Q": lambda: with_episode(pre_proceedings=[block(fgdm_facilitated=None)]),
    "9011": lambda: with_episode(pre_proceedings=[block(outcome="D")]),
    "9012": lambda: with_episode(pre_proceedings=[block(court_application=D(2026, 11, 30))]),
    "9013": lambda: with_episode(pre_proceedings=[block(letter_to_initiate=D(2026, 12, 17))]),
    "9015Q": lambda: with_episode(pre_proceedings=[block(review_meetings=None)]),
}


def hits(code: str, subject: CensusChild | list[CensusChild], *, bad: bool = False) -> list:
    found = REGISTRY[code]
    stated = D(2026, 3, 30) if bad and code == "100" else None  # a header one day out
    ctx = Context.for_year(found.since if found.since > 2026 else 2026, stated)
    return list(found.check(subject, ctx))


def test_every_rule_has_a_case():
    assert sorted(REGISTRY) == sorted(CASES)
    assert len(REGISTRY) >= 100


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_rule_fails_on_a_hand_made_bad_child(code):
    assert hits(code, CASES[code](), bad=True), f"{code} passed a child that breaks it"


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_rule_passes_the_clean_child(code):
    subject = the_return() if REGISTRY[code].la else clean()
    if code == "8995Q":
        subject = [clean()]
    assert hits(code, subject) == []


def test_2025_26_checks_leave_module_5_alone():
    assert "9005" not in {f.rule for f in check_child(child(full_episode(pre_proceedings=[block(start=D(2020, 1, 1))])), 2026)}  # fmt: skip
    assert "9005" in {f.rule for f in check_child(child(full_episode(pre_proceedings=[block(start=D(2020, 1, 1))])), 2027)}  # fmt: skip


def test_a_failure_names_the_rule_the_child_and_the_record_to_fix():
    bad = with_episode(assessments=[assessment(authorised=None)])
    (failure,) = [f for f in check_child(bad) if f.rule == "8614"]
    assert failure.title == RULES["8614"]
    assert failure.child_id == "FD00000007"
    assert failure.url == "/assessment/1" and failure.episode_id == 1
    assert "not yet authorised" in failure.message and not failure.is_query


def test_a_rule_about_the_whole_return_has_no_child():
    failures = list(check_census([with_episode()], 2026))
    assert {f.rule for f in failures} == {"2887Q", "2888Q"} or {f.rule for f in failures} <= {
        "2887Q",
        "2888Q",
    }
    assert all(f.person_id is None for f in failures)


def test_the_unborn_on_the_reference_date_are_reported_unborn():
    born_after = person(date_of_birth=D(2026, 4, 20), expected_date_of_birth=None, sex="F")
    c = CensusChild.as_at(born_after, [episode()], REF)
    assert (c.birth_date, c.expected_birth_date, c.sex) == (None, D(2026, 4, 20), "U")
    assert not hits("8520", c) and not hits("8750", c)
