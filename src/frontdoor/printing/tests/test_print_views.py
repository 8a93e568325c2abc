"""Printable pages: the council's name, the date printed and OFFICIAL-SENSITIVE on each; each read
through its record's gate with the action "print" (audited), and refused for a sealed child."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from frontdoor.allegations.tests.factories import at, consider, final_meeting, make_referral
from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection.tests.helpers import discuss, open_referral
from frontdoor.core.calendar import LONDON
from frontdoor.people.services.sealing import person_seal
from frontdoor.people.tests.factories import make_child, make_contact

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _marked(page: str) -> bool:
    return (
        page.count("OFFICIAL-SENSITIVE") >= 2
        and "Demoshire County Council. Printed 26 November 2026, 10:00" in page
    )


def test_the_contact_and_its_screening_decision_print(as_user, mash_worker, outsider, mash_manager):
    child = make_child("Amy", "Print")
    contact = make_contact([child], received_at=NOW, concerns="Amy came to school hungry.")
    response = as_user(mash_worker).get(f"/print/contacts/{contact.pk}/")
    page = response.content.decode()
    assert response.status_code == 200 and _marked(page)
    assert "Amy came to school hungry." in page and "Amy Print" in page
    assert AuditEvent.objects.filter(
        actor=mash_worker, action="print", record_type="contact", person_id=child.pk
    ).exists()
    person_seal(actor=None, person=child, reason="Adoption", access=[mash_manager])
    assert as_user(outsider).get(f"/print/contacts/{contact.pk}/").status_code == 404


def test_the_chronology_prints_oldest_first(as_user, mash_worker):
    child = make_child("Amy", "Print")
    make_contact([child], received_at=datetime(2026, 11, 2, 9, 0, tzinfo=LONDON))
    make_contact([child], received_at=datetime(2026, 11, 20, 9, 0, tzinfo=LONDON))
    person_page = as_user(mash_worker).get(f"/people/{child.pk}/").content.decode()
    assert f"/print/people/{child.pk}/chronology/" in person_page
    page = as_user(mash_worker).get(f"/print/people/{child.pk}/chronology/").content.decode()
    assert _marked(page)
    assert page.index("2 November 2026") < page.index("20 November 2026")
    assert AuditEvent.objects.filter(action="print_chronology", person_id=child.pk).exists()


def test_strategy_minutes_and_icpc_outcome_print(as_user, social_worker, mash_worker):
    referral = open_referral(social_worker)
    discussion = discuss(social_worker, referral)
    page = as_user(social_worker).get(f"/print/strategy-discussions/{discussion.pk}/")
    assert page.status_code == 200 and _marked(page.content.decode())
    assert "Strategy discussion minutes" in page.content.decode()
    assert (
        as_user(mash_worker).get(f"/print/strategy-discussions/{discussion.pk}/").status_code == 403
    )
    s47 = discussion.s47
    icpc = as_user(social_worker).get(f"/print/icpc/{s47.pk}/").content.decode()
    assert _marked(icpc) and "Not held yet" in icpc
    assert AuditEvent.objects.filter(action="print", record_type="s47").exists()


def test_the_lado_meeting_record_prints_for_designated_officers_only(
    as_user, designated_officer, social_worker
):
    allegation = make_referral(received_at=at(2026, 11, 2))
    consider(allegation)
    meeting = final_meeting(allegation)
    page = as_user(designated_officer).get(f"/print/lado-meetings/{meeting.pk}/").content.decode()
    assert _marked(page) and "record" in page
    assert as_user(social_worker).get(f"/print/lado-meetings/{meeting.pk}/").status_code == 403


def test_the_safety_plan_has_the_print_layout(as_user, social_worker, mash_manager):
    from frontdoor.assessments.models import CaseMapping
    from frontdoor.assessments.tests.helpers import guidance, mapping_post

    referral = open_referral(social_worker)
    guidance(mash_manager, referral)
    worker = as_user(social_worker)
    worker.post(f"/assessments/referrals/{referral.pk}/mappings/new/", mapping_post())
    mapping = CaseMapping.objects.get()
    page = worker.get(f"/assessments/mappings/{mapping.pk}/safety-plan/").content.decode()
    assert _marked(page) and "Safety plan for" in page
