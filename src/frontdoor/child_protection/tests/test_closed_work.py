"""Work on a closed referral closes with it (issue 13), and an s47 that says "ICPC not required"
never shows an ICPC target as overdue."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps

from frontdoor.audit.models import AuditEvent
from frontdoor.cases.services import referral_close
from frontdoor.child_protection import selectors, services
from frontdoor.child_protection.models import ActionItem

from .helpers import discuss, open_referral

pytestmark = pytest.mark.django_db


def test_closing_a_referral_closes_its_open_actions_and_the_tray_drops_them(as_user, social_worker):
    referral = open_referral(social_worker)
    discussion = discuss(social_worker, referral)
    assert [i.kind for i in selectors.work_tray(user=social_worker).items].count(
        "Strategy discussion"
    ) == 1
    referral_close(
        actor=social_worker, referral=referral, closure_date=date(2026, 11, 30), reason="RC7"
    )
    action = ActionItem.objects.get(discussion=discussion)
    assert action.done_date == date(2026, 11, 30) and action.closed_with_referral
    tray = selectors.work_tray(user=social_worker)
    assert "Strategy discussion" not in [i.kind for i in tray.items]
    assert "Section 47 enquiry" not in [i.kind for i in tray.items]
    row = AuditEvent.objects.get(action="close_with_referral")
    assert row.detail["actions"] == [action.pk] and row.person_id == referral.person_id
    page = as_user(social_worker).get(f"/child-protection/strategy-discussions/{discussion.pk}/")
    assert "Closed with the referral, 30 November 2026" in page.content.decode()


def test_the_data_migration_closes_actions_of_referrals_closed_before(social_worker):
    referral = open_referral(social_worker)
    discussion = discuss(social_worker, referral)
    referral.closure_date, referral.reason_for_closure = date(2026, 11, 28), "RC8"
    referral.save(update_fields=["closure_date", "reason_for_closure"])  # as an old release left it
    still_open = open_referral(social_worker, first="Ben", last="Open")
    other = discuss(social_worker, still_open)
    migration = importlib.import_module(
        "frontdoor.child_protection.migrations.0003_actionitem_closed_with_referral"
    )
    migration.close_actions_of_closed_referrals(django_apps, None)
    closed = ActionItem.objects.get(discussion=discussion)
    assert closed.done_date == date(2026, 11, 28) and closed.closed_with_referral
    assert ActionItem.objects.get(discussion=other).done_date is None


def test_icpc_not_required_is_never_shown_as_an_overdue_target(as_user, social_worker):
    referral = open_referral(social_worker, on=date(2026, 8, 3))
    discussion = discuss(social_worker, referral)
    services.s47_findings_record(
        actor=social_worker,
        s47=discussion.s47,
        child_seen_date=date(2026, 11, 20),
        seen_alone=True,
        not_seen_alone_reason="",
        child_words="I am fine",
        outcome="not_substantiated",
        outcome_date=date(2026, 11, 23),
    )
    discussion.s47.refresh_from_db()
    assert discussion.s47.icpc_not_required
    body = (
        as_user(social_worker)
        .get(f"/child-protection/strategy-discussions/{discussion.pk}/")
        .content.decode()
    )
    assert "ICPC target" not in body and "ICPC not required" in body
    assert "Section 47 enquiry" not in [
        i.kind for i in selectors.work_tray(user=social_worker).items
    ]


def test_the_work_tray_is_counted_and_paginated(as_user, social_worker):
    for n in range(3):
        discuss(social_worker, open_referral(social_worker, first=f"C{n}", last="Paged"))
    body = as_user(social_worker).get("/child-protection/").content.decode()
    assert "Work with a deadline (6)" in body  # an action and an ICPC target for each child
    assert "My allocated referrals (3)" in body
