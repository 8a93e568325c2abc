"""Teams and partner organisations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from frontdoor.accounts.models import Team, User
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version

from ..models import PartnerOrganisation, TeamVersion


def _name(name: str, what: str) -> str:
    name = name.strip()
    if not name:
        raise ValidationError({"name": f"Enter the {what}'s name"})
    return name


def team_create(*, actor: User, name: str, kind: str) -> Team:
    """Add a team (audited). Team names are unique."""
    name = _name(name, "team")
    try:
        with transaction.atomic():
            team = Team.objects.create(name=name, kind=kind.strip())
            TeamVersion.objects.create(team=team)
            audit_record(
                actor=actor, action="create", record_type="team", record_id=team.pk, detail={}
            )
    except IntegrityError as error:
        raise ValidationError({"name": f"There is already a team called {name}"}) from error
    return team


def team_update(*, actor: User, team: Team, version: int | None, name: str, kind: str) -> Team:
    """Rename a team or change its kind; a stale post raises `StaleRecord` (audited)."""
    name = _name(name, "team")
    try:
        with transaction.atomic():
            TeamVersion.objects.get_or_create(team=team)
            stamp = lock_version(TeamVersion.objects.all(), team.pk, expected=version)
            team = Team.objects.select_for_update().get(pk=team.pk)
            before = {"name": team.name, "kind": team.kind}
            team.name, team.kind = name, kind.strip()
            team.save(update_fields=["name", "kind"])
            save_version(stamp, actor=actor, fields=[])
            audit_record(
                actor=actor,
                action="update",
                record_type="team",
                record_id=team.pk,
                detail={"before": before},
            )
    except IntegrityError as error:
        raise ValidationError({"name": f"There is already a team called {name}"}) from error
    return team


def partner_organisation_create(*, actor: User, name: str, agency: str) -> PartnerOrganisation:
    """Add a partner organisation whose users submit concerns (audited)."""
    name = _name(name, "organisation")
    try:
        with transaction.atomic():
            organisation = PartnerOrganisation.objects.create(name=name, agency=agency)
            audit_record(
                actor=actor,
                action="create",
                record_type="partner_organisation",
                record_id=organisation.pk,
                detail={"name": name, "agency": agency},
            )
    except IntegrityError as error:
        raise ValidationError(
            {"name": f"There is already a partner organisation called {name}"}
        ) from error
    return organisation


def partner_organisation_update(
    *,
    actor: User,
    organisation: PartnerOrganisation,
    version: int | None,
    name: str,
    agency: str,
    active: bool,
) -> PartnerOrganisation:
    """Change an organisation; its users' printed organisation and agency follow (audited)."""
    name = _name(name, "organisation")
    try:
        with transaction.atomic():
            organisation = lock_version(
                PartnerOrganisation.objects.all(), organisation.pk, expected=version
            )
            before = {"name": organisation.name, "agency": organisation.agency}
            organisation.name, organisation.agency, organisation.active = name, agency, active
            save_version(organisation, actor=actor, fields=["name", "agency", "active"])
            # One save per member (not a bulk update) so each account's change is ordinary.
            for user in User.objects.filter(partner_membership__organisation=organisation):
                user.organisation, user.agency = name, agency
                user.save(update_fields=["organisation", "agency"])
            audit_record(
                actor=actor,
                action="update",
                record_type="partner_organisation",
                record_id=organisation.pk,
                detail={"before": before, "active": active},
            )
    except IntegrityError as error:
        raise ValidationError(
            {"name": f"There is already a partner organisation called {name}"}
        ) from error
    return organisation
