"""Reads for child protection: the social worker's work tray, a referral's records, the other
children of the child's household, and the warnings on a strategy discussion.

Lists that show children say which of them are sealed to this user (`hidden`, from
`restricted_ids`): the page shows "Restricted record" for those, with no dates, outcome or link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse

from frontdoor.accounts.models import User
from frontdoor.assessments.models import Assessment, CaseMapping, GroupSupervision
from frontdoor.cases.models import Referral
from frontdoor.core.calendar import is_overdue, local_date
from frontdoor.core.codes import Agency
from frontdoor.core.home import ROWS, HomeItem, HomeSection
from frontdoor.people.access import restricted_ids, visible_people
from frontdoor.people.models import Person, Relationship
from frontdoor.screening.models import Decision

from .models import ActionItem, ChildProtectionPlan, Section47Enquiry, StrategyDiscussion

EXPECTED_AGENCIES = (Agency.SOCIAL_CARE, Agency.POLICE, Agency.HEALTH)


def strategy_warnings(agencies: list[str]) -> list[str]:
    """Working Together: social care, police and health at least. A warning, never a refusal."""
    return [
        f"No one from {Agency(a).label.lower() if a != Agency.SOCIAL_CARE else 'children’s social care'} "
        "took part: record why, and share the outcome with them"
        for a in EXPECTED_AGENCIES
        if a not in agencies
    ]


@dataclass
class TrayItem:
    kind: str
    title: str
    person: Person
    due: date | None
    url_name: str
    pk: int
    detail: str = ""

    @property
    def overdue(self) -> bool:
        return is_overdue(self.due)


@dataclass
class WorkTray:
    referrals: list[Referral]
    items: list[TrayItem]
    hidden: set[int] = field(default_factory=set)

    @property
    def shown_ids(self) -> set[int]:
        """The children shown by name (for the list view's audit row)."""
        ids = {r.person_id for r in self.referrals} | {i.person.pk for i in self.items}
        return ids - self.hidden


def work_tray(*, user: User) -> WorkTray:
    """The worker's own allocated referrals and open work, overdue first. Constant queries.

    Work on a child sealed to this worker (sealed after allocation, say) still shows, as
    "Restricted record" with no date or link, last, so it is not silently lost from the tray."""
    referrals = list(
        Referral.objects.filter(worker=user, closure_date__isnull=True)
        .select_related("person", "team")
        .order_by("referral_date")
    )
    items: list[TrayItem] = []
    discussions = (
        StrategyDiscussion.objects.filter(
            lead=user,
            actions__done_date__isnull=True,
            actions__isnull=False,
            referral__closure_date__isnull=True,
        )
        .select_related("person")
        .distinct()
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=ActionItem.objects.filter(done_date__isnull=True),
                to_attr="open_actions",
            )
        )
    )
    for d in discussions:
        first = min(a.due_date for a in d.open_actions)
        items.append(
            TrayItem(
                "Strategy discussion",
                f"{len(d.open_actions)} open action{'s' if len(d.open_actions) != 1 else ''}",
                d.person,
                first,
                "child_protection:strategy_detail",
                d.pk,
            )
        )
    s47s = (
        Section47Enquiry.objects.filter(
            worker=user,
            icpc_date__isnull=True,
            icpc_not_required=False,
            referral__closure_date__isnull=True,
        )
        .filter(Q(outcome="") | Q(outcome="substantiated_icpc"))
        .select_related("person")
    )
    for s in s47s:
        items.append(
            TrayItem(
                "Section 47 enquiry",
                "ICPC target",
                s.person,
                s.icpc_target,
                "child_protection:s47_detail",
                s.pk,
                "Outcome recorded: ICPC needed" if s.outcome else "Enquiry open",
            )
        )
    assessments = Assessment.objects.filter(
        worker=user, authorised_date__isnull=True, referral__closure_date__isnull=True
    ).select_related("person")
    for a in assessments:
        items.append(
            TrayItem(
                "Assessment",
                "Assessment due",
                a.person,
                a.due_date,
                "assessments:assessment_detail",
                a.pk,
                "Awaiting sign-off" if a.outcome else "In progress",
            )
        )
    plans = ChildProtectionPlan.objects.filter(
        s47__worker=user, end_date__isnull=True
    ).select_related("person")
    for p in plans:
        items.append(
            TrayItem(
                "Child protection plan",
                "Review conference due",
                p.person,
                p.next_review_due,
                "child_protection:plan_detail",
                p.pk,
            )
        )
    hidden = restricted_ids(user, [r.person_id for r in referrals] + [i.person.pk for i in items])
    items.sort(key=lambda i: (i.person.pk in hidden, not i.overdue, i.due or date.max))
    referrals.sort(key=lambda r: r.person_id in hidden)
    return WorkTray(referrals=referrals, items=items, hidden=hidden)


