"""Demo allocation: every open referral, early help episode and open referral to the designated
officer has a named worker, except the few most recent urgent referrals (strategy discussion,
immediate risk), left for mash.manager to allocate from the home page; lead practitioners; and
notifications waiting to be read.

Made through the services (`referral_allocate`, `episode_allocate`, `allocate`,
`lead_practitioner_record`, `notify` and the deadline scan), with times from ctx.now and choices
from ctx.rng.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.urls import reverse

from frontdoor.accounts.models import Team, User
from frontdoor.accounts.roles import Role
from frontdoor.allegations.models import Allegation, ApproachKind
from frontdoor.allegations.models import Status as AllegationStatus
from frontdoor.cases.models import Allocation, LeadKind, LeadPractitioner, Referral
from frontdoor.cases.selectors import (
    allegation_candidates,
    current_episode_allocation,
    referral_candidates,
)
from frontdoor.cases.services import (
    allocate,
    episode_allocate,
    lead_practitioner_record,
    referral_allocate,
)
from frontdoor.child_protection.models import ChildProtectionPlan
from frontdoor.core.calendar import local_date
from frontdoor.demo import names, screening
from frontdoor.demo.context import SeedContext
from frontdoor.earlyhelp.models import EarlyHelpEpisode
from frontdoor.intake.models import Channel, ConcernCategory, ParentsAware
from frontdoor.intake.services import contact_record
from frontdoor.notifications import scan
from frontdoor.notifications.models import Kind
from frontdoor.notifications.services import notify
from frontdoor.people.models import Person

# How many urgent referrals are left unallocated on purpose (made by this stage, a few hours old).
LEFT_UNALLOCATED = 4
# Early help practitioners who hold episodes (role "Early help practitioner": they work episodes
# and record case notes, but do not allocate; unusable passwords, as for the other extra staff).
EARLY_HELP_STAFF = [("eh.worker1", "Morgan", "Ellery"), ("eh.worker2", "Sasha", "Okafor")]


def seed(ctx: SeedContext) -> None:
    _qualify_social_workers(ctx)
    _allocate_referrals(ctx)
    _urgent_waiting(ctx)
    _allocate_episodes(ctx)
    _allocate_allegations(ctx)
    _lead_practitioners(ctx)
    _notifications(ctx)


def _qualify_social_workers(ctx: SeedContext) -> None:
    """Social workers and MASH managers are registered with Social Work England (synthetic
    numbers). Set here, as an administrator would on the user's record."""
    staff = User.objects.filter(
        role__in=[Role.ASSESSMENT_SOCIAL_WORKER, Role.MASH_MANAGER, Role.MASH_PRACTITIONER]
    ).order_by("pk")
    for user in staff:
        user.qualified_social_worker = True
        user.swe_registration = f"SW{900000 + user.pk}"
        user.save(update_fields=["qualified_social_worker", "swe_registration"])


def _allocate_referrals(ctx: SeedContext) -> None:
    managers = [ctx.users["mash.manager"]] + [
        u for u in ctx.staff.get("mash_manager", []) if u.username != "mash.manager"
    ]
    workers = referral_candidates()
    favourite = ctx.users.get("sw.assessment")
    waiting = list(
        Referral.objects.filter(closure_date__isnull=True, worker__isnull=True, nfa=False)
        .select_related("person", "team")
        .order_by("-urgent", "-created_at", "pk")
    )
    for referral in waiting:
        worker = favourite if favourite and ctx.rng.random() < 0.3 else ctx.rng.choice(workers)
        at = min(referral.created_at + timedelta(minutes=ctx.rng.randint(20, 240)), ctx.now)
        referral_allocate(
            actor=ctx.rng.choice(managers),
            referral=referral,
            team=worker.team,
            worker=worker,
            now=at,
        )
    ctx.count("referrals allocated by the allocation stage", len(waiting))


def _urgent_waiting(ctx: SeedContext) -> None:
    """New contacts of the last few hours decided "strategy discussion (immediate risk)" and
    authorised: urgent referrals nobody has allocated yet, for mash.manager's home page."""
    workers, managers = screening._practitioners(ctx), screening._managers(ctx)
    busy = set(
        Referral.objects.filter(closure_date__isnull=True).values_list("person_id", flat=True)
    )
    children = list(
        Person.objects.filter(kind="child", sealed=False, contact_links__isnull=False)
        .exclude(pk__in=busy)
        .distinct()
        .order_by("pk")[:300]
    )
    made = 0
    for child in ctx.rng.sample(children, min(LEFT_UNALLOCATED, len(children))):
        received = ctx.now - timedelta(minutes=ctx.rng.randint(150, 330))
        contact = contact_record(
            actor=ctx.rng.choice(workers),
            received_at=received,
            channel=Channel.POLICE,
            source="6",
            concerns="Police called to the home overnight: the child has an injury to the face "
            "and says a parent hit them. The parent is still at the address.",
            categories=[ConcernCategory.PHYSICAL],
            parents_aware=ParentsAware.values[0],
            children=[child],
            source_organisation="Demoshire Police",
            referrer_name=f"PC {ctx.rng.choice(names.LAST_NAMES)}",
            referrer_role="Police officer",
            referrer_phone=f"01632 {ctx.rng.randint(100000, 999999)}",
            now=received,
        )
        ctx.contacts.append(contact)
        screening.decide_contact(ctx, contact, workers, managers, "strategy")
        made += Referral.objects.filter(
            contact=contact, urgent=True, worker__isnull=True, closure_date__isnull=True
        ).count()
    ctx.count("urgent referrals left unallocated", made)


