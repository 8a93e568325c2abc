"""Home (each role's starting page), the health check and the administration home."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from frontdoor.accounts.decorators import requires
from frontdoor.accounts.roles import Role

from .models import LocalClosure

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
    Role.ADMIN: "core:admin_home",
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


@requires("admin")
def admin_home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/admin_home.html", {"closures": LocalClosure.objects.all()})
