"""Reads for the returns health page: the stored check results (`reporting.services`) by rule,
team and worker, the 12-week trend and the problems to fix. Never re-runs the checks, so the page
loads quickly however large the council."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count as Count_
from django.db.models import Sum

from frontdoor.accounts.models import Team, User
from frontdoor.people.access import restricted_ids
from frontdoor.people.models import Person

from ..models import CheckResult, CheckRun, CheckSnapshot

TREND_WEEKS = 12


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    count: int
    detail: str = ""


@dataclass
class Health:
    year: int
    run: CheckRun | None
    errors: int = 0
    queries: int = 0
    annex_a: int = 0
    children: int = 0
    by_rule: list[Count] = field(default_factory=list)
    by_list: list[Count] = field(default_factory=list)  # Annex A: by list and check
    by_team: list[Count] = field(default_factory=list)
    by_worker: list[Count] = field(default_factory=list)
    trend: list[tuple[str, int | None]] = field(default_factory=list)
    problems: list[CheckResult] = field(default_factory=list)
    matching: int = 0
    people: dict[int, Person] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)


def _weekly(year: int, today: date) -> list[tuple[str, int | None]]:
    """Problems at the last run of each of the last 12 weeks (Monday to Sunday); None for a week
    with no run."""
    first = today - timedelta(days=today.weekday() + 7 * (TREND_WEEKS - 1))
    by_day = dict(
        CheckSnapshot.objects.filter(year=year, day__gte=first, day__lte=today)
        .values("day")
        .annotate(total=Sum("count"))
        .values_list("day", "total")
    )
    points: list[tuple[str, int | None]] = []
    for week in range(TREND_WEEKS):
        monday = first + timedelta(days=7 * week)
        days = [d for d in by_day if monday <= d < monday + timedelta(days=7)]
        label = f"{monday.day} {monday:%b}"
        points.append((label, int(by_day[max(days)]) if days else None))
    return points


def return_health(
    user: User,
    year: int,
    *,
    today: date,
    rule: str = "",
    team: int | None = None,
    worker: int | None = None,
    limit: int = 200,
) -> Health:
    """Today's stored problems for the collection year by rule, team and worker, the 12-week trend,
    and the problems matching the filter (at most `limit`), with the people this user may see."""
    from .annex_a_checks import ANNEX_A_CHECKS, CHECKS
    from .rules import REGISTRY

    results = CheckResult.objects.filter(year=year)
    health = Health(year=year, run=CheckRun.objects.filter(year=year).first())
    health.children = results.exclude(person=None).values("person").distinct().count()
    for code, is_query, n in (
        results.values("rule", "is_query")
        .annotate(n=Count_("id"))
        .values_list("rule", "is_query", "n")
    ):
        check = ANNEX_A_CHECKS.get(code)
        if check is not None:
            health.annex_a += n
            health.by_list.append(Count(code, CHECKS[check.check], n, check.list_name))
            continue
        if is_query:
            health.queries += n
        else:
            health.errors += n
        known = REGISTRY.get(code)
        health.by_rule.append(
            Count(code, known.message if known else code, n, known.kind if known else "")
        )
    health.by_rule.sort(key=lambda c: (-c.count, c.key))
    health.by_list.sort(key=lambda c: c.key)
    teams = dict(Team.objects.values_list("pk", "name"))
    for team_id, n in results.values("team").annotate(n=Count_("id")).values_list("team", "n"):
        label = teams.get(team_id, "No team allocated") if team_id else "No team allocated"
        health.by_team.append(Count(str(team_id or ""), label, n))
    health.by_team.sort(key=lambda c: (-c.count, c.label))
    workers = results.values("worker", "team").annotate(n=Count_("id"))
    names = {
        u.pk: u.display_name for u in User.objects.filter(pk__in={w["worker"] for w in workers})
    }
    for w in workers:
        if w["worker"]:
            team_name = teams.get(w["team"], "") if w["team"] else ""
            health.by_worker.append(Count(str(w["worker"]), names[w["worker"]], w["n"], team_name))
    health.by_worker.sort(key=lambda c: (-c.count, c.label))
    health.trend = _weekly(year, today)
    chosen = results
    if rule:
        chosen = chosen.filter(rule=rule)
    if team is not None:
        chosen = chosen.filter(team_id=team) if team else chosen.filter(team__isnull=True)
    if worker is not None:
        chosen = chosen.filter(worker_id=worker)
    health.matching = chosen.count()
    health.problems = list(chosen.select_related("team", "worker").order_by("rule", "id")[:limit])
    ids = {p.person_id for p in health.problems if p.person_id}
    if user.can("view_people"):
        health.people = Person.objects.in_bulk(ids)
        health.hidden = restricted_ids(user, ids)
    return health


def named(health: Health) -> list[tuple[CheckResult, str]]:
    """Each problem listed with the child's name, for a user who may open records (and is on
    the access list of a sealed child); an empty name otherwise."""
    rows = []
    for p in health.problems:
        person = health.people.get(p.person_id) if p.person_id else None
        hidden = p.person_id in health.hidden
        rows.append((p, person.full_name if person and not hidden else ""))
    return rows
