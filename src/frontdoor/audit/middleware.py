"""Carries the request id and client address to the audit service for the length of a request."""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    client_address: str | None


current_request: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "frontdoor_request", default=None
)


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request.headers.get("X-Request-Id") or str(uuid.uuid4())
        request_id = request_id[:36]
        context = RequestContext(request_id, request.META.get("REMOTE_ADDR") or None)
        token = current_request.set(context)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response["X-Request-Id"] = request_id
        return response
