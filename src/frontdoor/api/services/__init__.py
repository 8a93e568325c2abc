"""Writes of the partner API: tokens (made, scoped and revoked by the administrator) and concerns
submitted by partner systems. Each is one transaction with its audit row inside it."""

from .sharing import api_outcome_share
from .submissions import ChildDetails, api_concern_submit
from .tokens import (
    api_token_create,
    api_token_revoke,
    api_token_scopes_set,
    api_token_used,
    service_account_for,
)

__all__ = [
    "ChildDetails",
    "api_outcome_share",
    "api_concern_submit",
    "api_token_create",
    "api_token_revoke",
    "api_token_scopes_set",
    "api_token_used",
    "service_account_for",
]
