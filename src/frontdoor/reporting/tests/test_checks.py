"""Each pre-submission rule, one by one, on hand-built census records (no database needed)."""

from __future__ import annotations

from datetime import date

from frontdoor.people.models import Person
from frontdoor.reporting.returns.census import (
    CensusAssessment,
    CensusChild,
    CensusCPP,
    CensusPlanDates,
    CensusS47,
    Episode,
)
from frontdoor.reporting.returns.checks import RULES, check_child

D = date
JUNE_3, JULY_1, JUNE_4, JUNE_25 = D(2025, 6, 3), D(2025, 7, 1), D(2025, 6, 4), D(2025, 6, 25)


def person(**kw) -> Person:
    values = dict(
        pk=7,
        first_name="Amy",
        last_name="Check",
        date_of_birth=D(2015, 1, 1),
        sex="F",
        ethnicity="WBRI",
        disabilities=[],
        kind="child",
    )
    values.update(kw)
    return Person(**values)


def episode(**kw) -> Episode:
    values = dict(
        pk=1,
        referral_date=D(2025, 6, 2),
        source="2A",
        primary_need="N1",
        closure_date=None,
        reason_for_closure="",
        nfa=False,
        url="/referral/1",
    )
    values.update(kw)
    return Episode(**values)


def assessment(start=JUNE_3, authorised=JULY_1, factors=("3B",)) -> CensusAssessment:
    return CensusAssessment(
        pk=1, start=start, authorised=authorised, factors=list(factors), url="/assessment/1"
    )


def s47(start=JUNE_4, target=JUNE_25, icpc=None, open_=False, not_required=False):
    return CensusS47(
        pk=1,
        start=start,
        icpc_target=target,
        icpc_date=icpc,
        icpc_not_required=not_required,
        is_open=open_,
        url="/s47/1",
    )


def plan(start=JUNE_25, end=None, reviews=()) -> CensusCPP:
    return CensusCPP(
        pk=1,
        start=start,
        end=end,
        initial_category="NEG",
        latest_category="NEG",
        previous=0,
        reviews=list(reviews),
        url="/plan/1",
    )


def rules(*episodes: Episode, who: Person | None = None) -> list[str]:
    return [
        f.rule for f in check_child(CensusChild(person=who or person(), episodes=list(episodes)))
    ]


def test_a_clean_child_passes():
    e = episode(assessments=[assessment()], s47s=[s47(icpc=D(2025, 6, 25))], cpps=[plan()])
    assert rules(e) == []


def test_one_open_episode_and_no_overlap():
    assert rules(episode(pk=1), episode(pk=2, referral_date=D(2025, 8, 1))) == ["CIN01"]
    overlapping = episode(pk=1, closure_date=D(2025, 9, 1), reason_for_closure="RC7")
    assert rules(overlapping, episode(pk=2, referral_date=D(2025, 8, 1))) == ["CIN02"]
    touching = episode(pk=1, closure_date=D(2025, 8, 1), reason_for_closure="RC7")
    assert rules(touching, episode(pk=2, referral_date=D(2025, 8, 1))) == []


def test_nfa_carries_nothing_and_primary_need_is_required_otherwise():
    nfa = episode(nfa=True, primary_need="", closure_date=D(2025, 6, 2), reason_for_closure="RC8")
    assert rules(nfa) == []
    assert rules(
        episode(
            nfa=True,
            primary_need="",
            closure_date=D(2025, 6, 2),
            reason_for_closure="RC8",
            assessments=[assessment()],
        )
    ) == ["CIN03"]
    assert rules(episode(primary_need="")) == ["CIN04"]


def test_closure_date_and_reason_go_together_and_follow_the_referral():
    assert rules(episode(closure_date=D(2025, 7, 1))) == ["CIN05"]
    assert rules(episode(reason_for_closure="RC7")) == ["CIN05"]
    assert rules(episode(closure_date=D(2025, 5, 1), reason_for_closure="RC7")) == ["CIN18"]


def test_dates_are_on_or_after_the_referral():
    assert rules(episode(assessments=[assessment(start=D(2025, 6, 1))])) == ["CIN06"]
    assert rules(episode(s47s=[s47(start=D(2025, 6, 1))])) == ["CIN06"]


def test_factors_only_when_complete_and_21_alone():
    assert rules(episode(assessments=[assessment(authorised=None)])) == ["CIN07"]
    assert rules(episode(assessments=[assessment(factors=("21", "3B"))])) == ["CIN08"]
    assert rules(episode(assessments=[assessment(factors=("21",))])) == []


def test_rc8_and_rc9_carry_no_child_protection_or_plans():
    closed = dict(closure_date=D(2025, 9, 1), reason_for_closure="RC9")
    assert rules(episode(**closed, s47s=[s47(not_required=True)])) == ["CIN09"]
    assert rules(episode(**closed, plans=[CensusPlanDates(D(2025, 7, 1), None)])) == ["CIN09"]
    assert rules(episode(**closed, assessments=[assessment()])) == []


