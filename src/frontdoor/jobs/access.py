"""Who may see a job: the person who started it, and anyone with the capability its kind needs (a
census export is the returns team's, a police import the screening team's). A job's file can hold
children's data, so every other user gets 404, audited like any refusal."""

from __future__ import annotations

from django.http import Http404

from frontdoor.accounts.models import User
from frontdoor.audit.services import audit_record

from .models import Job
from .registry import get_kind


def may_see(user: User, job: Job) -> bool:
    spec = get_kind(job.kind)
    return job.requested_by_id == user.pk or (spec is not None and user.can(spec.capability))


def access_job(user: User, pk: int) -> Job:
    job = Job.objects.select_related("requested_by").filter(pk=pk).first()
    if job is None or not may_see(user, job):
        audit_record(
            actor=user, action="refused", record_type="job", record_id=pk, detail={"why": "job"}
        )
        raise Http404("No such job")
    return job


def visible_kinds(user: User) -> list[str]:
    from .registry import KINDS

    return [key for key, spec in KINDS.items() if user.can(spec.capability)]
