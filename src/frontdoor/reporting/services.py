"""Writes of the reporting area: storing the returns checks' results (the health page reads them).

`check_results_refresh` runs every rule for a collection year and the Annex A checks, replaces the
stored results, then records today's counts for the trend (nightly: `frontdoor run_return_checks`).
`check_results_recheck` re-runs the child-level census rules for the children whose records changed
and replaces only their rows (Annex A's wait for the nightly run) (called after a change commits; see `reporting.apps`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record
from frontdoor.cases.models import Allocation, Referral
from frontdoor.core.calendar import local_date

from .models import CheckResult, CheckRun, CheckSnapshot
from .returns.annex_a_checks import AnnexProblem, annex_a_end, annex_a_problems
from .returns.census import census_children, collection_year
from .returns.rules import Failure, check_census, check_child, rules_for


def _holders(referral_ids: Iterable[int]) -> dict[int, tuple[int | None, int | None]]:
    """Each referral's (team, worker): its current allocation, or its last one."""
    held: dict[int, tuple[int | None, int | None]] = {}
    ids = sorted(set(referral_ids))
    for offset in range(0, len(ids), 500):
        rows = (
            Allocation.objects.filter(referral_id__in=ids[offset : offset + 500])
            .order_by("referral_id", "start", "pk")
            .values_list("referral_id", "team_id", "worker_id")
        )
        for referral_id, team_id, worker_id in rows:
            held[referral_id] = (team_id, worker_id)  # the latest start wins
    return held


def _latest_referrals(person_ids: Iterable[int], year: int) -> dict[int, int]:
    _start, ref = collection_year(year)
    latest: dict[int, int] = {}
    rows = (
        Referral.objects.filter(person_id__in=list(person_ids), referral_date__lte=ref)
        .order_by("person_id", "referral_date", "pk")
        .values_list("person_id", "pk")
    )
    for person_id, pk in rows:
        latest[person_id] = pk
    return latest


def _rows(failures: Sequence[Failure | AnnexProblem], year: int) -> list[CheckResult]:
    """Each failure with the team and worker who would fix it: the episode's allocation (or the
    child's latest episode's, for a problem about the child)."""
    now = timezone.now()
    latest = _latest_referrals({f.person_id for f in failures if f.person_id}, year)
    episode = {
        id(f): f.episode_id or (latest.get(f.person_id) if f.person_id else None) for f in failures
    }
    holders = _holders(e for e in episode.values() if e)
    rows = []
    for f in failures:
        referral_id = episode[id(f)]
        team_id, worker_id = holders.get(referral_id, (None, None)) if referral_id else (None, None)
        rows.append(
            CheckResult(
                year=year,
                rule=f.rule,
                is_query=f.is_query,
                person_id=f.person_id,
                referral_id=referral_id,
                team_id=team_id,
                worker_id=worker_id,
                message=f.message,
                url=f.url[:300],
                found_at=now,
            )
        )
    return rows


def check_results_refresh(*, actor: User | None, year: int) -> CheckRun:
    """Run every rule of the collection year on the whole census and check Annex A's lists for the
    six months to today (or to the year's reference date), replace the stored results and record
    today's counts by rule, team and worker (a second run on one day replaces the first)."""
    started = timezone.now()
    children = 0

    def counted() -> Iterable:  # type: ignore[type-arg]
        nonlocal children
        for child in census_children(year):
            children += 1
            yield child

    failures: list[Failure | AnnexProblem] = list(check_census(counted(), year))
    today = local_date(started)
    failures += annex_a_problems(annex_a_end(year, today))
    rows = _rows(failures, year)
    with transaction.atomic():
        CheckResult.objects.filter(year=year).delete()
        CheckResult.objects.bulk_create(rows, batch_size=500)
        CheckSnapshot.objects.filter(year=year, day=today).delete()
        counts = Counter((r.rule, r.team_id, r.worker_id) for r in rows)
        CheckSnapshot.objects.bulk_create(
            [
                CheckSnapshot(
                    day=today, year=year, rule=rule, team_id=team, worker_id=worker, count=n
                )
                for (rule, team, worker), n in counts.items()
            ],
            batch_size=500,
        )
        run = CheckRun.objects.create(
            year=year,
            started_at=started,
            finished_at=timezone.now(),
            children=children,
            problems=len(rows),
        )
        audit_record(
            actor=actor,
            action="return_checks_run",
            record_type="check_run",
            record_id=run.pk,
            detail={"year": year, "children": children, "problems": len(rows)},
        )
    return run


def check_results_recheck(*, person_ids: Iterable[int], year: int) -> int:
    """Re-run the child-level rules for these children (after their records changed) and replace
    their stored rows; nothing happens before the year's first full run. Returns the problems
    now stored for them. Derived data, not a record anyone edits: no audit row."""
    ids = sorted(set(person_ids))
    if not ids or not CheckRun.objects.filter(year=year).exists():
        return 0
    failures = [f for child in census_children(year, ids) for f in check_child(child, year)]
    rows = _rows(failures, year)
    with transaction.atomic():
        child_rules = [r.code for r in rules_for(year) if not r.la]
        CheckResult.objects.filter(year=year, person_id__in=ids, rule__in=child_rules).delete()
        CheckResult.objects.bulk_create(rows, batch_size=500)
    return len(rows)
