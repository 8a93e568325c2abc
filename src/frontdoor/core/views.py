"""Home (each role's starting page) and the health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from frontdoor.accounts.roles import Role

HOME_BY_ROLE = {
    Role.MASH_PRACTITIONER: "intake:queue",
    Role.MASH_MANAGER: "intake:queue",
    Role.ASSESSMENT_SOCIAL_WORKER: "child_protection:home",
    Role.EARLY_HELP_MANAGER: "earlyhelp:home",
    Role.DESIGNATED_OFFICER: "allegations:home",
    Role.EDT_WORKER: "out_of_hours:home",
    Role.EXPLOITATION_SPECIALIST: "exploitation:home",
    Role.PARTNER: "intake:partner_home",
    Role.ANALYST: "reporting:dashboard",
    Role.ADMIN: "administration:home",
}


def home(request: HttpRequest) -> HttpResponse:
    try:
        return redirect(reverse(HOME_BY_ROLE[request.user.role]))  # type: ignore[union-attr]
    except (KeyError, NoReverseMatch):
        return render(request, "core/home.html")


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
