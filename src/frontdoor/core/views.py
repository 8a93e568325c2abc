"""Home (what needs the user today, from every area they work in) and the health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.audit.services import audit_list_view

from .home import home_sections


def home(request: HttpRequest) -> HttpResponse:
    """Each role's home page: first what is due today or overdue across the areas the user works
    in, each with a count and its deadline in words (core/home.py; each area's `home_*`
    selector). Children sealed from the user never appear; the list is audited."""
    user = request.user
    now = timezone.now()
    sections, hidden = home_sections(user, now)
    shown = {i.child_id for s in sections for i in s.items if i.child_id is not None} - hidden
    audit_list_view(actor=user, record_type="home_page", person_ids=shown)  # type: ignore[arg-type]
    due = sum(s.count for s in sections if s.overdue is not None)
    overdue = sum(s.overdue or 0 for s in sections)
    return render(
        request,
        "core/home.html",
        {"sections": sections, "hidden": hidden, "now": now, "due": due, "overdue": overdue},
    )


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