def referral_records(referral: Referral) -> dict[str, Any]:
    return {
        "discussions": list(
            StrategyDiscussion.objects.filter(referral=referral).select_related("lead")
        ),
        "s47s": list(
            Section47Enquiry.objects.filter(referral=referral).select_related("cp_plan_record")
        ),
        "plans": list(ChildProtectionPlan.objects.filter(referral=referral)),
        "guidance": list(referral.assessment_guidance.select_related("manager")),
        "assessments": list(Assessment.objects.filter(referral=referral).select_related("worker")),
        "mappings": list(CaseMapping.objects.filter(referral=referral)),
        "supervisions": list(GroupSupervision.objects.filter(referral=referral)),
        "cin_plans": list(referral.cin_plans.all()),
        "pre_proceedings": list(referral.pre_proceedings.all()),
    }


def other_children(person: Person) -> list[Person]:
    """The other children of the child's household and their recorded siblings, each with
    `on_plan` (an open child protection plan). Shown in passing: mask with `restricted_ids`."""
    open_plan = ChildProtectionPlan.objects.filter(person=OuterRef("pk"), end_date__isnull=True)
    siblings = Relationship.objects.filter(kind="sibling")
    together = Q(pk__in=siblings.filter(other=person).values("person_id")) | Q(
        pk__in=siblings.filter(person=person).values("other_id")
    )
    if person.household_id is not None:
        together |= Q(household_id=person.household_id)
    return list(
        Person.objects.filter(together, kind__in=["child", "unborn"])
        .exclude(pk=person.pk)
        .annotate(on_plan=Exists(open_plan))
        .order_by("date_of_birth", "pk")
    )


def person_protection_panel(user: User, person: Person) -> dict[str, Any] | None:
    """The person page's child protection section: open referrals link to their records."""
    referrals = list(
        Referral.objects.filter(person=person, nfa=False).order_by("-referral_date")[:10]
    )
    if not referrals or not user.can("child_protection") and not user.can("assess"):
        return None
    plans = list(ChildProtectionPlan.objects.filter(person=person))
    return {
        "title": "Child protection and assessment",
        "template": "child_protection/person_panel.html",
        "referrals": referrals,
        "plans": plans,
    }


# -- the home page ----------------------------------------------------------------------------


