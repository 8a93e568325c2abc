"""Demo early help: decide the step-downs earlier stages sent, run episodes, step some up.

Everything goes through the services, with dates from ctx.now and choices from ctx.rng.
Step-downs come from the screening (and protection) stages. When they sent none, or fewer than
five old enough to decide, a modest number of episodes is opened directly for children in the
demo contacts so the area has data.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from frontdoor.core.calendar import LONDON
from frontdoor.demo import names
from frontdoor.demo.context import SeedContext
from frontdoor.earlyhelp import services
from frontdoor.earlyhelp.models import EarlyHelpEpisode, EndReason, StepDown, StepDownStatus

ORGANISATIONS = names.SCHOOLS + [
    "Demoton Family Hub",
    "Exampleford Family Hub",
    "Health Visiting Service",
    "School Nursing Service",
    "Demoshire Youth Service",
    "Family Support Charity",
]
ROLES_BY_ORG = {
    "Health Visiting Service": "health visitor",
    "School Nursing Service": "school nurse",
}
DECLINE_REASONS = [
    "The family is already supported by Child and Adolescent Mental Health Services; "
    "no additional early help needed.",
    "Mum has declined early help; the consent to share and work together is not there.",
    "The family has moved out of the area; passed to the new council's early help team.",
    "Needs are met by the school's pastoral support already in place.",
    "Concerns described are above the early help threshold; returned to the MASH for review.",
]
STEP_UP_REASONS = [
    (
        "Engagement has stopped and school attendance has fallen below 50%.",
        "neglect",
        "The children have missed most of this half term; the home was found cold and without food.",
    ),
    (
        "A new partner with a history of domestic abuse has moved into the home.",
        "domestic_abuse",
        "Police were called to the address twice this month; the children were present.",
    ),
    (
        "The young person has been missing overnight three times in a month.",
        "exploitation",
        "Seen with older males in cars; new phone and clothes the family cannot explain.",
    ),
    (
        "Mum's mental health has deteriorated and she is not able to care for the baby safely.",
        "mental_health",
        "The health visitor found the baby unwashed and mum unable to get up.",
    ),
]
# A step-down is decided a few days after it arrives; younger ones stay in the inbox.
DECIDE_AFTER_DAYS = 4


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def _lead(ctx: SeedContext) -> tuple[str, str]:
    rng = ctx.rng
    organisation = rng.choice(ORGANISATIONS)
    first = rng.choice(names.FIRST_NAMES_F + names.FIRST_NAMES_M)
    role = ROLES_BY_ORG.get(organisation) or (
        "family support worker" if "Hub" in organisation else "pastoral lead"
    )
    return f"{first} {rng.choice(names.LAST_NAMES)}, {role}", organisation


def _decide_stepdowns(ctx: SeedContext, manager: Any) -> list[EarlyHelpEpisode]:
    rng = ctx.rng
    today = timezone.localtime(ctx.now).date()
    cutoff = ctx.now - timedelta(days=DECIDE_AFTER_DAYS)
    episodes = []
    pending = (
        StepDown.objects.filter(status=StepDownStatus.PENDING, requested_at__lte=cutoff)
        .select_related("person")
        .order_by("requested_at", "id")
    )
    open_children: set[int] = set(
        EarlyHelpEpisode.objects.filter(end_date__isnull=True).values_list("person_id", flat=True)
    )
    for stepdown in pending:
        requested = timezone.localtime(stepdown.requested_at)
        decided_at = min(
            requested + timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 6)), ctx.now
        )
        if rng.random() < 0.85 and stepdown.person_id not in open_children:
            lead, organisation = _lead(ctx)
            start = min(
                requested.date() + timedelta(days=rng.randint(1, 7)),
                today,
                timezone.localtime(decided_at).date(),
            )
            start = max(start, requested.date())
            episode = services.stepdown_accept(
                actor=manager,
                stepdown=stepdown,
                lead_professional=lead,
                organisation=organisation,
                start_date=start,
                now=decided_at,
            )
            open_children.add(stepdown.person_id)
            episodes.append(episode)
            ctx.count("early help step-downs accepted")
        else:
            services.stepdown_decline(
                actor=manager, stepdown=stepdown, reason=rng.choice(DECLINE_REASONS), now=decided_at
            )
            ctx.count("early help step-downs declined")
    return episodes


def _open_directly(ctx: SeedContext, manager: Any) -> list[EarlyHelpEpisode]:
    """No step-downs arrived from other stages: open episodes for some contacted children,
    a week or two after their contact (families who asked for help through a school or hub)."""
    rng = ctx.rng
    today = timezone.localtime(ctx.now).date()
    wanted = max(8, len(ctx.contacts) // 20)
    seen: set[int] = set(EarlyHelpEpisode.objects.values_list("person_id", flat=True))
    episodes: list[EarlyHelpEpisode] = []
    candidates = [c for c in ctx.contacts if rng.random() < 0.12]
    for contact in candidates:
        if len(episodes) >= wanted:
            break
        children = [
            link.person
            for link in contact.children.select_related("person")
            if link.person.kind == "child" and link.person.pk not in seen
        ]
        if not children:
            continue
        start = timezone.localtime(contact.received_at).date() + timedelta(days=rng.randint(5, 15))
        if start > today:
            continue
        child = rng.choice(children)
        lead, organisation = _lead(ctx)
        episodes.append(
            services.episode_open(
                actor=manager,
                person=child,
                lead_professional=lead,
                organisation=organisation,
                start_date=start,
                now=ctx.now,
            )
        )
        seen.add(child.pk)
        ctx.count("early help episodes opened directly")
    return episodes


def _progress(ctx: SeedContext, manager: Any, episode: EarlyHelpEpisode) -> None:
    """Assessment for most; older episodes end (outcomes met mostly); about 8% step up."""
    rng = ctx.rng
    today = timezone.localtime(ctx.now).date()
    latest = episode.start_date
    if rng.random() < 0.88:
        started = episode.start_date + timedelta(days=rng.randint(0, 15))
        if started <= today:
            finish = started + timedelta(days=rng.randint(7, 35))
            completed = finish if finish <= today and rng.random() < 0.9 else None
            organisation = episode.organisation if rng.random() < 0.8 else rng.choice(ORGANISATIONS)
            services.episode_assessment_record(
                actor=manager,
                episode=episode,
                start_date=started,
                completion_date=completed,
                organisation=organisation,
                now=ctx.now,
            )
            latest = completed or started
            ctx.count("early help assessments")
    age = (today - episode.start_date).days
    roll = rng.random()
    if roll < 0.08 and age > 30:
        day = latest + timedelta(days=rng.randint(14, max(15, min(age, 200))))
        if day > today:
            day = today
        at = min(_at(day, rng.randint(9, 16), rng.randint(0, 59)), ctx.now - timedelta(minutes=30))
        if timezone.localtime(at).date() < latest:
            return
        reason, category, concerns = rng.choice(STEP_UP_REASONS)
        contact = services.episode_step_up(
            actor=manager,
            episode=episode,
            reason=reason,
            concerns=concerns,
            parents_aware=rng.choice(["yes", "yes", "no", "not_known"]),
            categories=[category],
            at=at,
            now=ctx.now,
        )
        ctx.contacts.append(contact)
        ctx.count("early help step-ups")
    elif age > 100 and roll < 0.85:
        end = min(latest + timedelta(days=rng.randint(60, 240)), today)
        reason = EndReason.OUTCOMES_MET if rng.random() < 0.82 else EndReason.NO_FURTHER_ACTION
        services.episode_end(
            actor=manager, episode=episode, end_date=end, reason=reason, now=ctx.now
        )
        ctx.count("early help episodes ended")


def seed(ctx: SeedContext) -> None:
    manager = ctx.users.get("eh.manager") or ctx.pick_staff("early_help_manager")
    episodes = _decide_stepdowns(ctx, manager) if StepDown.objects.exists() else []
    if len(episodes) < 5:
        # No stage sent step-downs with past dates (or none at all): open some episodes directly.
        episodes += _open_directly(ctx, manager)
    for episode in episodes:
        _progress(ctx, manager, episode)
