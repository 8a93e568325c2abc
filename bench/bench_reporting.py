"""Benchmark: the performance dashboard, the CIN census and Annex A for one year of a large council.

Usage: .venv/bin/python bench/bench_reporting.py [--contacts 30000] [--seed 1]

Builds a throwaway SQLite database in a temporary folder and bulk-loads one collection year
(1 April 2025 - 31 March 2026) of synthetic records shaped like a large council (DOMAIN.md §10:
3-5 times a mid-sized council): contacts with their children and decision times, MASH screenings
with decisions and partner information requests, referrals (about 23% of children on contacts,
some NFA, re-referrals), allocations, and - when the protection area is installed - assessments,
strategy discussions, s47 enquiries, ICPCs, CP plans and review conferences. Bulk loading
(bulk_create) is only for speed: seeding 30,000 contacts through the services takes minutes. The
code measured is the product's own: the dashboard selector and page, the pre-submission checks,
the census XML writer and the Annex A workbook writer.

Times are wall-clock (best of the runs); peak memory is measured in a separate run of each step
under tracemalloc (Python allocations during the step). Prints a Markdown table for
docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

YEAR = 2026  # collection year 1 April 2025 - 31 March 2026
START, END = date(2025, 4, 1), date(2026, 3, 31)


def setup_django(folder: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def get(label: str) -> Any:
    from django.apps import apps

    try:
        return apps.get_model(label)
    except LookupError:
        return None


def load(n_contacts: int, rng: random.Random) -> dict[str, int]:
    from frontdoor.accounts.models import Team, User
    from frontdoor.cases.models import Allocation, Referral
    from frontdoor.core.calendar import LONDON, get_calendar
    from frontdoor.intake.models import Contact, ContactChild
    from frontdoor.people.models import Person

    cal = get_calendar()
    counts: dict[str, int] = {}
    teams = [Team.objects.create(name=f"Assessment Team {n}", kind="assessment") for n in range(6)]
    workers = User.objects.bulk_create(
        [
            User(
                username=f"sw{i}",
                role="assessment_social_worker",
                team=teams[i % 6],
                first_name=f"Worker{i}",
                last_name="Bench",
            )
            for i in range(60)
        ]
    )
    mash = User.objects.create(
        username="mash", role="mash_practitioner", first_name="M", last_name="W"
    )
    manager = User.objects.create(
        username="mgr", role="mash_manager", first_name="T", last_name="M"
    )

    n_people = int(n_contacts * 0.8)
    people = Person.objects.bulk_create(
        [
            Person(
                first_name=f"Child{i}",
                last_name="Bench",
                sex=rng.choice("MF"),
                date_of_birth=date(2008, 1, 1) + timedelta(days=rng.randrange(6500)),
                ethnicity=rng.choice(
                    ["WBRI", "WBRI", "WBRI", "MWBC", "AIND", "BAFR", "WOTH", "NOBT"]
                ),
                created_at=datetime(2025, 1, 1, tzinfo=LONDON),
            )
            for i in range(n_people)
        ],
        batch_size=5000,
    )
    counts["children"] = len(people)

    sources = ["2A", "6", "6", "3A", "3B", "1A", "5A", "8", "9", "2B", "3E", "4"]
    contacts, links = [], []
    span = (END - START).days + 1
    for _ in range(n_contacts):
        day = START + timedelta(days=rng.randrange(span))
        received = datetime(
            day.year, day.month, day.day, rng.randrange(8, 20), rng.randrange(60), tzinfo=LONDON
        )
        due = cal.add_working_day_deadline(received, 1)
        decided = due + timedelta(hours=rng.choice([-20, -6, -2, -1, 1, 3]))
        contacts.append(
            Contact(
                received_at=received,
                channel="phone",
                source=rng.choice(sources),
                concerns="Bench concern",
                categories=["neglect"],
                parents_aware="yes",
                status="decided",
                decision_due_at=due,
                recorded_at=received,
                recorded_by=mash,
                decided_at=decided,
            )
        )
    contacts.sort(key=lambda c: c.received_at)
    Contact.objects.bulk_create(contacts, batch_size=5000)
    for contact in contacts:
        first = rng.randrange(n_people)
        for k in range(1 if rng.random() < 0.75 else 2):
            links.append(ContactChild(contact=contact, person=people[(first + k) % n_people]))
    ContactChild.objects.bulk_create(links, batch_size=5000)
    counts["contacts"], counts["contact children"] = len(contacts), len(links)
    _screenings(links, mash, manager, rng, counts)

    referrals, open_until = [], {}
    for link in links:
        day = link.contact.received_at.astimezone(LONDON).date()
        if rng.random() > 0.23 or open_until.get(link.person_id, date.min) >= day:
            continue
        nfa = rng.random() < 0.065
        closed = day if nfa else day + timedelta(days=rng.randrange(20, 200))
        closed = None if closed > END else closed
        open_until[link.person_id] = closed or date.max
        worker = rng.choice(workers)
        referrals.append(
            Referral(
                person_id=link.person_id,
                referral_date=day,
                source=link.contact.source,
                primary_need="" if nfa else rng.choice(["N1", "N1", "N4", "N5", "N2"]),
                nfa=nfa,
                closure_date=closed,
                reason_for_closure="RC8" if nfa else ("RC7" if closed else ""),
                contact=link.contact,
                team=worker.team,
                worker=worker,
                created_at=link.contact.received_at,
            )
        )
    Referral.objects.bulk_create(referrals, batch_size=5000)
    Allocation.objects.bulk_create(
        [
            Allocation(
                referral=r,
                team=r.team,
                worker=r.worker,
                start=r.created_at,
                end=datetime(
                    r.closure_date.year, r.closure_date.month, r.closure_date.day, 17, tzinfo=LONDON
                )
                if r.closure_date
                else None,
            )
            for r in referrals
        ],
        batch_size=5000,
    )
    counts["referrals"] = len(referrals)
    _protection(referrals, workers, manager, rng, counts)
    return counts


def _screenings(
    links: list[Any], mash: Any, manager: Any, rng: random.Random, counts: dict[str, int]
) -> None:
    screening, decision, request = (
        get("screening.Screening"),
        get("screening.Decision"),
        get("screening.InformationRequest"),
    )
    if screening is None or decision is None or request is None:
        return
    rows = screening.objects.bulk_create(
        [
            screening(
                contact_child=link,
                contact=link.contact,
                person_id=link.person_id,
                owner=mash,
                status="authorised",
                started_at=link.contact.received_at,
                rag="amber",
                consent_sought=True,
                consent_outcome=rng.choice(["given", "given", "not_sought"]),
                consent_authorised_at=link.contact.received_at,
            )
            for link in links
        ],
        batch_size=5000,
    )
    decision.objects.bulk_create(
        [
            decision(
                screening=s,
                level_of_need=3,
                outcome="assessment",
                rationale="R",
                risks_and_protective_factors="R",
                late=s.contact.decided_at > s.contact.decision_due_at,
                delay_reason="volume" if s.contact.decided_at > s.contact.decision_due_at else "",
                decided_at=s.contact.decided_at,
                decided_by=mash,
                status="authorised",
                authorised_at=s.contact.decided_at,
                authorised_by=manager,
            )
            for s in rows
        ],
        batch_size=5000,
    )
    request.objects.bulk_create(
        [
            request(
                screening=s,
                agency="police",
                question="Known?",
                sent_at=s.started_at,
                due_at=s.started_at + timedelta(hours=24),
                received_at=s.started_at + timedelta(hours=rng.choice([2, 10, 30])),
            )
            for s in rows
        ],
        batch_size=5000,
    )
    counts["screenings"] = len(rows)


def _protection(
    referrals: list[Any],
    workers: list[Any],
    manager: Any,
    rng: random.Random,
    counts: dict[str, int],
) -> None:
    from frontdoor.core.calendar import LONDON, get_calendar

    if get("child_protection.Section47Enquiry") is None:
        return
    from frontdoor.assessments import models as am
    from frontdoor.child_protection import models as cpm

    cal = get_calendar()

    def moment(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 11, tzinfo=LONDON)

    guidance, assessments, discussions, enquiries = [], [], [], []
    for r in referrals:
        if r.nfa:
            continue
        start = cal.add_working_days(r.referral_date, 1)
        done = cal.add_working_days(start, rng.randrange(15, 55))
        limit = r.closure_date or END
        guidance.append(
            am.AssessmentGuidance(
                referral=r,
                person_id=r.person_id,
                manager=manager,
                given_at=moment(start),
                focus="F",
                lines_of_enquiry="L",
                due_date=done,
                max_due_date=done,
                absent_parent="none",
            )
        )
        assessments.append(
            am.Assessment(
                referral=r,
                person_id=r.person_id,
                worker=r.worker,
                start_date=start,
                due_date=done,
                factors=["3B", "4B"] if done <= limit else [],
                outcome="cin_plan" if done <= limit else "",
                authorised_date=done if done <= limit else None,
                created_at=moment(start),
            )
        )
        if rng.random() < 0.35 and r.reason_for_closure != "RC8":
            discussions.append(
                cpm.StrategyDiscussion(
                    referral=r,
                    person_id=r.person_id,
                    lead=r.worker,
                    held_at=moment(start),
                    information_shared="I",
                    decision="s47_single",
                    rationale="R",
                    initiates_s47=True,
                    created_at=moment(start),
                )
            )
    am.AssessmentGuidance.objects.bulk_create(guidance, batch_size=5000)
    for g, a in zip(guidance, assessments, strict=True):
        a.guidance = g
    am.Assessment.objects.bulk_create(assessments, batch_size=5000)
    cpm.StrategyDiscussion.objects.bulk_create(discussions, batch_size=5000)
    for d in discussions:
        start = d.held_at.date()
        target = cal.add_working_days(start, 15)
        icpc = cal.add_working_days(start, rng.randrange(10, 18)) if rng.random() < 0.32 else None
        if icpc and icpc > (d.referral.closure_date or END):
            icpc = None
        enquiries.append(
            cpm.Section47Enquiry(
                referral=d.referral,
                person_id=d.person_id,
                strategy_discussion=d,
                start_date=start,
                icpc_target=target,
                outcome="substantiated_icpc" if icpc else "not_substantiated",
                outcome_date=icpc or start + timedelta(days=10),
                icpc_date=icpc,
                cp_plan=bool(icpc),
                initial_category="NEG" if icpc else "",
                created_at=d.held_at,
            )
        )
    cpm.Section47Enquiry.objects.bulk_create(enquiries, batch_size=5000)
    plans = [
        cpm.ChildProtectionPlan(
            referral=s.referral,
            person_id=s.person_id,
            s47=s,
            start_date=s.icpc_date,
            initial_category="NEG",
            latest_category="NEG",
            first_review_due=s.icpc_date + timedelta(days=90),
            created_at=moment(s.icpc_date),
        )
        for s in enquiries
        if s.icpc_date
    ]
    cpm.ChildProtectionPlan.objects.bulk_create(plans, batch_size=5000)
    reviews = [
        cpm.ReviewConference(
            plan=p,
            due_date=p.first_review_due,
            held_date=cal.add_working_days(p.start_date, 55),
            category="NEG",
        )
        for p in plans
        if cal.add_working_days(p.start_date, 55) <= (p.referral.closure_date or END)
    ]
    cpm.ReviewConference.objects.bulk_create(reviews, batch_size=5000)
    counts.update(
        {"assessments": len(assessments), "s47 enquiries": len(enquiries), "CP plans": len(plans)}
    )


def measure(
    label: str, step: Callable[[], Any], runs: int = 3
) -> tuple[str, float, float, float, Any]:
    """Best wall-clock and CPU time of `runs` runs, then peak Python allocations in one more."""
    best, cpu, result = float("inf"), float("inf"), None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = step()
        best = min(best, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    tracemalloc.start()
    step()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return label, best, cpu, peak / 2**20, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(folder)
        started = time.perf_counter()
        counts = load(args.contacts, random.Random(args.seed))
        print(
            f"Loaded in {time.perf_counter() - started:.0f}s: "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        )
        run(folder)


def run(folder: str) -> None:
    from django.test import Client
    from django.utils import timezone

    from frontdoor.accounts.models import User
    from frontdoor.reporting import selectors
    from frontdoor.reporting.periods import Period
    from frontdoor.reporting.returns.annex_a import write_annex_a
    from frontdoor.reporting.returns.census import census_children
    from frontdoor.reporting.returns.cin_xml import census_xml
    from frontdoor.reporting.selectors import census_failures

    year = Period(START, END)
    analyst = User.objects.create(username="bench.analyst", role="analyst")
    client = Client()
    client.force_login(analyst)
    xml_path, xlsx_path = f"{folder}/cin.xml", f"{folder}/annex.xlsx"

    def write_census() -> int:
        with open(xml_path, "wb") as out:
            for chunk in census_xml(YEAR, census_children(YEAR), now=timezone.now()):
                out.write(chunk)
        return os.path.getsize(xml_path)

    def dashboard_page() -> int:
        response = client.get("/reports/?date_from=2025-04-01&date_to=2026-03-31")
        assert response.status_code == 200
        return len(response.content)

    results = [
        measure("Dashboard figures, whole year (selector)", lambda: selectors.dashboard(year)),
        measure("Dashboard page, whole year (HTTP, rendered)", dashboard_page),
        measure("CIN census pre-submission checks", lambda: len(census_failures(YEAR))),
        measure("CIN census XML written to a file", write_census),
        measure(
            "Annex A workbook (six months to 31/03/2026)",
            lambda: len(write_annex_a(xlsx_path, END).children),
        ),
    ]
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print("\n| Step | Wall (s) | CPU (s) | Peak Python memory (MiB) | Result |")
    print("|---|---|---|---|---|")
    for label, seconds, cpu, mib, result in results:
        shown = f"{result:,}" if isinstance(result, int) else ""
        print(f"| {label} | {seconds:.2f} | {cpu:.2f} | {mib:.1f} | {shown} |")


if __name__ == "__main__":
    main()
