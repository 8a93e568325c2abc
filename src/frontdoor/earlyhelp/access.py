"""The one access gate for early help records: step-downs and episodes.

Only users in early help (capability "early_help") open them, and only for a child they may see:
a step-down or episode about a sealed child is refused (404, audited) to anyone not on the child's
access list. Every view is audited against the child.
"""

from __future__ import annotations

from typing import Any

from frontdoor.core.gates import gate_load

from .models import EarlyHelpEpisode, StepDown


def _allowed(user: Any, record: Any) -> bool:
    return bool(user.is_authenticated and user.can("early_help"))


def access_stepdown(user: Any, pk: Any, *, action: str = "view") -> StepDown:
    return gate_load(
        user,
        StepDown.objects.select_related("person", "requested_by", "decided_by"),
        pk,
        record_type="early_help_stepdown",
        people_of=lambda s: [s.person],
        allowed=_allowed,
        action=action,
    )


def access_episode(user: Any, pk: Any, *, action: str = "view") -> EarlyHelpEpisode:
    return gate_load(
        user,
        EarlyHelpEpisode.objects.select_related("person", "stepdown"),
        pk,
        record_type="early_help_episode",
        people_of=lambda e: [e.person],
        allowed=_allowed,
        action=action,
    )
