"""Reads for screening: the history at a glance, the work trays and the person-page panel.

Lists only ever include children in `visible_people(user)`; a screening page loads its screening
through `access_screening` first (in the view); other children shown in passing are masked with
`restricted_ids`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import User
from frontdoor.cases.models import Referral
from frontdoor.child_protection.models import ChildProtectionPlan
from frontdoor.core.calendar import local_date, window_start
from frontdoor.core.home import ROWS, HomeItem, HomeSection, end_of_today
from frontdoor.earlyhelp.models import EarlyHelpEpisode
from frontdoor.intake.models import Contact, ContactChild, ContactStatus
from frontdoor.people.access import can_see_person, restricted_ids, visible_people
from frontdoor.people.models import Person
from frontdoor.people.selectors import household_of

from .models import (
    Decision,
    DecisionStatus,
    DelayReason,
    InformationRequest,
    Oversight,
    OversightKind,
    ReferrerUpdate,
    Screening,
    ScreeningStatus,
    UpdateKind,
)

# -- history at a glance ----------------------------------------------------------------------


@dataclass
class History:
    people: list[Person]
    contacts: list[Contact]
    referrals: list[Referral]
    open_referrals: list[Referral]
    referrals_last_12_months: int
    re_referral_of: Referral | None
    cp_plans: list[ChildProtectionPlan]
    early_help: list[EarlyHelpEpisode]
    flags: list[tuple[Person, str]] = field(default_factory=list)
    # Children on the household's previous contacts who are sealed from this user: shown as
    # "Restricted record", without dates or outcomes.
    hidden: set[int] = field(default_factory=set)


def screening_history(*, user: User, screening: Screening) -> History:
    """The child's and household's history: previous contacts and outcomes, referrals (and
    whether a new one would be a re-referral: within 12 calendar months, DOMAIN.md §2, the same
    window as the dashboard's), open cases and allocated workers, child protection plans, early
    help and flags. Household members come from `household_of`, which leaves out sealed people
    this user may not see; children on previous contacts are masked with `hidden`."""
    person = screening.person
    members = [m.person for m in household_of(user=user, person=person)]
    people = [person, *members]
    ids = [p.pk for p in people]
    received = local_date(screening.contact.received_at)
    year_ago = window_start(received, 12)
    contacts = list(
        Contact.objects.filter(
            children__person_id__in=ids, received_at__lt=screening.contact.received_at
        )
        .distinct()
        .order_by("-received_at")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=ContactChild.objects.select_related("person", "screening__decision"),
            )
        )[:30]
    )
    referrals = list(
        Referral.objects.filter(person_id__in=ids)
        .select_related("person", "team", "worker")
        .order_by("-referral_date", "-pk")[:50]
    )
    own_recent = [
        r
        for r in referrals
        if r.person_id == person.pk
        and r.contact_id != screening.contact_id
        and year_ago <= r.referral_date <= received
    ]
    return History(
        people=people,
        contacts=contacts,
        referrals=referrals,
        open_referrals=[r for r in referrals if r.is_open],
        referrals_last_12_months=len(own_recent),
        re_referral_of=own_recent[0] if own_recent else None,
        cp_plans=list(
            ChildProtectionPlan.objects.filter(person_id__in=ids)
            .select_related("person")
            .order_by("-pk")[:50]
        ),
        early_help=list(
            EarlyHelpEpisode.objects.filter(person_id__in=ids)
            .select_related("person")
            .order_by("-pk")[:50]
        ),
        flags=[(p, str(flag)) for p in people for flag in (p.flags or [])],
        hidden=restricted_ids(user, {cc.person_id for c in contacts for cc in c.children.all()}),
    )


def contact_screenings(*, user: User, contact: Contact) -> list[Screening]:
    """The screenings of the children on a contact that this user may see (the contact page)."""
    return list(
        Screening.objects.filter(contact=contact, person__in=visible_people(user))
        .select_related("person", "owner", "decision")
        .order_by("pk")
    )


def siblings_of(*, user: User, screening: Screening) -> tuple[list[Screening], set[int]]:
    """The other children's screenings on the same contact, and which of those children are
    sealed from this user (shown as "Restricted record", with no decision beside them)."""
    siblings = list(
        Screening.objects.filter(contact_id=screening.contact_id)
        .exclude(pk=screening.pk)
        .select_related("person", "decision", "owner")
        .order_by("pk")
    )
    return siblings, restricted_ids(user, [s.person_id for s in siblings])


def sibling_candidates(*, user: User, screening: Screening) -> list[Screening]:
    """Siblings on the same contact without a decision yet, that this user may see: the
    children a decision may be applied to."""
    siblings, hidden = siblings_of(user=user, screening=screening)
    return [
        s
        for s in siblings
        if s.person_id not in hidden
        and not hasattr(s, "decision")
        and can_see_person(user, s.person)
    ]


# -- work trays -------------------------------------------------------------------------------

TRAYS = {
    "mine": "My screenings",
    "queue": "Team queue",
    "authorise": "Awaiting my authorisation",
    "overdue": "Overdue",
    "feedback": "Feedback owed",
}
TRAY_LIMIT = 300  # the late decisions list
TRAY_PAGE = 50  # rows on one page of a work tray


def hidden_child_on(user: User, contact_ref: str) -> Exists:
    """Whether the contact at `contact_ref` has a child sealed from this user: such a contact is a
    restricted contact, held by that child's access list (`intake.selectors.restricted_contacts`)."""
    return Exists(
        ContactChild.objects.filter(contact=OuterRef(contact_ref), person__sealed=True).exclude(
            person__access_list__user=user
        )
    )


def _answered_by(user: User) -> Exists:
    return Exists(
        Oversight.objects.filter(
            decision=OuterRef("screening__decision"), kind=OversightKind.ANSWER, by=user
        )
    )


def _rows(user: User, now: datetime) -> QuerySet[ContactChild]:
    """Children on contacts, with their screening, decision and request counts: one query.
    `contact_restricted`: another child on the contact is sealed from this user, so the contact
    itself is held in the restricted records queue (the row shows no "Start screening")."""
    outstanding = Q(screening__requests__received_at__isnull=True)
    return (
        ContactChild.objects.filter(person__in=visible_people(user))
        .select_related(
            "contact",
            "person",
            "person__household",
            "screening",
            "screening__owner",
            "screening__decision",
            "screening__decision__decided_by",
        )
        .annotate(
            contact_restricted=hidden_child_on(user, "contact_id"),
            outstanding=Count("screening__requests", filter=outstanding),
            overdue_requests=Count(
                "screening__requests", filter=outstanding & Q(screening__requests__due_at__lt=now)
            ),
        )
    )


def tray_rows(*, user: User, name: str, now: datetime | None = None) -> QuerySet[ContactChild]:
    """One work tray's rows, most urgent first, uncapped (the page paginates them). The number of
    queries does not depend on the number of rows."""
    now = now or timezone.now()
    rows = _rows(user, now)
    undecided = ~Q(screening__status=ScreeningStatus.AUTHORISED) | Q(screening__isnull=True)
    if name == "mine":
        rows = rows.filter(screening__owner=user).exclude(
            screening__status=ScreeningStatus.AUTHORISED
        )
        return rows.order_by("contact__decision_due_at", "contact_id", "pk")
    if name == "queue":
        rows = rows.filter(Q(contact__status=ContactStatus.OPEN) & undecided).annotate(
            unallocated=Case(
                When(screening__owner__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        return rows.order_by("unallocated", "contact__decision_due_at", "contact_id", "pk")
    if name == "authorise":
        if not user.can("authorise"):
            return rows.none()
        # Four eyes: not decisions this manager made or answered after a challenge.
        awaiting_decision = (
            Q(screening__decision__status=DecisionStatus.AWAITING)
            & ~Q(screening__decision__decided_by=user)
            & ~_answered_by(user)
        )
        awaiting_consent = (
            Q(screening__consent_outcome__in=["refused", "not_sought"])
            & ~Q(screening__consent_reason="")
            & Q(screening__consent_authorised_by__isnull=True)
            & ~Q(screening__consent_recorded_by=user)
            & ~Q(screening__status=ScreeningStatus.AUTHORISED)
        )
        rows = rows.filter(awaiting_decision | awaiting_consent).annotate(
            strategy_first=Case(
                When(screening__decision__outcome="strategy", then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        return rows.order_by(
            "strategy_first", "screening__decision__decided_at", "contact_id", "pk"
        )
    if name == "overdue":
        rows = rows.filter(Q(contact__status=ContactStatus.OPEN) & undecided).filter(
            Q(contact__decision_due_at__lt=now) | Q(overdue_requests__gt=0)
        )
        return rows.order_by("contact__decision_due_at", "contact_id", "pk")
    raise ValueError(f"No tray called {name}")


def tray(*, user: User, name: str, now: datetime | None = None) -> list[ContactChild]:
    """Every row of one work tray, grouped so a household's children sit together (siblings are
    screened together)."""
    return group_by_household(list(tray_rows(user=user, name=name, now=now)))


@dataclass
class TrayPage:
    rows: list[Any]
    page: Page[Any]

    @property
    def total(self) -> int:
        return int(self.page.paginator.count)


def tray_page(*, user: User, name: str, number: Any = 1, now: datetime | None = None) -> TrayPage:
    """One page of a tray (TRAY_PAGE rows), with the total; a household's children together."""
    now = now or timezone.now()
    if name == "feedback":
        contacts = Paginator(feedback_rows(user=user, now=now), TRAY_PAGE).get_page(number)
        return TrayPage(list(contacts.object_list), contacts)
    page = Paginator(tray_rows(user=user, name=name, now=now), TRAY_PAGE).get_page(number)
    return TrayPage(group_by_household(list(page.object_list)), page)


def group_by_household(rows: list[ContactChild]) -> list[ContactChild]:
    """Keep the tray's order of households, with each household's children together. Each row
    gets `new_group` (first row of its household) for the template."""
    groups: dict[str, list[ContactChild]] = {}
    for row in rows:
        key = f"h{row.person.household_id}" if row.person.household_id else f"c{row.contact_id}"
        groups.setdefault(key, []).append(row)
    ordered = []
    for members in groups.values():
        for index, row in enumerate(members):
            row.new_group = index == 0  # type: ignore[attr-defined]
            row.group_size = len(members)  # type: ignore[attr-defined]
            ordered.append(row)
    return ordered


def feedback_rows(*, user: User, now: datetime | None = None) -> QuerySet[Contact]:
    """Contacts whose (non-anonymous) referrer is still owed an acknowledgement or outcome
    feedback, most urgent first: those still within their deadline (soonest first, so today's
    are at the top), then the overdue, most recently overdue first. Uncapped: the page paginates.
    A contact about a child sealed from this user is left to that child's access list."""
    now = now or timezone.now()
    visible = visible_people(user)
    acked = ReferrerUpdate.objects.filter(contact=OuterRef("pk"), kind=UpdateKind.ACKNOWLEDGEMENT)
    fed_back = ReferrerUpdate.objects.filter(contact=OuterRef("pk"), kind=UpdateKind.FEEDBACK)
    on_time = Q(decision_due_at__gte=now)
    return (
        Contact.objects.filter(
            anonymous=False,
            pk__in=ContactChild.objects.filter(person__in=visible).values("contact_id"),
        )
        .annotate(
            acknowledged=Exists(acked),
            fed_back=Exists(fed_back),
            restricted=hidden_child_on(user, "pk"),
            late=Case(When(on_time, then=Value(0)), default=Value(1), output_field=IntegerField()),
            due_soonest=Case(When(on_time, then=F("decision_due_at")), default=None),
        )
        .filter(Q(acknowledged=False) | Q(status=ContactStatus.DECIDED, fed_back=False))
        .filter(restricted=False)
        .order_by("late", F("due_soonest").asc(nulls_last=True), "-decision_due_at", "-pk")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=ContactChild.objects.select_related("person"),
            )
        )
    )


def feedback_owed(*, user: User, now: datetime | None = None) -> list[Contact]:
    """Every contact whose referrer is owed an acknowledgement or feedback (see `feedback_rows`)."""
    return list(feedback_rows(user=user, now=now))


def tray_counts(*, user: User, now: datetime | None = None) -> dict[str, int]:
    """How many rows each tray holds (a fixed number of queries)."""
    now = now or timezone.now()
    base = ContactChild.objects.filter(person__in=visible_people(user))
    undecided = ~Q(screening__status=ScreeningStatus.AUTHORISED) | Q(screening__isnull=True)
    open_rows = base.filter(Q(contact__status=ContactStatus.OPEN) & undecided)
    overdue_requests = Screening.objects.filter(
        contact_child=OuterRef("pk"), requests__received_at__isnull=True, requests__due_at__lt=now
    )
    counts = {}
    if user.can("authorise"):
        # Strategy discussions are flagged to managers immediately, whichever tray is open.
        counts["strategy"] = (
            base.filter(
                screening__decision__status=DecisionStatus.AWAITING,
                screening__decision__outcome="strategy",
            )
            .exclude(screening__decision__decided_by=user)
            .exclude(_answered_by(user))
            .count()
        )
    if user.can("authorise"):
        counts["authorise"] = tray_rows(user=user, name="authorise", now=now).count()
    return counts | {
        "feedback": feedback_rows(user=user, now=now).count(),
        "mine": base.filter(screening__owner=user)
        .exclude(screening__status=ScreeningStatus.AUTHORISED)
        .count(),
        "queue": open_rows.count(),
        "overdue": open_rows.filter(
            Q(contact__decision_due_at__lt=now) | Q(Exists(overdue_requests))
        ).count(),
    }


# -- late decisions ----------------------------------------------------------------------------


def late_decisions(*, user: User, since: datetime) -> tuple[list[Decision], list[tuple[str, int]]]:
    """Decisions made after the one-working-day deadline since a moment, with their reasons, and
    the count for each reason (Working Together: a later decision needs a recorded reason)."""
    rows = list(
        Decision.objects.filter(
            late=True, decided_at__gte=since, screening__person__in=visible_people(user)
        )
        .select_related("screening__person", "screening__contact", "decided_by")
        .order_by("-decided_at")[:TRAY_LIMIT]
    )
    counts = dict(
        Decision.objects.filter(
            late=True, decided_at__gte=since, screening__person__in=visible_people(user)
        )
        .values_list("delay_reason")
        .annotate(n=Count("pk"))
        .values_list("delay_reason", "n")
    )
    return rows, [(label, counts.get(value, 0)) for value, label in DelayReason.choices]


# -- the person page --------------------------------------------------------------------------


def person_screening_panel(user: User, person: Person) -> dict[str, Any] | None:
    """The screenings panel on a person's page (the page has passed the person's gate)."""
    if not can_see_person(user, person):
        return None
    screenings = list(
        Screening.objects.filter(person=person)
        .select_related("contact", "owner", "decision")
        .order_by("-started_at")[:20]
    )
    if not screenings:
        return None
    return {
        "title": "MASH screenings and decisions",
        "template": "screening/person_panel.html",
        "screenings": screenings,
    }


# -- the home page ----------------------------------------------------------------------------


def home_screening(*, user: User, now: datetime) -> list[HomeSection]:
    """The screening sections of the home page: decisions awaiting my authorisation (strategy
    discussions first), decisions returned to me with a challenge, my screenings due today or
    overdue, children waiting to be picked up, and partner information still awaited. Two
    queries a section, whatever the volume; only children this user may see."""
    by = end_of_today(now)
    visible = visible_people(user)
    trays = reverse("screening:trays")
    sections: list[HomeSection] = []

    def item(s: Screening, label: str, due: datetime | None = None) -> HomeItem:
        return HomeItem(
            label=label,
            url=reverse("screening:detail", args=[s.pk]),
            due=due if due is not None else s.contact.decision_due_at,
            person=s.person,
            detail=f"Contact {s.contact_id}",
        )

    screenings = Screening.objects.filter(person__in=visible).select_related("person", "contact")
    if user.can("authorise"):
        awaiting = (
            screenings.filter(decision__status=DecisionStatus.AWAITING)
            .exclude(decision__decided_by=user)
            .exclude(
                Exists(
                    Oversight.objects.filter(
                        decision=OuterRef("decision"), kind=OversightKind.ANSWER, by=user
                    )
                )
            )
            .annotate(
                strategy_first=Case(
                    When(decision__outcome="strategy", then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .select_related("decision")
        )
        first: list[Any] = list(
            awaiting.order_by("strategy_first", "contact__decision_due_at", "pk")[:ROWS]
        )
        sections.append(
            HomeSection(
                "authorise",
                "Decisions awaiting your authorisation",
                awaiting.count(),
                [
                    item(
                        s,
                        "Strategy discussion: authorise now"
                        if s.decision.outcome == "strategy"
                        else s.decision.get_outcome_display(),
                    )
                    for s in first
                ],
                more_url=f"{trays}?tray=authorise",
                more_label="All decisions awaiting authorisation",
                empty="No decision is waiting for your authorisation.",
                overdue=awaiting.filter(contact__decision_due_at__lt=now).count(),
            )
        )
    challenged = screenings.filter(
        decision__status=DecisionStatus.RETURNED, decision__decided_by=user
    ).select_related("decision")
    rows = list(challenged.order_by("contact__decision_due_at", "pk")[:ROWS])
    sections.append(
        HomeSection(
            "challenged",
            "Decisions returned to you with a challenge",
            challenged.count(),
            [item(s, "Answer the manager’s challenge") for s in rows],
            more_url=f"{trays}?tray=mine",
            more_label="My screenings",
            empty="No decision of yours has been challenged.",
            overdue=challenged.filter(contact__decision_due_at__lt=now).count(),
        )
    )
    mine = (
        screenings.filter(owner=user, contact__decision_due_at__lt=by)
        .exclude(status=ScreeningStatus.AUTHORISED)
        .exclude(decision__status=DecisionStatus.RETURNED, decision__decided_by=user)
    )
    rows = list(mine.order_by("contact__decision_due_at", "pk")[:ROWS])
    sections.append(
        HomeSection(
            "screenings",
            "Your screenings due today or overdue",
            mine.count(),
            [item(s, s.get_status_display()) for s in rows],
            more_url=f"{trays}?tray=mine",
            more_label="All my screenings",
            empty="None of your screenings is due today.",
            overdue=mine.filter(contact__decision_due_at__lt=now).count(),
        )
    )
    waiting = (
        ContactChild.objects.filter(
            person__in=visible,
            contact__status=ContactStatus.OPEN,
            contact__decision_due_at__lt=by,
        )
        .filter(Q(screening__isnull=True) | Q(screening__owner__isnull=True))
        .exclude(hidden_child_on(user, "contact_id"))
        .select_related("person", "contact")
    )
    rows_cc = list(waiting.order_by("contact__decision_due_at", "pk")[:ROWS])
    sections.append(
        HomeSection(
            "queue",
            "Children waiting to be screened, due today or overdue",
            waiting.count(),
            [
                HomeItem(
                    label="Not picked up",
                    url=f"{trays}?tray=queue",
                    due=cc.contact.decision_due_at,
                    person=cc.person,
                    detail=f"Contact {cc.contact_id}",
                )
                for cc in rows_cc
            ],
            more_url=f"{trays}?tray=queue",
            more_label="The team queue",
            empty="No child due today is waiting to be picked up.",
            overdue=waiting.filter(contact__decision_due_at__lt=now).count(),
        )
    )
    requests = (
        InformationRequest.objects.filter(
            screening__person__in=visible, received_at__isnull=True, due_at__lt=by
        )
        .filter(Q(sent_by=user) | Q(screening__owner=user))
        .exclude(screening__status=ScreeningStatus.AUTHORISED)
        .select_related("screening__person")
    )
    rows_r = list(requests.order_by("due_at", "pk")[:ROWS])
    sections.append(
        HomeSection(
            "requests",
            "Partner information awaiting a reply",
            requests.count(),
            [
                HomeItem(
                    label=f"Reply from {r.get_agency_display()}",
                    url=reverse("screening:detail", args=[r.screening_id]),
                    due=r.due_at,
                    person=r.screening.person,
                )
                for r in rows_r
            ],
            more_url=f"{trays}?tray=overdue",
            more_label="Overdue screenings",
            empty="No partner reply is due today.",
            overdue=requests.filter(due_at__lt=now).count(),
        )
    )
    return sections
