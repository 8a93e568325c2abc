"""Lists of jobs a user may see, newest first."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from frontdoor.accounts.models import User

from .access import visible_kinds
from .models import Job


def jobs_for(user: User) -> QuerySet[Job]:
    return (
        Job.objects.filter(Q(kind__in=visible_kinds(user)) | Q(requested_by=user))
        .select_related("requested_by")
        .order_by("-requested_at", "-pk")
    )
