"""Reads of the people import: recent runs for the administrator's page."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import PeopleImport


def recent_imports(limit: int = 20) -> QuerySet[PeopleImport]:
    return PeopleImport.objects.select_related("started_by")[:limit]
