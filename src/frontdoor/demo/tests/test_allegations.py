"""The demo stage makes consultations and referrals across sectors and outcomes, reproducibly."""

import random
from datetime import UTC, datetime
from typing import Any

import pytest

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.allegations.models import Allegation, Meeting, OutcomeProposal
from frontdoor.conftest import make_user
from frontdoor.demo import allegations as demo
from frontdoor.demo.context import SeedContext
from frontdoor.people.tests.factories import make_child

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 26, 10, tzinfo=UTC)


def _seed(seed: int, lado: Any, contacts: int) -> SeedContext:
    lado2 = User.objects.filter(username="lado2").first() or make_user(
        "lado2", Role.DESIGNATED_OFFICER, "Designated Officer Service"
    )
    ctx = SeedContext(
        rng=random.Random(seed),
        now=NOW,
        contacts_wanted=contacts,
        users={"lado": lado, "lado2": lado2},
    )
    demo.seed(ctx)
    return ctx


def test_it_seeds_consultations_and_referrals_across_sectors_and_outcomes(designated_officer):
    make_child("Demo", "Child")
    ctx = _seed(1, designated_officer, 1500)
    approaches = list(Allegation.objects.all())
    assert len(approaches) == 50  # contacts_wanted / 30
    kinds = [a.kind for a in approaches]
    assert 0.4 < kinds.count("consultation") / len(kinds) < 0.75
    assert len({a.sector for a in approaches}) >= 5
    assert len({a.outcome for a in approaches if a.outcome}) >= 3
    # Every outcome was proposed by one designated officer and authorised by the other.
    proposals = OutcomeProposal.objects.filter(state="authorised")
    assert proposals.count() == len([a for a in approaches if a.outcome])
    assert set(proposals.values_list("proposed_by__username", "authorised_by__username")) == {
        ("designated_officer", "lado2")
    }
    assert Meeting.objects.filter(final=True).exists()
    assert Allegation.objects.filter(kind="referral", initial_consideration__isnull=True).exists()
    assert ctx.counts["LADO referrals"] == kinds.count("referral")


def test_it_is_reproducible(designated_officer):
    def rows() -> list[tuple[Any, ...]]:
        return list(
            Allegation.objects.order_by("pk").values_list(
                "kind", "sector", "outcome", "received_at", "subject__first_name"
            )
        )

    _seed(7, designated_officer, 600)
    first = rows()
    Allegation.objects.all().delete()
    _seed(7, designated_officer, 600)
    assert rows() == first
