"""Four eyes, really: whoever authorises a decision, plan, assessment sign-off or allegation outcome
may not be the person who made it, nor anyone who changed it after a challenge.

Every authorising service calls `four_eyes_check` before it changes anything. The refusal names who
must authorise instead (other users with the authorising capability, in the author's team first).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from frontdoor.accounts.models import User


def other_authorisers(
    actor: User, capability: str, excluded: set[int], limit: int = 3
) -> list[str]:
    from frontdoor.accounts.models import User
    from frontdoor.accounts.roles import CAPABILITIES

    roles = [role for role, caps in CAPABILITIES.items() if capability in caps]
    people = User.objects.filter(is_active=True, role__in=roles).exclude(pk__in=excluded)
    team_id = getattr(actor, "team_id", None)
    ordered = sorted(people, key=lambda u: (u.team_id != team_id, u.last_name, u.first_name))
    return [u.display_name for u in ordered[:limit]]


def four_eyes_check(
    *, actor: User, involved: Iterable[User | int | None], capability: str, what: str = "this"
) -> None:
    """Refuse (ValidationError) when `actor` is among `involved` (the author and later editors)."""
    involved_ids = {u if isinstance(u, int) else int(u.pk) for u in involved if u is not None}
    if actor.pk not in involved_ids:
        return
    names = other_authorisers(actor, capability, involved_ids)
    instead = (
        f"Ask {', '.join(names[:-1]) + ' or ' + names[-1] if len(names) > 1 else names[0]} to authorise it."
        if names
        else "Ask another manager who can authorise to do it."
    )
    raise ValidationError(
        f"You cannot authorise {what}: you made it or changed it, and a second person must "
        f"check it. {instead}",
        code="four_eyes",
    )
