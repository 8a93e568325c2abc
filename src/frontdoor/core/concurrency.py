"""No lost updates: every editable record carries a version, and a change posted from a stale page
is refused with what changed and by whom, keeping what the user typed.

Use:
- models: inherit `Versioned` (adds `version`, `changed_at`, `changed_by`);
- forms: inherit `VersionedForm` (a hidden `version` field; fill it with `initial={"version": r.version}`);
- services: `record = lock_version(Model.objects, pk, expected=version)` inside the transaction, then
  change fields and `save_version(record, actor=actor, fields=[...])`. `lock_version` takes the row
  lock (SELECT … FOR UPDATE on PostgreSQL; SQLite's write lock serialises writers), so two
  authorisations racing on one decision run one after the other and the second sees the first's
  version and is refused with a clear message, never a 500;
- views: catch `StaleRecord` and `form.add_error(None, str(error))`, re-rendering the form as posted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from frontdoor.core.templatetags.govuk import ukdatetime

if TYPE_CHECKING:
    from frontdoor.accounts.models import User

M = TypeVar("M", bound="Versioned")


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class StaleRecord(Exception):
    """The record changed since the user's page was loaded."""

    def __init__(self, record: Versioned, expected: int | None) -> None:
        self.record = record
        self.expected = expected
        who = record.changed_by.display_name if record.changed_by else "someone else"
        when = ukdatetime(record.changed_at) if record.changed_at else ""
        super().__init__(
            f"{who} changed this record{' at ' + when if when else ''} after you opened the page, "
            "so your changes were not saved. Check what is shown now, then make your changes again "
            "(what you typed is kept below)."
        )


def lock_version(queryset: QuerySet[M], pk: Any, *, expected: int | None) -> M:
    """The record, locked for this transaction; `StaleRecord` if its version is not `expected`.

    `expected=None` skips the check (a service called from code, not from a form) but still locks.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_version must run inside transaction.atomic()")
    record = queryset.select_for_update().get(pk=pk)
    if expected is not None and record.version != expected:
        raise StaleRecord(record, expected)
    return record


def save_version(record: Versioned, *, actor: User | None, fields: list[str]) -> None:
    """Save `fields` and move the version on, stamping who changed it and when."""
    record.version += 1
    record.changed_at = timezone.now()
    record.changed_by = actor if getattr(actor, "is_authenticated", False) else None
    record.save(update_fields=[*fields, "version", "changed_at", "changed_by"])


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VersionedModelForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
