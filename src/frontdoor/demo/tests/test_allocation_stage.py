"""The demo's allocation stage: open work has a named worker, including the designated officers'
follow-up work on open referrals about adults who work with children."""

from datetime import datetime

import pytest

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.allegations.models import Allegation
from frontdoor.cases.models import Allocation
from frontdoor.core.calendar import LONDON
from frontdoor.demo.management.commands.seed_demo import seed_demo

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=LONDON)


def test_open_allegations_are_held_by_the_two_officers_and_episodes_by_practitioners():
    seed_demo(contacts=60, seed=3, now=NOW)
    open_referrals = Allegation.objects.filter(kind="referral", status="open")
    assert open_referrals.exists()
    held = {
        a.allegation_id: a.worker.username
        for a in Allocation.objects.filter(
            allegation__in=open_referrals, end__isnull=True
        ).select_related("worker")
    }
    assert set(held) == set(open_referrals.values_list("pk", flat=True))
    assert set(held.values()) == {"lado", "lado2"}
    # Allocated by the designated officer who allocates, never before the referral arrived.
    for allocation in Allocation.objects.filter(allegation__isnull=False).select_related(
        "allegation", "allocated_by"
    ):
        assert allocation.allocated_by.username == "lado"
        assert allocation.allegation.received_at <= allocation.start <= NOW
    # Early help practitioners hold episodes with the practitioner role, not the manager's.
    workers = User.objects.filter(username__in=["eh.worker1", "eh.worker2"])
    assert {u.role for u in workers} == {Role.EARLY_HELP_PRACTITIONER}
    assert Allocation.objects.filter(worker__in=workers, episode__isnull=False).exists()
