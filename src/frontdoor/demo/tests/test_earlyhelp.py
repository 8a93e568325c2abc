"""The demo stage: decides step-downs from earlier stages, or opens episodes itself."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from frontdoor.core.calendar import LONDON
from frontdoor.demo import earlyhelp as demo
from frontdoor.demo.context import SeedContext
from frontdoor.earlyhelp import services
from frontdoor.earlyhelp.models import EarlyHelpEpisode, StepDown
from frontdoor.earlyhelp.tests.factories import make_source
from frontdoor.intake.models import Contact
from frontdoor.people.tests.factories import make_child, make_contact

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 20, 11, 0, tzinfo=LONDON)


def _ctx(manager, contacts=()):
    return SeedContext(
        rng=random.Random(3),
        now=NOW,
        contacts_wanted=len(contacts),
        users={"eh.manager": manager},
        contacts=list(contacts),
    )


def test_demo_decides_older_stepdowns_and_keeps_recent_ones_pending(early_help_manager):
    for n in range(60):
        at = NOW - timedelta(days=2 + n * 6, hours=n % 5)
        child = make_child(f"Kid{n}", "Demo")
        services.stepdown_request(
            actor=None,
            person=child,
            source=make_source(child, at),
            summary="Summary",
            risks_and_protective_factors="Analysis",
            at=at,
        )
    ctx = _ctx(early_help_manager)
    demo.seed(ctx)
    assert StepDown.objects.filter(status="pending").count() == 1  # the 2-day-old one
    accepted = StepDown.objects.filter(status="accepted").count()
    declined = StepDown.objects.filter(status="declined").count()
    assert accepted + declined == 59 and accepted > 40 and declined > 2
    assert not StepDown.objects.filter(status="declined", decline_reason="").exists()
    episodes = EarlyHelpEpisode.objects.all()
    assert episodes.count() == accepted
    assert episodes.filter(assessment_start_date__isnull=False).count() > accepted * 0.7
    assert episodes.filter(end_reason="outcomes_met").exists()
    for episode in episodes:
        assert episode.start_date >= episode.stepdown.requested_at.date()
        if episode.assessment_completion_date:
            assert episode.assessment_start_date <= episode.assessment_completion_date
        if episode.end_date:
            assert episode.end_date >= (episode.assessment_completion_date or episode.start_date)
    step_ups = Contact.objects.filter(source="5D", pk__in=episodes.values("step_up_contact"))
    assert step_ups.count() == episodes.filter(end_reason="step_up").count()
    assert all(c.received_at <= NOW for c in step_ups)


def test_demo_opens_episodes_directly_when_no_stepdowns_arrived(early_help_manager):
    contacts = [
        make_contact(
            [make_child(f"Kid{n}", "Direct")], received_at=NOW - timedelta(days=20 + n * 3)
        )
        for n in range(120)
    ]
    ctx = _ctx(early_help_manager, contacts)
    demo.seed(ctx)
    assert 8 <= EarlyHelpEpisode.objects.count() <= 12
    assert not StepDown.objects.exists()
    assert EarlyHelpEpisode.objects.filter(lead_professional__contains=", ").count() > 7
    assert ctx.counts["early help episodes opened directly"] == EarlyHelpEpisode.objects.count()
