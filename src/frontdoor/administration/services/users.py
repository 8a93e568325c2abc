"""Creating, changing, deactivating and reactivating user accounts."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from frontdoor.accounts.models import Team, User
from frontdoor.accounts.roles import Role
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version

from .. import guards
from ..models import AccountVersion, PartnerMembership, PartnerOrganisation


@dataclass(frozen=True)
class AccountDetails:
    """What an administrator sets on an account (everything but the username and password)."""

    first_name: str
    last_name: str
    email: str
    role: str
    team: Team | None
    job_title: str
    phone: str
    organisation: PartnerOrganisation | None
    restricted_records_manager: bool
    # Working Together 2023: only a qualified social worker leads child protection work.
    qualified_social_worker: bool = False
    swe_registration: str = ""


def _check(details: AccountDetails) -> None:
    errors: dict[str, str] = {}
    if not details.first_name.strip():
        errors["first_name"] = "Enter the user's first name"
    if not details.last_name.strip():
        errors["last_name"] = "Enter the user's last name"
    if reason := guards.restricted_manager_refusal(
        details.role, details.restricted_records_manager
    ):
        errors["restricted_records_manager"] = reason
    if reason := guards.organisation_refusal(details.role, details.organisation):
        errors["organisation"] = reason
    if errors:
        raise ValidationError(errors)


def _apply(user: User, details: AccountDetails) -> list[str]:
    """Copy the details onto the account; the names of the fields that changed."""
    org = details.organisation
    values = {
        "first_name": details.first_name.strip(),
        "last_name": details.last_name.strip(),
        "email": details.email.strip(),
        "role": details.role,
        "team": details.team,
        "job_title": details.job_title.strip(),
        "phone": details.phone.strip(),
        "restricted_records_manager": details.restricted_records_manager,
        "qualified_social_worker": details.qualified_social_worker,
        "swe_registration": details.swe_registration.strip(),
        # Kept in step with the membership, for the pages that print them.
        "organisation": org.name if org else "",
        "agency": org.agency if org else "",
    }
    changed = [name for name, value in values.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, values[name])
    return changed


def _set_membership(user: User, organisation: PartnerOrganisation | None) -> None:
    if organisation is None:
        PartnerMembership.objects.filter(user=user).delete()
    else:
        PartnerMembership.objects.update_or_create(
            user=user, defaults={"organisation": organisation}
        )


def _other_active_admins(user: User) -> int:
    return User.objects.filter(role=Role.ADMIN, is_active=True).exclude(pk=user.pk).count()


def user_create(*, actor: User, username: str, password: str, details: AccountDetails) -> User:
    """Create an account with a first password the user is given in person (audited)."""
    _check(details)
    username = username.strip()
    if not username:
        raise ValidationError({"username": "Enter a username"})
    user = User(username=username)
    _apply(user, details)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            AccountVersion.objects.create(user=user)
            _set_membership(user, details.organisation)
            audit_record(
                actor=actor,
                action="create",
                record_type="user",
                record_id=user.pk,
                detail={"username": user.username, "role": user.role},
            )
    except IntegrityError as error:
        raise ValidationError(
            {"username": f"The username {username} is already taken. Choose another"}
        ) from error
    return user


def user_update(*, actor: User, user: User, version: int | None, details: AccountDetails) -> User:
    """Change an account's details; a post from a stale page raises `StaleRecord` (audited)."""
    _check(details)
    with transaction.atomic():
        AccountVersion.objects.get_or_create(user=user)
        stamp = lock_version(AccountVersion.objects.all(), user.pk, expected=version)
        user = User.objects.select_for_update().get(pk=user.pk)
        if reason := guards.role_change_refusal(
            user=user, new_role=details.role, remaining_admins=_other_active_admins(user)
        ):
            raise ValidationError({"role": reason})
        changed = _apply(user, details)
        if changed:
            user.save(update_fields=changed)
        _set_membership(user, details.organisation)
        save_version(stamp, actor=actor, fields=[])
        audit_record(
            actor=actor,
            action="update",
            record_type="user",
            record_id=user.pk,
            detail={"changed": changed},
        )
    return user


def _set_active(*, actor: User, user: User, version: int | None, active: bool) -> User:
    with transaction.atomic():
        AccountVersion.objects.get_or_create(user=user)
        stamp = lock_version(AccountVersion.objects.all(), user.pk, expected=version)
        user = User.objects.select_for_update().get(pk=user.pk)
        if active and user.is_active:
            raise ValidationError(f"{user.display_name}'s account is already active")
        if not active and (
            reason := guards.deactivate_refusal(
                actor=actor, user=user, remaining_admins=_other_active_admins(user)
            )
        ):
            raise ValidationError(reason)
        user.is_active = active
        user.save(update_fields=["is_active"])
        save_version(stamp, actor=actor, fields=[])
        audit_record(
            actor=actor,
            action="reactivate" if active else "deactivate",
            record_type="user",
            record_id=user.pk,
            detail={"username": user.username},
        )
    return user


def user_deactivate(*, actor: User, user: User, version: int | None) -> User:
    """Stop an account signing in (its history and audit trail stay). Audited."""
    return _set_active(actor=actor, user=user, version=version, active=False)


def user_reactivate(*, actor: User, user: User, version: int | None) -> User:
    """Let a deactivated account sign in again. Audited."""
    return _set_active(actor=actor, user=user, version=version, active=True)
