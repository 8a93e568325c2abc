"""Pre-proceedings and FGDM: the journey through the pages, the date order refused at entry and
by the database, the census block, the dashboard figures, races and double submits, and the gate."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection.tests.helpers import date_data, open_referral
from frontdoor.conftest import make_user
from frontdoor.core.calendar import LONDON
from frontdoor.people.models import ChronologyEntry
from frontdoor.people.services import person_seal
from frontdoor.preproceedings import selectors, services
from frontdoor.preproceedings.models import PreProceedings, PreProceedingsMeeting

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def second_worker(db):
    """A second social worker on the same case, to race the first."""
    return make_user("second_worker", "assessment_social_worker", "Assessment Team North")


def _start(worker, on=date(2026, 11, 3)):
    return services.pre_proceedings_start(
        actor=worker,
        referral=open_referral(worker),
        pp_start_date=on,
        legal_planning_notes="Threshold for care proceedings met; PLO letter to be sent.",
    )


def _full(worker):
    pp = _start(worker)
    pp = services.pre_proceedings_letter_record(
        actor=worker, pp=pp, lbp_sent_date=date(2026, 11, 5), fgdm_meeting_offer=True
    )
    pp = services.pre_proceedings_fgdm_record(
        actor=worker, pp=pp, fgdm_meeting_fac=True, fgdm_meeting_date=date(2026, 11, 10)
    )
    for kind, day in (("initial", 12), ("review", 18), ("review", 24)):
        services.pre_proceedings_meeting_record(
            actor=worker, pp=pp, kind=kind, held_date=date(2026, 11, day), parents_attended=True
        )
    pp = services.pre_proceedings_decide(
        actor=worker, pp=pp, step_decision_date=date(2026, 11, 24), step_decision="step_up"
    )
    return services.pre_proceedings_court_record(
        actor=worker,
        pp=pp,
        court_app_date=date(2026, 11, 25),
        letter_init_cp_date=date(2026, 11, 26),
    )


def test_it_records_the_whole_journey_on_the_chronology_and_the_audit_trail(social_worker):
    pp = _full(social_worker)
    kinds = list(
        ChronologyEntry.objects.filter(person=pp.person, record_type="preproceedings")
        .order_by("occurred_at", "pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        "pre_proceedings_start",
        "letter_before_proceedings",
        "fgdm_meeting",
        "pre_proceedings_meeting",
        "pre_proceedings_meeting",
        "pre_proceedings_meeting",
        "pre_proceedings_decision",
        "care_proceedings_application",
    ]
    actions = list(
        AuditEvent.objects.filter(record_type="pre_proceedings", record_id=str(pp.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "create",
        "letter_before_proceedings",
        "fgdm",
        "meeting",
        "meeting",
        "meeting",
        "decide",
        "court_application",
    ]
    assert set(
        AuditEvent.objects.filter(record_type="pre_proceedings").values_list("person_id", flat=True)
    ) == {pp.person_id}


def test_the_census_block_has_every_item_in_the_census_order(social_worker, settings):
    settings.PRE_PROCEEDINGS_OUTCOME_CODES = {"step_up": "A"}
    pp = _full(social_worker)
    assert list(selectors.census_block(pp).items()) == [
        ("PPStartDate", date(2026, 11, 3)),
        ("LBPSentDate", date(2026, 11, 5)),
        ("FGDMMeetingOffer", True),
        ("FGDMMeetingFac", True),
        ("InitialPPMeetingDate", date(2026, 11, 12)),
        ("ReviewMeetingsCount", 2),
        ("StepDecisionDate", date(2026, 11, 24)),
        ("PPOutcome", "A"),
        ("CourtAppDate", date(2026, 11, 25)),
        ("LetterInitCPDate", date(2026, 11, 26)),
    ]


def test_the_outcome_code_is_left_out_until_the_council_sets_what_each_decision_is(social_worker):
    block = selectors.census_block(_full(social_worker))
    assert "PPOutcome" not in block and block["StepDecisionDate"] == date(2026, 11, 24)


def test_a_new_pre_proceedings_block_has_only_its_start(social_worker):
    assert selectors.census_block(_start(social_worker)) == {"PPStartDate": date(2026, 11, 3)}


def test_census_pre_proceedings_are_those_started_in_the_census_year(social_worker):
    pp = _start(social_worker)
    found = selectors.census_pre_proceedings([pp.referral_id], date(2026, 4, 1), date(2027, 3, 31))
    assert found == {pp.referral_id: [pp]}
    assert (
        selectors.census_pre_proceedings([pp.referral_id], date(2025, 4, 1), date(2026, 3, 31))
        == {}
    )


def test_the_dashboard_counts_open_offered_and_held(social_worker):
    _full(social_worker)
    _start(social_worker, on=date(2026, 11, 20))
    figures = selectors.figures(date(2026, 4, 1), date(2026, 11, 26))
    assert figures == selectors.PreProceedingsFigures(
        open_now=1, started=2, fgdm_offered=1, fgdm_held=1, stepped_up=1
    )


@pytest.mark.parametrize(
    "step, message",
    [
        (
            lambda w, pp: services.pre_proceedings_letter_record(
                actor=w, pp=pp, lbp_sent_date=date(2026, 11, 2), fgdm_meeting_offer=True
            ),
            "The letter before proceedings must be sent on or after the decision to start pre-proceedings, 3 November 2026",
        ),
        (
            lambda w, pp: services.pre_proceedings_fgdm_record(
                actor=w, pp=pp, fgdm_meeting_fac=True, fgdm_meeting_date=date(2026, 11, 10)
            ),
            "Record the letter before proceedings (with the FGDM offer) first",
        ),
        (
            lambda w, pp: services.pre_proceedings_meeting_record(
                actor=w, pp=pp, kind="review", held_date=date(2026, 11, 10), parents_attended=True
            ),
            "Record the initial pre-proceedings meeting before a review",
        ),
        (
            lambda w, pp: services.pre_proceedings_decide(
                actor=w, pp=pp, step_decision_date=date(2026, 11, 1), step_decision="step_down_cp"
            ),
            "The decision to step up or down must be on or after pre-proceedings started, 3 November 2026",
        ),
        (
            lambda w, pp: services.pre_proceedings_court_record(
                actor=w, pp=pp, court_app_date=date(2026, 11, 20), letter_init_cp_date=None
            ),
            "A court application follows a decision to step up to care proceedings",
        ),
        (
            lambda w, pp: services.pre_proceedings_decide(
                actor=w, pp=pp, step_decision_date=date(2026, 11, 27), step_decision="step_up"
            ),
            "The date of the decision cannot be in the future",
        ),
    ],
)
def test_dates_out_of_order_are_refused_when_recorded(social_worker, step, message):
    pp = _start(social_worker)
    with pytest.raises(ValidationError) as refused:
        step(social_worker, pp)
    assert message in refused.value.messages
    pp.refresh_from_db()
    assert pp.version == 1


def test_the_letter_to_initiate_proceedings_follows_the_court_application(social_worker):
    pp = _start(social_worker)
    pp = services.pre_proceedings_decide(
        actor=social_worker, pp=pp, step_decision_date=date(2026, 11, 20), step_decision="step_up"
    )
    with pytest.raises(ValidationError) as refused:
        services.pre_proceedings_court_record(
            actor=social_worker,
            pp=pp,
            court_app_date=date(2026, 11, 24),
            letter_init_cp_date=date(2026, 11, 23),
        )
    assert refused.value.message_dict == {
        "court_app_date": [
            "The letter to initiate proceedings must be sent on or after the court application"
        ]
    }


def test_a_child_is_in_one_open_pre_proceedings_at_a_time(social_worker):
    pp = _start(social_worker)
    with pytest.raises(ValidationError) as refused:
        services.pre_proceedings_start(
            actor=social_worker,
            referral=pp.referral,
            pp_start_date=date(2026, 11, 20),
            legal_planning_notes="Again",
        )
    assert refused.value.message_dict["pp_start_date"] == [
        "Amy Protect is already in pre-proceedings, started 3 November 2026"
    ]


@pytest.mark.parametrize(
    "change",
    [
        {"lbp_sent_date": date(2026, 11, 1), "fgdm_meeting_offer": True},
        {"lbp_sent_date": date(2026, 11, 5), "fgdm_meeting_offer": None},
        {"fgdm_meeting_fac": True},
        {"step_decision_date": date(2026, 11, 1), "step_decision": "step_up"},
        {"step_decision_date": date(2026, 11, 5), "step_decision": ""},
        {
            "step_decision_date": date(2026, 11, 5),
            "step_decision": "step_down_cp",
            "court_app_date": date(2026, 11, 6),
        },
        {
            "step_decision_date": date(2026, 11, 5),
            "step_decision": "step_up",
            "court_app_date": date(2026, 11, 4),
        },
        {
            "step_decision_date": date(2026, 11, 5),
            "step_decision": "step_up",
            "court_app_date": date(2026, 11, 6),
            "letter_init_cp_date": date(2026, 11, 5),
        },
    ],
)
def test_the_database_refuses_dates_out_of_order(social_worker, change):
    pp = _start(social_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        PreProceedings.objects.filter(pk=pp.pk).update(**change)


def test_the_database_refuses_a_second_open_pre_proceedings_and_a_second_initial_meeting(
    social_worker,
):
    pp = _start(social_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        PreProceedings.objects.create(
            referral=pp.referral, person=pp.person, pp_start_date=date(2026, 11, 4), created_at=NOW
        )
    PreProceedingsMeeting.objects.create(
        pre_proceedings=pp, kind="initial", held_date=date(2026, 11, 5), created_at=NOW
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PreProceedingsMeeting.objects.create(
            pre_proceedings=pp, kind="initial", held_date=date(2026, 11, 6), created_at=NOW
        )


def test_the_pages_take_a_referral_into_pre_proceedings(as_user, social_worker):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    assert (
        "Start pre-proceedings"
        in client.get(f"/child-protection/referrals/{referral.pk}/").content.decode()
    )
    response = client.post(
        f"/pre-proceedings/referrals/{referral.pk}/new/",
        {**date_data("pp_start_date", date(2026, 11, 3)), "legal_planning_notes": "Threshold met"},
    )
    pp = PreProceedings.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/pre-proceedings/{pp.pk}/"
    letter = client.post(
        f"/pre-proceedings/{pp.pk}/letter/",
        {
            **date_data("lbp_sent_date", date(2026, 11, 4)),
            "fgdm_meeting_offer": "yes",
            "version": "1",
        },
    )
    assert letter.status_code == 302
    fgdm = client.post(
        f"/pre-proceedings/{pp.pk}/fgdm/",
        {"fgdm_meeting_fac": "no", "fgdm_not_held_reason": "The family declined", "version": "2"},
    )
    assert fgdm.status_code == 302
    meeting = client.post(
        f"/pre-proceedings/{pp.pk}/meetings/new/",
        {"kind": "initial", **date_data("held_date", date(2026, 11, 9)), "parents_attended": "yes"},
    )
    assert meeting.status_code == 302
    decided = client.post(
        f"/pre-proceedings/{pp.pk}/decision/",
        {
            "step_decision": "step_down_cp",
            **date_data("step_decision_date", date(2026, 11, 25)),
            "version": "4",
        },
    )
    assert decided.status_code == 302
    page = client.get(f"/pre-proceedings/{pp.pk}/").content.decode()
    assert "Sent 4 November 2026; offered an FGDM meeting" in page
    assert "Not held: The family declined" in page
    assert "Step down: continue under the child protection plan, 25 November 2026" in page
    assert "ReviewMeetingsCount" in page
    pp.refresh_from_db()
    assert (pp.fgdm_meeting_offer, pp.fgdm_meeting_fac, pp.version) == (True, False, 5)


def test_every_problem_on_the_start_form_is_shown_at_once(as_user, social_worker):
    referral = open_referral(social_worker)
    response = as_user(social_worker).post(
        f"/pre-proceedings/referrals/{referral.pk}/new/",
        {**date_data("pp_start_date", date(2026, 10, 1)), "legal_planning_notes": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "Enter what the legal planning meeting decided and why" in html
    assert not PreProceedings.objects.exists()


def test_the_referral_date_guard_shows_beside_the_date(as_user, social_worker):
    referral = open_referral(social_worker)
    response = as_user(social_worker).post(
        f"/pre-proceedings/referrals/{referral.pk}/new/",
        {**date_data("pp_start_date", date(2026, 10, 1)), "legal_planning_notes": "Met"},
    )
    assert (
        "The legal planning meeting must be on or after the referral date, 2 November 2026"
        in response.content.decode()
    )


def test_a_double_submitted_start_makes_one_record(as_user, social_worker):
    referral = open_referral(social_worker)
    client = as_user(social_worker)
    data = {
        **date_data("pp_start_date", date(2026, 11, 3)),
        "legal_planning_notes": "Threshold met",
        "form_token": "pp-once",
    }
    first = client.post(f"/pre-proceedings/referrals/{referral.pk}/new/", data)
    second = client.post(f"/pre-proceedings/referrals/{referral.pk}/new/", data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert PreProceedings.objects.count() == 1


def test_a_double_submitted_meeting_is_recorded_once(as_user, social_worker):
    pp = _start(social_worker)
    client = as_user(social_worker)
    data = {
        "kind": "initial",
        **date_data("held_date", date(2026, 11, 9)),
        "parents_attended": "yes",
        "form_token": "meeting-once",
    }
    client.post(f"/pre-proceedings/{pp.pk}/meetings/new/", data)
    client.post(f"/pre-proceedings/{pp.pk}/meetings/new/", data)
    assert PreProceedingsMeeting.objects.count() == 1


def test_a_letter_recorded_from_a_stale_page_is_refused_naming_who_changed_it(
    as_user, social_worker, second_worker
):
    pp = _start(social_worker)
    url = f"/pre-proceedings/{pp.pk}/decision/"
    assert (
        as_user(second_worker)
        .post(
            url,
            {
                "step_decision": "close",
                **date_data("step_decision_date", date(2026, 11, 20)),
                "version": "1",
            },
        )
        .status_code
        == 302
    )
    refused = as_user(social_worker).post(
        f"/pre-proceedings/{pp.pk}/letter/",
        {
            **date_data("lbp_sent_date", date(2026, 11, 21)),
            "fgdm_meeting_offer": "yes",
            "version": "1",
        },
    )
    assert refused.status_code == 409
    assert (
        "Second Tester changed this record at 26 November 2026, 10:00" in refused.content.decode()
    )
    pp.refresh_from_db()
    assert (pp.lbp_sent_date, pp.step_decision) == (None, "close")


def test_a_sealed_childs_pre_proceedings_are_refused_to_someone_not_listed(as_user, social_worker):
    pp = _start(social_worker)
    person_seal(actor=None, person=pp.person, reason="Court order")
    assert as_user(social_worker).get(f"/pre-proceedings/{pp.pk}/").status_code == 404
    assert AuditEvent.objects.filter(
        actor=social_worker, action="refused", record_type="pre_proceedings"
    ).exists()


def test_partners_never_reach_pre_proceedings(as_user, social_worker, police_partner):
    pp = _start(social_worker)
    assert as_user(police_partner).get(f"/pre-proceedings/{pp.pk}/").status_code in (302, 403, 404)


def test_the_dashboard_figure_lists_the_children_behind_each_row(social_worker):
    from frontdoor.reporting.figures import compute
    from frontdoor.reporting.periods import Period

    assert compute("pre_proceedings", Period(date(2026, 11, 1), date(2026, 11, 26))).no_data
    pp = _full(social_worker)
    other = _start(social_worker, on=date(2026, 11, 20))
    fig = compute("pre_proceedings", Period(date(2026, 11, 1), date(2026, 11, 26)))
    assert {r.key: (r.value, r.people) for r in fig.rows} == {
        "open": (1, frozenset({other.person_id})),
        "started": (2, frozenset({pp.person_id, other.person_id})),
        "fgdm_offered": (1, frozenset({pp.person_id})),
        "fgdm_held": (1, frozenset({pp.person_id})),
        "stepped_up": (1, frozenset({pp.person_id})),
    }
    assert (
        fig.headline
        == "1 child in pre-proceedings; FGDM offered in 50.0% of pre-proceedings started"
    )
