"""API tokens: made (shown once, kept as a SHA-256 digest), scoped and revoked by the administrator."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from frontdoor.accounts.models import User
from frontdoor.accounts.roles import Role
from frontdoor.administration.models import PartnerMembership, PartnerOrganisation
from frontdoor.audit.services import audit_record
from frontdoor.core.concurrency import lock_version, save_version
from frontdoor.core.templatetags.govuk import ukdatetime

from .. import guards
from ..models import ApiToken, ServiceAccount

TOKEN_START = "fd_"


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _admin(actor: User) -> None:
    if not actor.can("admin"):
        raise PermissionDenied("Only the system administrator manages API tokens")


@transaction.atomic
def service_account_for(*, actor: User, organisation: PartnerOrganisation) -> User:
    """The organisation's API service user (made the first time): a partner user of the
    organisation who cannot sign in, so whatever the API submits is that partner's own."""
    existing = ServiceAccount.objects.filter(organisation=organisation).select_related("user")
    account = existing.first()
    if account is not None:
        return account.user
    user = User(
        username=f"api-{organisation.pk}-{slugify(organisation.name)}"[:150],
        role=Role.PARTNER,
        agency=organisation.agency,
        organisation=organisation.name,
        first_name=organisation.name[:150],
        last_name="(partner system)",
    )
    user.set_unusable_password()
    user.save()
    PartnerMembership.objects.update_or_create(user=user, defaults={"organisation": organisation})
    ServiceAccount.objects.create(organisation=organisation, user=user)
    audit_record(
        actor=actor,
        action="create",
        record_type="api_service_account",
        record_id=user.pk,
        detail={"organisation": organisation.name},
    )
    return user


@transaction.atomic
def api_token_create(
    *,
    actor: User,
    organisation: PartnerOrganisation,
    name: str,
    scopes: Sequence[str],
    now: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Make a token for a partner organisation's system. The secret is returned once, never kept."""
    _admin(actor)
    name = (name or "").strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Enter what the token is for, for example 'Case management system'"
    if not organisation.active:
        errors["organisation"] = (
            f"{organisation.name} is closed: reopen it in Administration before giving it a token"
        )
    refusal = guards.scopes_refusal(agency=organisation.agency, scopes=scopes)
    if refusal:
        errors["scopes"] = refusal
    if errors:
        raise ValidationError(errors)
    service_account_for(actor=actor, organisation=organisation)
    secret = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken(
        organisation=organisation,
        name=name,
        scopes=sorted(set(scopes)),
        prefix=secret[: len(TOKEN_START) + 8],
        key_hash=token_digest(secret),
        created_at=now or timezone.now(),
        created_by=actor,
    )
    try:
        with transaction.atomic():
            token.save()
    except IntegrityError:  # api_token_one_live_name_per_organisation
        live = ApiToken.objects.get(organisation=organisation, name=name, revoked_at__isnull=True)
        raise ValidationError(
            {
                "name": f"{organisation.name} already has a live token called '{name}' "
                f"(made {ukdatetime(live.created_at)}, starting {live.prefix}): give this one "
                "another name, or revoke that one first"
            }
        ) from None
    audit_record(
        actor=actor,
        action="create",
        record_type="api_token",
        record_id=token.pk,
        detail={"organisation": organisation.name, "scopes": token.scopes},
    )
    return token, secret


@transaction.atomic
def api_token_scopes_set(
    *, actor: User, token: ApiToken, scopes: Sequence[str], version: int | None
) -> ApiToken:
    """Change what a live token may do (a stale page is refused with who changed it)."""
    _admin(actor)
    token = lock_version(
        ApiToken.objects.select_related("organisation"), token.pk, expected=version
    )
    refusal = guards.revoke_refusal(token) or guards.scopes_refusal(
        agency=token.organisation.agency, scopes=scopes
    )
    if refusal:
        raise ValidationError({"scopes": refusal})
    before = list(token.scopes)
    token.scopes = sorted(set(scopes))
    save_version(token, actor=actor, fields=["scopes"])
    audit_record(
        actor=actor,
        action="update",
        record_type="api_token",
        record_id=token.pk,
        detail={"scopes_before": before, "scopes": token.scopes},
    )
    return token


@transaction.atomic
def api_token_revoke(
    *, actor: User, token: ApiToken, version: int | None, now: datetime | None = None
) -> ApiToken:
    """Revoke a token: from now on every call with it is refused (401)."""
    _admin(actor)
    token = lock_version(ApiToken.objects.all(), token.pk, expected=version)
    refusal = guards.revoke_refusal(token)
    if refusal:
        raise ValidationError(refusal)
    token.revoked_at, token.revoked_by = now or timezone.now(), actor
    save_version(token, actor=actor, fields=["revoked_at", "revoked_by"])
    audit_record(actor=actor, action="revoke", record_type="api_token", record_id=token.pk)
    return token


def api_token_used(token: ApiToken, *, now: datetime | None = None) -> None:
    """Note when the token was last used (shown to the administrator). Not a change of the token's
    content, so its version stays: an administrator's open scopes page is not made stale by use.
    The call itself is audited by the API (one row per call)."""
    token.last_used_at = now or timezone.now()
    token.save(update_fields=["last_used_at"])
