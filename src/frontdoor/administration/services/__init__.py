"""Writes for the administration area: accounts, teams, partner organisations and break-glass.

Each service runs in one transaction and writes its audit row inside it.
"""

from .break_glass import BREAK_GLASS_MINUTES, break_glass_end, break_glass_open
from .organisations import (
    partner_organisation_create,
    partner_organisation_update,
    team_create,
    team_update,
)
from .users import user_create, user_deactivate, user_reactivate, user_update

__all__ = [
    "BREAK_GLASS_MINUTES",
    "break_glass_end",
    "break_glass_open",
    "partner_organisation_create",
    "partner_organisation_update",
    "team_create",
    "team_update",
    "user_create",
    "user_deactivate",
    "user_reactivate",
    "user_update",
]