def _early_help_staff(ctx: SeedContext) -> list[User]:
    manager = ctx.users.get("eh.manager")
    team = manager.team if manager else Team.objects.filter(kind="early_help").first()
    if team is None:
        return []
    for username, first, last in EARLY_HELP_STAFF:
        User.objects.update_or_create(
            username=username,
            defaults={"role": Role.EARLY_HELP_PRACTITIONER},
            create_defaults={
                "first_name": first,
                "last_name": last,
                "role": Role.EARLY_HELP_PRACTITIONER,
                "team": team,
                "job_title": "Early help practitioner",
                "password": make_password(None),
            },
        )
    return list(User.objects.filter(team=team, is_active=True).order_by("pk"))


def _allocate_episodes(ctx: SeedContext) -> None:
    manager = ctx.users.get("eh.manager")
    staff = _early_help_staff(ctx)
    if manager is None or not staff:
        return
    episodes = list(EarlyHelpEpisode.objects.filter(end_date__isnull=True).select_related("person"))
    count = 0
    for episode in episodes:
        if current_episode_allocation(episode) is not None:
            continue
        episode_allocate(
            actor=manager,
            episode=episode,
            worker=ctx.rng.choice(staff),
            now=min(episode.created_at + timedelta(hours=ctx.rng.randint(1, 30)), ctx.now),
        )
        count += 1
    ctx.count("early help episodes allocated", count)


def _allocate_allegations(ctx: SeedContext) -> None:
    """Every open referral to the designated officer is held by `lado` or `lado2`, allocated by
    `lado` (who allocates in the Designated Officer Service) within a day of it arriving; the
    officers take them in turn, so both have a caseload."""
    allocator = ctx.users.get("lado")
    if allocator is None:
        return
    officers = allegation_candidates(allocator)
    waiting = list(
        Allegation.objects.filter(kind=ApproachKind.REFERRAL, status=AllegationStatus.OPEN)
        .exclude(
            pk__in=Allocation.objects.filter(end__isnull=True, allegation__isnull=False).values(
                "allegation_id"
            )
        )
        .order_by("received_at", "pk")
    )
    # Shared out in turn (no draw from ctx.rng: the later stages' choices stay as they were).
    for i, allegation in enumerate(waiting):
        allocate(
            actor=allocator,
            work=allegation,
            worker=officers[i % len(officers)],
            now=min(allegation.received_at + timedelta(hours=1 + 7 * i % 20), ctx.now),
        )
    ctx.count("allegations allocated to designated officers", len(waiting))


def _lead_practitioners(ctx: SeedContext) -> None:
    """A lead child protection practitioner for each child on an open plan (the plan's
    referral's social worker), and a Family Help lead practitioner for each open episode (the
    lead professional named when early help started, often from a partner agency)."""
    plans = ChildProtectionPlan.objects.filter(
        end_date__isnull=True, referral__worker__isnull=False
    ).select_related("referral__worker", "person")
    made = 0
    for plan in plans:
        if LeadPractitioner.objects.filter(
            person=plan.person, kind=LeadKind.CHILD_PROTECTION, end_date__isnull=True
        ).exists():
            continue
        worker = plan.referral.worker
        assert worker is not None
        if not worker.qualified_social_worker:
            continue
        lead_practitioner_record(
            actor=ctx.users.get("mash.manager"),
            person=plan.person,
            kind=LeadKind.CHILD_PROTECTION,
            user=worker,
            start_date=plan.start_date,
            now=ctx.now,
        )
        made += 1
    for episode in EarlyHelpEpisode.objects.filter(end_date__isnull=True).select_related("person"):
        if LeadPractitioner.objects.filter(
            person=episode.person, kind=LeadKind.FAMILY_HELP, end_date__isnull=True
        ).exists():
            continue
        holder = current_episode_allocation(episode)
        named = episode.lead_professional.strip()
        lead_practitioner_record(
            actor=ctx.users.get("eh.manager"),
            person=episode.person,
            kind=LeadKind.FAMILY_HELP,
            user=None if named else (holder.worker if holder else None),
            name=named or "Family Help practitioner",
            agency=episode.organisation if named else "",
            start_date=episode.start_date,
            now=ctx.now,
        )
        made += 1
    ctx.count("lead practitioners recorded", made)


def _notifications(ctx: SeedContext) -> None:
    """What the deadline scan finds at ctx.now, plus a few allocations told to the demo logins
    (the demo's history is older than a day, so it is not announced by the services)."""
    scan.run(ctx.now)
    for username in ("sw.assessment", "mash.worker"):
        user = ctx.users.get(username)
        if user is None:
            continue
        recent = (
            Referral.objects.filter(worker=user, closure_date__isnull=True)
            .select_related("person")
            .order_by("-created_at")[:3]
        )
        for referral in recent:
            notify(
                users=user,
                kind=Kind.ALLOCATION,
                subject_text="The referral for {name} is allocated to you",
                url=reverse("cases:referral_detail", args=[referral.pk]),
                person=referral.person,
                key=f"demo:allocation:{referral.pk}",
                now=ctx.now - timedelta(minutes=ctx.rng.randint(5, 600)),
            )
    manager = ctx.users.get("mash.manager")
    if manager is not None:
        for referral in Referral.objects.filter(
            urgent=True, worker__isnull=True, closure_date__isnull=True
        ).select_related("person"):
            notify(
                users=manager,
                kind=Kind.DEADLINE,
                subject_text=f"Urgent referral for {{name}} to allocate (opened "
                f"{local_date(referral.created_at):%d/%m/%Y})",
                url=reverse("cases:referral_allocate", args=[referral.pk]),
                person=referral.person,
                key=f"deadline:allocate:{referral.pk}",
                now=ctx.now,
            )
