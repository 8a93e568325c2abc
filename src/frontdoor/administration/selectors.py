"""Reads for the administration area. Accounts, teams and organisations are not case records; the
break-glass lists show people, so they mask anyone sealed since (`restricted_ids`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from frontdoor.accounts.models import Team, User
from frontdoor.accounts.roles import CAPABILITIES, Role
from frontdoor.audit.models import AuditEvent
from frontdoor.core.home import ROWS, HomeItem, HomeSection
from frontdoor.core.models import LocalClosure
from frontdoor.core.templatetags.govuk import ukdatetime
from frontdoor.people.models import Person

from .models import AccountVersion, BreakGlassGrant, PartnerOrganisation, TeamVersion


def users_list(*, text: str = "", role: str = "", active: str = "") -> QuerySet[User]:
    users = User.objects.select_related("team", "partner_membership__organisation")
    if text:
        users = users.filter(
            Q(username__icontains=text)
            | Q(first_name__icontains=text)
            | Q(last_name__icontains=text)
            | Q(email__icontains=text)
        )
    if role:
        users = users.filter(role=role)
    if active in ("yes", "no"):
        users = users.filter(is_active=active == "yes")
    return users.order_by("last_name", "first_name", "username")


def account_version(user: User) -> int:
    stamp = AccountVersion.objects.filter(pk=user.pk).values_list("version", flat=True).first()
    return stamp or 1


def user_recent_activity(user: User, limit: int = 50) -> list[AuditEvent]:
    """What the user did lately, from the audit trail (record types and ids, never names)."""
    return list(AuditEvent.objects.filter(actor=user).order_by("-at", "-id")[:limit])


def user_changes(user: User, limit: int = 20) -> list[AuditEvent]:
    """Changes made to the account itself (created, changed, deactivated), newest first."""
    return list(
        AuditEvent.objects.filter(record_type="user", record_id=str(user.pk)).order_by(
            "-at", "-id"
        )[:limit]
    )


def teams_list() -> QuerySet[Team]:
    return Team.objects.annotate(
        members_count=Count("members", filter=Q(members__is_active=True))
    ).order_by("name")


def team_version(team: Team) -> int:
    stamp = TeamVersion.objects.filter(pk=team.pk).values_list("version", flat=True).first()
    return stamp or 1


def organisations_list() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.annotate(
        members_count=Count("memberships", filter=Q(memberships__user__is_active=True))
    ).order_by("name")


def partner_organisation_of(user: User) -> PartnerOrganisation | None:
    """The partner organisation a partner user submits for (None for staff)."""
    return PartnerOrganisation.objects.filter(memberships__user=user).first()


@dataclass(frozen=True)
class RoleRow:
    role: str
    label: str
    capabilities: list[str]
    members: int


def roles_table() -> list[RoleRow]:
    """Every role, what it may do (from accounts/roles.py) and how many active users hold it."""
    counts = dict(
        User.objects.filter(is_active=True)
        .values("role")
        .annotate(n=Count("pk"))
        .values_list("role", "n")
    )
    return [
        RoleRow(
            str(role), role.label, sorted(CAPABILITIES.get(role, frozenset())), counts.get(role, 0)
        )
        for role in Role
    ]


def break_glass_active(user: User, person: Person) -> BreakGlassGrant | None:
    """The user's grant to this person's record that is open now, if any. Never for a sealed
    person: their access list decides."""
    if person.sealed or not getattr(user, "is_authenticated", False):
        return None
    return BreakGlassGrant.objects.filter(
        user=user, person=person, ended_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


def break_glass_grants(*, user: User | None = None, limit: int = 100) -> list[BreakGlassGrant]:
    """Grants, newest first: one user's, or everyone's (for the administrators' oversight)."""
    grants = BreakGlassGrant.objects.select_related("user", "person")
    if user is not None:
        grants = grants.filter(user=user)
    return list(grants.order_by("-granted_at", "-id")[:limit])


def grant_is_open(grant: BreakGlassGrant) -> bool:
    return grant.ended_at is None and grant.expires_at > timezone.now()


def closures() -> QuerySet[LocalClosure]:
    """The council's local closure days (deadlines skip them)."""
    return LocalClosure.objects.all()


def home_admin(*, user: User, now: datetime) -> list[HomeSection]:
    """The administrator's home page: break-glass access to review (open now, and granted in the
    last seven days). Names the user who broke the glass, never the person whose record it was."""
    grants = BreakGlassGrant.objects.filter(granted_at__gte=now - timedelta(days=7)).select_related(
        "user"
    )
    rows = list(grants.order_by("-granted_at", "-id")[:ROWS])
    return [
        HomeSection(
            "break_glass",
            "Break-glass access to review (last 7 days)",
            grants.count(),
            [
                HomeItem(
                    label=f"{g.user.display_name} opened a record with break-glass",
                    url=reverse("administration:break_glass"),
                    detail=f"Granted {ukdatetime(g.granted_at)}"
                    + (", still open" if grant_is_open(g) else ""),
                )
                for g in rows
            ],
            more_url=reverse("administration:break_glass"),
            more_label="All break-glass access",
            empty="No one has used break-glass access in the last 7 days.",
        )
    ]