def test_icpc_and_target_are_never_on_a_weekend():
    saturday, sunday = D(2025, 6, 28), D(2025, 6, 29)
    assert rules(episode(s47s=[s47(target=saturday)])) == ["CIN10"]
    assert rules(episode(s47s=[s47(icpc=sunday)])) == ["CIN10"]


def test_a_plan_starts_on_an_icpc_of_the_episode():
    assert rules(episode(s47s=[s47(icpc=D(2025, 6, 25))], cpps=[plan(start=D(2025, 6, 26))])) == [
        "CIN11"
    ]


def test_at_most_one_open_assessment_and_one_open_s47():
    assert rules(
        episode(
            assessments=[
                assessment(authorised=None, factors=()),
                assessment(authorised=None, factors=()),
            ]
        )
    ) == ["CIN12"]
    assert rules(episode(s47s=[s47(open_=True), s47(open_=True)])) == ["CIN13"]


def test_unborn_children_have_sex_u_and_an_expected_date():
    unborn = person(
        kind="unborn", date_of_birth=None, expected_date_of_birth=D(2026, 1, 1), sex="U"
    )
    assert rules(episode(), who=unborn) == []
    assert rules(
        episode(),
        who=person(
            kind="unborn", date_of_birth=None, expected_date_of_birth=D(2026, 1, 1), sex="F"
        ),
    ) == ["CIN14"]
    assert rules(episode(), who=person(date_of_birth=None)) == ["CIN16"]


def test_disability_none_stands_alone_and_codes_are_dfe_codes():
    assert rules(episode(), who=person(disabilities=["NONE", "AUT"])) == ["CIN15"]
    assert rules(episode(source="11")) == ["CIN17"]
    assert rules(episode(), who=person(upn="123")) == ["CIN19"]


def test_plan_dates_hang_together():
    assert rules(episode(s47s=[s47(icpc=D(2025, 6, 25))], cpps=[plan(end=D(2025, 6, 1))])) == [
        "CIN20"
    ]


def test_each_failure_names_the_rule_child_and_record():
    failure = next(iter(check_child(CensusChild(person(), [episode(primary_need="")]))))
    assert failure.child_id == "FD00000007" and failure.url == "/referral/1"
    assert failure.title == RULES["CIN04"]
    assert "primary need" in failure.message


def test_every_overlapping_episode_pair_is_found_not_only_neighbours():
    # A year-long episode overlaps both later referrals; the two later ones only touch.
    long = episode(pk=1, closure_date=D(2025, 12, 1), reason_for_closure="RC7")
    middle = episode(
        pk=2, referral_date=D(2025, 7, 1), closure_date=D(2025, 8, 1), reason_for_closure="RC7"
    )
    last = episode(pk=3, referral_date=D(2025, 8, 1))
    child = CensusChild(person=person(), episodes=[last, long, middle])
    failures = list(check_child(child))
    assert [(f.rule, f.url) for f in failures] == [
        ("CIN02", "/referral/1"),
        ("CIN02", "/referral/1"),
    ]
    assert failures[1].message == (
        "The episode from the referral of 2 June 2025 closes on 1 December 2025, after the "
        "referral of 1 August 2025 started another episode: close the earlier episode on or "
        "before the later referral date."
    )
    assert failures[0].name == "Amy Check" and failures[0].person_id == 7


def test_a_childs_protection_plans_may_not_overlap_even_across_episodes():
    def cpp(pk, start, end=None):
        return CensusCPP(
            pk=pk,
            start=start,
            end=end,
            initial_category="NEG",
            latest_category="NEG",
            previous=0,
            reviews=[],
            url=f"/plan/{pk}",
        )

    icpc = s47(icpc=D(2025, 6, 25))
    first = episode(
        pk=1,
        closure_date=D(2025, 8, 1),
        reason_for_closure="RC7",
        s47s=[icpc],
        cpps=[cpp(1, D(2025, 6, 25))],  # never ended
    )
    later_icpc = s47(start=D(2025, 8, 2), target=D(2025, 8, 22), icpc=D(2025, 8, 22))
    second = episode(
        pk=2, referral_date=D(2025, 8, 1), s47s=[later_icpc], cpps=[cpp(2, D(2025, 8, 22))]
    )
    failures = list(check_child(CensusChild(person=person(), episodes=[first, second])))
    assert [(f.rule, f.url) for f in failures] == [("CIN21", "/plan/1")]
    assert failures[0].message == (
        "The child protection plan started 25 June 2025 is still open, after another plan "
        "started 22 August 2025: end the earlier plan on or before the later plan's start "
        "date, or correct the dates."
    )
    # A plan that ends the day the next starts is a hand-over, not an overlap.
    first.cpps = [cpp(1, D(2025, 6, 25), end=D(2025, 8, 22))]
    assert rules(first, second) == []