def home_child_protection(*, user: User, now: datetime) -> list[HomeSection]:
    """The child protection sections of the home page, due today or overdue: strategy
    discussions to hold (a strategy decision on a referral with none yet), strategy discussion
    actions, ICPCs (only where the s47 called for one), review conferences and assessments. Only
    work on open referrals of children this user may see; two queries a section."""
    today = local_date(now)
    visible = visible_people(user)
    tray = reverse("child_protection:home")
    sections: list[HomeSection] = []

    strategy = Decision.objects.filter(referral=OuterRef("pk"), outcome="strategy")
    mine = Q(worker=user) | Q(worker__isnull=True) if user.can("authorise") else Q(worker=user)
    to_hold = (
        Referral.objects.filter(mine, person__in=visible, closure_date__isnull=True)
        .filter(Exists(strategy), referral_date__lte=today)
        .exclude(Exists(StrategyDiscussion.objects.filter(referral=OuterRef("pk"))))
        .select_related("person", "worker")
    )
    rows = list(to_hold.order_by("referral_date", "pk")[:ROWS])
    sections.append(
        HomeSection(
            "strategy",
            "Strategy discussions to hold",
            to_hold.count(),
            [
                HomeItem(
                    label="Hold the strategy discussion"
                    + ("" if r.worker_id else " (no allocated worker)"),
                    url=reverse("child_protection:referral_detail", args=[r.pk]),
                    due=r.referral_date,
                    person=r.person,
                )
                for r in rows
            ],
            more_url=tray,
            more_label="My child protection work",
            empty="No strategy discussion is waiting to be held.",
            overdue=to_hold.filter(referral_date__lt=today).count(),
        )
    )
    actions = ActionItem.objects.filter(
        discussion__lead=user,
        discussion__person__in=visible,
        discussion__referral__closure_date__isnull=True,
        done_date__isnull=True,
        due_date__lte=today,
    ).select_related("discussion__person")
    rows_a = list(actions.order_by("due_date", "pk")[:ROWS])
    sections.append(
        HomeSection(
            "actions",
            "Strategy discussion actions",
            actions.count(),
            [
                HomeItem(
                    label=a.action[:80],
                    url=reverse("child_protection:strategy_detail", args=[a.discussion_id]),
                    due=a.due_date,
                    person=a.discussion.person if a.discussion else None,
                    detail=a.owner,
                )
                for a in rows_a
            ],
            more_url=tray,
            more_label="My child protection work",
            empty="No strategy discussion action is due today.",
            overdue=actions.filter(due_date__lt=today).count(),
        )
    )
    icpcs = (
        Section47Enquiry.objects.filter(
            worker=user,
            person__in=visible,
            referral__closure_date__isnull=True,
            icpc_date__isnull=True,
            icpc_not_required=False,
            icpc_target__lte=today,
        )
        .filter(Q(outcome="") | Q(outcome="substantiated_icpc"))
        .select_related("person")
    )
    rows_s = list(icpcs.order_by("icpc_target", "pk")[:ROWS])
    plans = ChildProtectionPlan.objects.filter(
        s47__worker=user, person__in=visible, end_date__isnull=True, next_review_due__lte=today
    ).select_related("person")
    rows_p = list(plans.order_by("next_review_due", "pk")[:ROWS])
    sections.append(
        HomeSection(
            "conferences",
            "Child protection conferences (ICPCs and reviews)",
            icpcs.count() + plans.count(),
            (
                [
                    HomeItem(
                        label="Initial child protection conference",
                        url=reverse("child_protection:s47_detail", args=[s.pk]),
                        due=s.icpc_target,
                        person=s.person,
                    )
                    for s in rows_s
                ]
                + [
                    HomeItem(
                        label="Review conference",
                        url=reverse("child_protection:plan_detail", args=[p.pk]),
                        due=p.next_review_due,
                        person=p.person,
                    )
                    for p in rows_p
                ]
            )[:ROWS],
            more_url=tray,
            more_label="My child protection work",
            empty="No conference is due today.",
            overdue=icpcs.filter(icpc_target__lt=today).count()
            + plans.filter(next_review_due__lt=today).count(),
        )
    )
    assessments = Assessment.objects.filter(
        worker=user,
        person__in=visible,
        authorised_date__isnull=True,
        referral__closure_date__isnull=True,
        due_date__lte=today,
    ).select_related("person")
    rows_as = list(assessments.order_by("due_date", "pk")[:ROWS])
    sections.append(
        HomeSection(
            "assessments",
            "Assessments due",
            assessments.count(),
            [
                HomeItem(
                    label="Awaiting sign-off" if a.outcome else "Assessment in progress",
                    url=reverse("assessments:assessment_detail", args=[a.pk]),
                    due=a.due_date,
                    person=a.person,
                )
                for a in rows_as
            ],
            more_url=tray,
            more_label="My child protection work",
            empty="No assessment of yours is due today.",
            overdue=assessments.filter(due_date__lt=today).count(),
        )
    )
    return sections


def previous_cp_plan_counts(plan_ids: list[int]) -> dict[int, int]:
    """Per child protection plan, how many plans the child had that started before it, in any
    episode (the census's NumberOfPreviousCPP; Annex A list 7's "Number of Previous Child
    Protection Plans"). One query for any number of plans."""
    plans = list(
        ChildProtectionPlan.objects.filter(pk__in=plan_ids).values_list(
            "pk", "person_id", "start_date"
        )
    )
    starts: dict[int, list[tuple[date, int]]] = {}
    for pk, person_id, started in ChildProtectionPlan.objects.filter(
        person_id__in={p[1] for p in plans}
    ).values_list("pk", "person_id", "start_date"):
        starts.setdefault(person_id, []).append((started, pk))
    return {
        pk: sum(1 for d, other in starts[person_id] if (d, other) < (started, pk))
        for pk, person_id, started in plans
    }


def number_of_previous_cp_plans(plan: ChildProtectionPlan) -> int:
    return previous_cp_plan_counts([plan.pk])[plan.pk]
