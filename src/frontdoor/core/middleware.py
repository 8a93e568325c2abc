"""Response headers every page gets, and the framework-level upload limit.

- `Cache-Control: no-store` (with Django's full never-cache set) on every response to a signed-in
  user: any of them may show a child's data, and a shared council PC's browser cache or back button
  must not keep it. Static files never reach this middleware (WhiteNoise answers them first).
- `Permissions-Policy`: the service uses no camera, microphone, location, payment, USB or sensors,
  so the browser may grant them to nothing on our pages.
- A request body larger than FRONTDOOR_MAX_UPLOAD_MB (plus 1 MB for a form's other fields) is
  refused with 413 before any view reads it. Forms that take a file also check the file's own size
  against the same setting, to put the message next to the field.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
FORM_FIELDS_ALLOWANCE = 1024 * 1024


def max_request_bytes() -> int:
    return int(settings.FRONTDOOR_MAX_UPLOAD_MB) * 1024 * 1024 + FORM_FIELDS_ALLOWANCE


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Permissions-Policy"] = PERMISSIONS_POLICY
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class UploadLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_request_bytes():
            return render(
                request,
                "413.html",
                {"max_upload_mb": settings.FRONTDOOR_MAX_UPLOAD_MB},
                status=413,
            )
        return self.get_response(request)
