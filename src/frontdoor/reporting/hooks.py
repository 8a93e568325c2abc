"""Re-check a child's return problems when their records change.

After a save commits, the children whose census records changed (their person record, referral,
assessment, section 47 enquiry, child protection plan or review) are re-checked once for the
current collection year (`check_results_recheck`), so the health page is current between nightly
runs. Before a year's first nightly run nothing is stored and the re-check does nothing.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone

from frontdoor.core.calendar import local_date

log = logging.getLogger(__name__)
_pending = threading.local()


def _person_id(instance: Any) -> int | None:
    if hasattr(instance, "person_id"):
        return instance.person_id  # type: ignore[no-any-return]
    if instance.__class__.__name__ == "Person":
        return instance.pk  # type: ignore[no-any-return]
    plan = getattr(instance, "plan", None)  # a review conference
    return getattr(plan, "person_id", None)


def _flush() -> None:
    from .forms import current_census_year
    from .services import check_results_recheck

    ids = getattr(_pending, "ids", set())
    _pending.ids = set()
    if not ids:
        return
    try:
        check_results_recheck(person_ids=ids, year=current_census_year(local_date(timezone.now())))
    except Exception:  # a failed re-check must never undo or fail the user's own change
        log.exception("return checks: re-check failed for %d children", len(ids))


def changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    person_id = _person_id(instance)
    if person_id is None:
        return
    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = set()
    ids.add(person_id)
    # The first callback to run after a commit re-checks every child gathered; the others find
    # nothing left. Children gathered in a transaction that rolled back are re-checked with the
    # next commit (harmless).
    transaction.on_commit(_flush)


def connect() -> None:
    from frontdoor.assessments.models import Assessment
    from frontdoor.cases.models import Referral
    from frontdoor.child_protection.models import (
        ChildProtectionPlan,
        ReviewConference,
        Section47Enquiry,
    )
    from frontdoor.people.models import Person

    for model in (
        Person,
        Referral,
        Assessment,
        Section47Enquiry,
        ChildProtectionPlan,
        ReviewConference,
    ):
        post_save.connect(changed, sender=model, dispatch_uid=f"return-checks-{model.__name__}")
