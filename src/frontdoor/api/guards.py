"""Workflow rules for API tokens, each returning a reason a person can read ("" when allowed)."""

from __future__ import annotations

from collections.abc import Sequence

from frontdoor.core.codes import Agency
from frontdoor.core.templatetags.govuk import ukdatetime

from .models import ApiToken, Scope

# Police notifications come from the police force only: any other partner's system is refused.
SCOPE_AGENCIES: dict[str, set[str]] = {Scope.POLICE_NOTIFICATIONS: {Agency.POLICE}}


def scopes_refusal(*, agency: str, scopes: Sequence[str]) -> str:
    """Why these scopes may not be given to an organisation of `agency`, or ""."""
    if not scopes:
        return "Select at least one thing the token may do"
    unknown = [s for s in scopes if s not in Scope.values]
    if unknown:
        return "Select what the token may do from the list"
    for scope in scopes:
        allowed = SCOPE_AGENCIES.get(scope)
        if allowed is not None and agency not in allowed:
            return (
                f"Only a police force's system may submit police notifications: "
                f"this organisation's agency is {Agency(agency).label.lower()}. "
                "Untick 'Submit police notifications'"
            )
    return ""


def use_refusal(token: ApiToken, scope: str) -> str:
    """Why this token may not be used for `scope`, or ""."""
    if token.revoked_at is not None:
        return (
            f"This token was revoked on {ukdatetime(token.revoked_at)}: ask the council's "
            "Front Door administrator for a new one"
        )
    if not token.organisation.active:
        return "Your organisation's access to Front Door is closed: ask the council's administrator"
    if scope not in token.scopes:
        return (
            f"This token may not {Scope(scope).label[0].lower()}{Scope(scope).label[1:]}: ask the "
            f"council's Front Door administrator to add the '{scope}' scope"
        )
    return ""


def revoke_refusal(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return f"This token was already revoked on {ukdatetime(token.revoked_at)}"
    return ""
