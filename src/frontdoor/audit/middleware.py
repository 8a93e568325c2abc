"""Carries the request id and client address to the audit service for the length of a request.

The request id is always made here (a uuid4): an id sent by the client could be chosen to collide
with, or impersonate, another request's audit rows. An incoming `X-Request-Id` header is kept
separately as `client_request_id` (for matching a proxy's logs) and is never used as the id.
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

CLIENT_REQUEST_ID_MAX = 100


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    client_address: str | None
    client_request_id: str = ""


current_request: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "frontdoor_request", default=None
)


def clean_client_request_id(value: str | None) -> str:
    """The client's header as printable ASCII, at most 100 characters (it is stored, not trusted)."""
    if not value:
        return ""
    printable = "".join(c for c in value if 32 < ord(c) < 127)
    return printable[:CLIENT_REQUEST_ID_MAX]


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = str(uuid.uuid4())
        context = RequestContext(
            request_id=request_id,
            client_address=request.META.get("REMOTE_ADDR") or None,
            client_request_id=clean_client_request_id(request.headers.get("X-Request-Id")),
        )
        token = current_request.set(context)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(token)
        response["X-Request-Id"] = request_id
        return response
