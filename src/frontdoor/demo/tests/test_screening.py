"""The demo stage: screenings, decisions, referrals and feedback, through the services."""

import random

import pytest
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.demo import people_contacts
from frontdoor.demo import screening as demo
from frontdoor.demo.context import SeedContext
from frontdoor.demo.users import create_demo_users
from frontdoor.intake.models import Contact
from frontdoor.screening.models import Decision, ReferrerUpdate, Screening

pytestmark = pytest.mark.django_db


def test_the_demo_stage_decides_older_contacts_and_leaves_recent_ones_in_the_queue():
    ctx = SeedContext(
        rng=random.Random(3), now=timezone.now(), contacts_wanted=36, users=create_demo_users()
    )
    for user in User.objects.filter(is_active=True).order_by("username"):
        ctx.staff.setdefault(user.role, []).append(user)
    people_contacts.seed(ctx)
    demo.seed(ctx)
    contacts = sorted(ctx.contacts, key=lambda c: c.received_at)
    older, waiting = demo.split_recent(ctx, contacts)
    assert len(waiting) >= demo.MIN_UNDECIDED
    assert Contact.objects.filter(pk__in=[c.pk for c in older], status="decided").count() == len(
        older
    )
    recent = Contact.objects.filter(pk__in=[c.pk for c in waiting])
    assert recent.filter(status="open").count() == len(waiting)
    assert Screening.objects.filter(owner__isnull=True).exists()
    assert Decision.objects.filter(status="awaiting").exists()
    assert Decision.objects.filter(
        referral__isnull=False, outcome__in=["assessment", "strategy"]
    ).exists()
    assert ReferrerUpdate.objects.filter(kind="feedback").exists()
    assert not Decision.objects.filter(late=True, delay_reason="").exists()
