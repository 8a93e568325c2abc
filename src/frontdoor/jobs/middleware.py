"""Requests look whether a periodic job is due (at most once a minute per process): see
jobs/periodic.py. The look never delays or fails the page beyond one small query."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .periodic import due_check


class PeriodicJobsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        due_check()
        return self.get_response(request)
