"""The alerts banner on every page of a child: child protection plan, sealed (only when it is),
allocated worker or "Unallocated", open allegation involvement for designated officers only,
MARAC. The same include on the person page and on the pages of records about the child."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone

from frontdoor.allegations.models import AllegationChild
from frontdoor.allegations.tests.factories import make_referral
from frontdoor.cases.services import referral_open
from frontdoor.child_protection import services as cp
from frontdoor.child_protection.tests.helpers import discuss, open_referral
from frontdoor.core.calendar import LONDON
from frontdoor.earlyhelp.tests.factories import make_source
from frontdoor.people.alerts import child_alerts
from frontdoor.people.services import person_access_grant, person_seal

from .factories import make_child

pytestmark = pytest.mark.django_db


def _keys(user, person):
    return {a.key: (a.label, a.text) for a in child_alerts(user, person)}


def test_an_unsealed_child_with_no_open_case_is_not_called_sealed(as_user, mash_worker):
    child = make_child("Leo", "Stewart")
    html = as_user(mash_worker).get(f"/people/{child.pk}/").content.decode()
    assert "Alerts for Leo Stewart" in html
    assert "No open referral or early help" in html
    assert "sealed" not in html.lower()


def test_an_open_referral_shows_its_worker_or_unallocated(mash_worker, social_worker):
    held = open_referral(social_worker, first="Amy")
    assert _keys(mash_worker, held.person)["allocation"] == (
        "Allocated worker",
        f"Referral: {social_worker.display_name}",
    )
    child = make_child("Una", "Llocated")
    referral_open(
        actor=None, person=child, referral_date=date(2026, 11, 2), source="2A", primary_need="N1"
    )
    assert _keys(mash_worker, child)["allocation"] == (
        "Unallocated",
        "Referral: no named worker yet",
    )


@time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=LONDON), tick=False)
def test_a_child_on_a_plan_shows_it_on_the_person_page_and_on_a_case_note_page(
    as_user, social_worker
):
    s47 = discuss(social_worker, open_referral(social_worker, first="Cleo")).s47
    cp.s47_findings_record(
        actor=social_worker,
        s47=s47,
        child_seen_date=date(2026, 11, 20),
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="x",
        outcome="substantiated_icpc",
        outcome_date=date(2026, 11, 23),
    )
    plan = cp.icpc_record(
        actor=social_worker,
        s47=s47,
        icpc_date=date(2026, 11, 25),
        cp_plan=True,
        initial_category="PHY",
    )
    client = as_user(social_worker)
    for url in (
        f"/people/{plan.person_id}/",
        f"/case-notes/person/{plan.person_id}/",
        f"/child-protection/plans/{plan.pk}/",
    ):
        html = client.get(url).content.decode()
        assert 'data-alert="cp_plan"' in html and "Since 25 November 2026" in html


def test_a_sealed_child_shows_sealed_to_those_on_the_list(as_user, mash_worker):
    child = make_child("Sam", "Sealed")
    person_seal(actor=None, person=child, reason="Adoption placement")
    person_access_grant(actor=None, person=child, user=mash_worker)
    html = as_user(mash_worker).get(f"/people/{child.pk}/").content.decode()
    assert 'data-alert="sealed"' in html and "Only the people on its access list" in html


def test_open_allegation_involvement_is_shown_to_designated_officers_only(
    designated_officer, social_worker
):
    child = make_child("Ava", "Pupil")
    allegation = make_referral()
    AllegationChild.objects.create(allegation=allegation, person=child, added_at=timezone.now())
    assert _keys(designated_officer, child)["allegation"] == (
        "Allegation",
        "Named in 1 open allegation against an adult",
    )
    assert "allegation" not in _keys(social_worker, child)


def test_marac_is_shown_for_a_notification_flagged_in_the_last_12_months(mash_worker):
    child = make_child("Mia", "Rac")
    source = make_source(child)
    assert "marac" not in _keys(mash_worker, child)
    source.notification.marac_reason = "DASH high risk"
    source.notification.save(update_fields=["marac_reason"])
    assert _keys(mash_worker, child)["marac"] == ("MARAC", "Flagged for MARAC: DASH high risk")
