"""`/ready`: can this instance serve? The database answers and the job queue is reachable.

`/health` (in core) says the process is alive; `/ready` is what a load balancer or orchestrator
checks before sending traffic. Neither needs signing in; neither says anything about a child.
"""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache


def _database(alias: str) -> str:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except DatabaseError as error:
        return f"unreachable: {type(error).__name__}"


def _queue() -> str:
    from django_tasks_db.models import DBTaskResult

    if getattr(settings, "FRONTDOOR_JOBS_MODE", "queue") != "queue":
        return f"in-process ({settings.FRONTDOOR_JOBS_MODE})"
    try:
        DBTaskResult.objects.filter(enqueued_at__lte=timezone.now()).exists()
        return "ok"
    except DatabaseError as error:
        return f"unreachable: {type(error).__name__}"


@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database("default")}
    if "replica" in settings.DATABASES:
        checks["replica"] = _database("replica")
    checks["job_queue"] = _queue() if checks["database"] == "ok" else "not checked"
    ok = all(v == "ok" or v.startswith("in-process") for v in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", **checks}, status=200 if ok else 503
    )
