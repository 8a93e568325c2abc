"""Rules for user administration and break-glass access. Each returns the reason it refuses (a
sentence the administrator can act on), or "" when the change may go ahead."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontdoor.accounts.roles import Role, capabilities_for

if TYPE_CHECKING:
    from frontdoor.accounts.models import User
    from frontdoor.people.models import Person

    from .models import PartnerOrganisation

BREAK_GLASS = "break_glass"


def restricted_manager_refusal(role: str, restricted_records_manager: bool) -> str:
    """The restricted-records capability is for named people whose role screens contacts."""
    if restricted_records_manager and "screen" not in capabilities_for(role):
        return (
            "Only a user whose role screens contacts (a MASH practitioner, MASH team manager or "
            "assessment social worker) can be a restricted-records manager. Change the role or "
            "untick the box"
        )
    return ""


def organisation_refusal(role: str, organisation: PartnerOrganisation | None) -> str:
    """Partner users submit for one partner organisation; nobody else belongs to one."""
    if role == Role.PARTNER and organisation is None:
        return "Choose the partner organisation this user submits concerns for"
    if role == Role.PARTNER and organisation is not None and not organisation.active:
        return (
            f"{organisation.name} is no longer active. Choose an active organisation, or "
            "reactivate it first"
        )
    if role != Role.PARTNER and organisation is not None:
        return "Only partner agency users belong to a partner organisation. Leave it empty"
    return ""


def deactivate_refusal(*, actor: User, user: User, remaining_admins: int) -> str:
    """Nobody locks themselves out, and the council always keeps an active administrator."""
    if not user.is_active:
        return f"{user.display_name}'s account is already deactivated"
    if user.pk == actor.pk:
        return "You cannot deactivate your own account. Ask another system administrator"
    if user.role == Role.ADMIN and remaining_admins < 1:
        return (
            f"{user.display_name} is the only active system administrator. Add or reactivate "
            "another administrator first"
        )
    return ""


def role_change_refusal(*, user: User, new_role: str, remaining_admins: int) -> str:
    """Changing the last active administrator's role would leave nobody to manage accounts."""
    if (
        user.role == Role.ADMIN
        and new_role != Role.ADMIN
        and user.is_active
        and remaining_admins < 1
    ):
        return (
            f"{user.display_name} is the only active system administrator. Add another "
            "administrator before changing this role"
        )
    return ""


def break_glass_refusal(*, actor: User, person: Person | None) -> str:
    """Break-glass is for the administrator's role only, never for a sealed person's record (their
    access list decides, through the restricted-records manager), and a number that is not a
    record is refused with the same words so a sealed record's existence does not leak."""
    if not actor.can(BREAK_GLASS):
        return "Your role cannot use break-glass access"
    if person is None or person.sealed:
        return (
            "No record with that number can be opened with break-glass access. Check the number; "
            "a restricted record needs its restricted-records manager to add you to its access list"
        )
    return ""
