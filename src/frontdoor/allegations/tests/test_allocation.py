"""Allocating an allegation's follow-up work to a designated officer (issue 13): through the one
allocation path (`cases.services.allocate`), with the officers' caseloads in view, history, audit,
versions, notifications, and the wrong people refused."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.allegations.models import Allegation
from frontdoor.audit.models import AuditEvent
from frontdoor.cases import selectors
from frontdoor.cases.models import Allocation
from frontdoor.cases.services import allocate
from frontdoor.conftest import make_user
from frontdoor.notifications.models import Notification

from .factories import conclude, consider, make_referral

pytestmark = pytest.mark.django_db

LADO_TEAM = "Designated Officer Service"


@pytest.fixture
def second_officer(db: None) -> User:
    """A second designated officer in the same team: the one the work goes to."""
    return make_user("second_officer", Role.DESIGNATED_OFFICER, LADO_TEAM)


def _page(allegation: Allegation) -> str:
    return reverse("cases:allegation_allocate", args=[allegation.pk])


def test_an_officer_allocates_through_the_page_seeing_each_officers_caseload(
    as_user, designated_officer, second_officer
):
    busy = make_referral()
    allocate(actor=designated_officer, work=busy, worker=second_officer)
    allegation = make_referral()
    client = as_user(designated_officer)

    page = client.get(_page(allegation)).content.decode()
    assert "Allegations (designated officer)" in page
    assert "Early help" not in page  # no officer holds any: no empty column
    assert second_officer.display_name in page and designated_officer.display_name in page

    response = client.post(
        _page(allegation), {"worker": designated_officer.pk, "version": allegation.version}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("allegations:detail", args=[allegation.pk])
    held = Allocation.objects.get(allegation=allegation, end__isnull=True)
    assert held.worker == designated_officer and held.team == designated_officer.team
    assert held.referral_id is None and held.episode_id is None
    assert AuditEvent.objects.filter(
        action="allocate", record_type="allegation", record_id=str(allegation.pk)
    ).exists()
    # The detail page names the officer and shows the history; the work tray's list names them.
    detail = client.get(reverse("allegations:detail", args=[allegation.pk])).content.decode()
    assert f"Allocated to <strong>{designated_officer.display_name}</strong>" in detail
    assert "Allocation history" in detail and "Reallocate" in detail
    tray = client.get(reverse("allegations:home")).content.decode()
    assert tray.count(designated_officer.display_name) >= 1
    assert second_officer.display_name in tray
    loads = {c.worker.pk: c for c in selectors.caseloads_of([designated_officer, second_officer])}
    assert loads[designated_officer.pk].counts["allegation"] == 1
    assert loads[second_officer.pk].counts["allegation"] == 1


def test_the_officer_given_the_work_is_told(designated_officer, second_officer):
    allegation = make_referral()
    allocate(actor=designated_officer, work=allegation, worker=second_officer)
    note = Notification.objects.get(user=second_officer)
    assert note.kind == "allocation"
    assert note.text == f"Allegation {allegation.reference} is allocated to you"
    assert note.url == reverse("allegations:detail", args=[allegation.pk])
    # Allocating to oneself tells no one.
    other = make_referral()
    allocate(actor=designated_officer, work=other, worker=designated_officer)
    assert not Notification.objects.filter(user=designated_officer).exists()


def test_reallocating_needs_a_reason_and_keeps_the_history(
    as_user, designated_officer, second_officer
):
    allegation = make_referral()
    allocate(actor=designated_officer, work=allegation, worker=designated_officer)
    allegation.refresh_from_db()
    client = as_user(designated_officer)
    same = client.post(
        _page(allegation), {"worker": designated_officer.pk, "version": allegation.version}
    )
    assert same.status_code == 400
    assert "already allocated to" in same.content.decode()
    no_reason = client.post(
        _page(allegation), {"worker": second_officer.pk, "version": allegation.version}
    )
    assert no_reason.status_code == 400
    assert "Enter why the allegation is moving to another worker" in no_reason.content.decode()
    moved = client.post(
        _page(allegation),
        {"worker": second_officer.pk, "version": allegation.version, "reason": "Annual leave"},
    )
    assert moved.status_code == 302
    history = selectors.allocation_history(allegation=allegation)
    assert [a.worker for a in history] == [second_officer, designated_officer]
    assert history[0].end is None and history[1].end is not None
    assert history[0].reason == "Annual leave"


def test_a_page_opened_before_another_allocation_is_refused_as_stale(
    as_user, designated_officer, second_officer
):
    allegation = make_referral()
    opened_at = allegation.version
    allocate(actor=second_officer, work=allegation, worker=second_officer)
    response = as_user(designated_officer).post(
        _page(allegation), {"worker": designated_officer.pk, "version": opened_at}
    )
    assert response.status_code == 409
    assert Allocation.objects.get(allegation=allegation).worker == second_officer


def test_the_wrong_people_cannot_allocate_or_be_given_the_work(
    as_user, designated_officer, second_officer, mash_manager, early_help_manager, social_worker
):
    allegation = make_referral()
    # Pages: a MASH manager allocates referrals, not allegations; an early help manager neither.
    for user in (mash_manager, early_help_manager, social_worker):
        assert as_user(user).get(_page(allegation)).status_code == 403
        assert (
            as_user(user).post(_page(allegation), {"worker": second_officer.pk}).status_code == 403
        )
    # The rule is in the service: a MASH manager calling it is refused too.
    with pytest.raises(ValidationError, match="Only a designated officer who allocates"):
        allocate(actor=mash_manager, work=allegation, worker=second_officer)
    # Only to a designated officer in the allocating officer's team.
    elsewhere = make_user("lado_elsewhere", Role.DESIGNATED_OFFICER, "Another Council LADO")
    for worker in (social_worker, elsewhere):
        with pytest.raises(ValidationError, match="is not a designated officer in your team"):
            allocate(actor=designated_officer, work=allegation, worker=worker)
    # An officer of another team cannot allocate to this team's officers.
    with pytest.raises(ValidationError, match="not a designated officer in your team"):
        allocate(actor=elsewhere, work=allegation, worker=second_officer)
    # The form lists only this team's officers: another team's is an invalid choice.
    response = as_user(designated_officer).post(
        _page(allegation), {"worker": elsewhere.pk, "version": allegation.version}
    )
    assert response.status_code == 400
    assert "Choose one of the workers listed" in response.content.decode()
    # An inactive officer holds nothing.
    second_officer.is_active = False
    second_officer.save()
    with pytest.raises(ValidationError):
        allocate(actor=designated_officer, work=allegation, worker=second_officer)
    assert not Allocation.objects.filter(allegation=allegation).exists()


def test_only_open_referrals_are_allocated_and_a_conclusion_ends_the_allocation(
    designated_officer, second_officer
):
    from frontdoor.allegations.services import consultation_record

    consultation = consultation_record(
        actor=designated_officer,
        received_at=timezone.now(),
        sector="education",
        employer="Demoton Primary",
        referrer_type="employer",
        summary="Advice on a member of staff's conduct",
        advice_given="Below the harm threshold: employer to manage",
    )
    with pytest.raises(ValidationError, match="Only an open referral"):
        allocate(actor=designated_officer, work=consultation, worker=second_officer)
    allegation = make_referral()
    allocate(actor=designated_officer, work=allegation, worker=second_officer)
    assert selectors.caseloads_of([second_officer])[0].counts["allegation"] == 1
    consider(allegation)
    conclude(allegation, outcome="unfounded", concluded_on=date(2026, 11, 20))
    assert Allocation.objects.get(allegation=allegation).end is not None
    assert selectors.caseloads_of([second_officer])[0].counts.get("allegation", 0) == 0
    allegation.refresh_from_db()
    with pytest.raises(ValidationError, match="Only an open referral"):
        allocate(actor=designated_officer, work=allegation, worker=designated_officer)


def test_allegation_work_is_weighted_as_the_council_configures(
    settings, designated_officer, second_officer
):
    settings.CASELOAD_WEIGHTS = {"allegation": 2.5}
    for _ in range(2):
        allocate(actor=designated_officer, work=make_referral(), worker=second_officer)
    load = selectors.caseloads_of([second_officer])[0]
    assert load.total == 2 and load.weighted == 5.0


def test_the_officers_caseloads_page_shows_the_team(as_user, designated_officer, second_officer):
    allocate(actor=designated_officer, work=make_referral(), worker=second_officer)
    make_user("sw_not_lado", Role.ASSESSMENT_SOCIAL_WORKER, LADO_TEAM)
    page = as_user(designated_officer).get(reverse("cases:caseloads")).content.decode()
    assert second_officer.display_name in page and "Allegations (designated officer)" in page
    assert "Sw_Not_Lado" not in page  # a team member who is not a designated officer
    assert "Child protection plans" not in page


def test_the_database_refuses_an_allocation_of_two_pieces_of_work(designated_officer):
    from frontdoor.cases.services import referral_open
    from frontdoor.people.tests.factories import make_child

    allegation = make_referral()
    referral = referral_open(
        actor=None,
        person=make_child("Both", "Child"),
        referral_date=date(2026, 11, 2),
        source="2A",
        primary_need="N1",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(
            allegation=allegation,
            referral=referral,
            team=designated_officer.team,
            worker=designated_officer,
            start=timezone.now(),
        )
