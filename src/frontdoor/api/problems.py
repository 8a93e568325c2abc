"""Errors as RFC 9457 problem details (`application/problem+json`), with field-level messages.

Every error the API answers has `type`, `title`, `status` and `detail`; a request the API could not
accept because of what was sent (422) adds `errors`, one per field, each with the field's path in the
request body (`children.0.date_of_birth`) and a message saying what is wrong and how to fix it.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

PROBLEM_JSON = "application/problem+json"
TYPES = "/api/v1/docs#problem-"


class ApiRefusal(Exception):
    """The caller may not do this (401 bad or revoked token, 403 scope, 429 rate limit)."""

    def __init__(self, status: int, detail: str, *, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.retry_after = status, detail, retry_after


TITLES = {
    400: ("bad-request", "The request could not be read"),
    401: ("unauthorised", "A valid API token is needed"),
    403: ("forbidden", "This token may not do this"),
    404: ("not-found", "No such record"),
    422: ("invalid", "Some of what was sent is not right"),
    429: ("rate-limited", "Too many requests"),
}


def problem(
    status: int, detail: str, *, errors: list[dict[str, str]] | None = None, instance: str = ""
) -> HttpResponse:
    slug, title = TITLES[status]
    body: dict[str, Any] = {
        "type": TYPES + slug,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_JSON)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="Front Door partner API"'
    return response


def _field(loc: Any) -> str:
    # ninja puts where the value came from first ("body", "path", "header"); then the body
    # parameter's own name, which the caller never sees.
    parts = [str(p) for p in loc[1:]]
    if parts and parts[0] in ("payload", "answer", "acknowledgement", "notifications"):
        parts = parts[1:]
    return ".".join(parts)


def _message(field: str, error: dict[str, Any]) -> str:
    kind, name = error.get("type", ""), field or "the request body"
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"Enter {name}: it is required"
    if kind.startswith("date"):
        return f"Enter {name} as a real date in the format YYYY-MM-DD, like 2015-03-27"
    if kind.startswith("datetime"):
        return f"Enter {name} as a date and time in ISO 8601, like 2026-11-26T14:05:00Z"
    if kind == "string_too_short":
        return f"Enter {name}: it must not be empty"
    if kind == "string_too_long":
        return f"{name} must be {ctx.get('max_length')} characters or fewer"
    if kind == "string_pattern_mismatch":
        return f"{name} must not contain a NUL character (\\u0000): remove it"
    if kind == "too_short":
        return f"Give at least {ctx.get('min_length')} item(s) in {name}"
    if kind == "too_long":
        return f"Give at most {ctx.get('max_length')} items in {name}: send the rest separately"
    if kind == "enum" or kind == "literal_error":
        return f"{name} must be one of {ctx.get('expected')}"
    if kind in ("string_type", "list_type", "model_type", "dict_type", "model_attributes_type"):
        expected = {"string_type": "text", "list_type": "a list"}.get(kind, "an object")
        return f"{name} must be {expected}"
    if kind == "json_invalid":
        return "The request body is not valid JSON: check quotes, commas and brackets"
    return f"{name}: {error.get('msg', 'is not valid')}"


def install(api: NinjaAPI) -> None:
    """Answer every error of `api` as a problem detail."""

    def validation(request: HttpRequest, exc: Any) -> HttpResponse:
        errors = []
        for error in exc.errors:
            field = _field(error.get("loc", ()))
            errors.append({"field": field, "message": _message(field, error)})
        count = len(errors)
        return problem(
            422,
            f"{count} thing{'s' if count != 1 else ''} to correct: see errors",
            errors=errors,
            instance=request.path,
        )

    def service(request: HttpRequest, exc: Any) -> HttpResponse:
        errors = []
        if hasattr(exc, "error_dict"):
            for field, messages in exc.message_dict.items():
                name = "" if field == "__all__" else field
                errors += [{"field": name, "message": m} for m in messages]
        else:
            errors = [{"field": "", "message": m} for m in exc.messages]
        return problem(422, errors[0]["message"], errors=errors, instance=request.path)

    def refusal(request: HttpRequest, exc: Any) -> HttpResponse:
        response = problem(exc.status, exc.detail, instance=request.path)
        if exc.retry_after is not None:
            response["Retry-After"] = str(exc.retry_after)
        return response

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        status = exc.status_code if exc.status_code in TITLES else 400
        if isinstance(exc, AuthenticationError):
            return problem(
                401,
                "Send your API token in the header 'Authorization: Bearer <token>'. Ask the "
                "council's Front Door administrator for a token",
                instance=request.path,
            )
        return problem(status, str(exc), instance=request.path)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem(
            404,
            "There is no such record for your organisation: check the id",
            instance=request.path,
        )

    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem(403, str(exc), instance=request.path)

    def unexpected(request: HttpRequest, exc: Any) -> HttpResponse:
        raise exc  # a fault of ours: Django's 500 page and the error log, never a traceback

    api.add_exception_handler(Exception, unexpected)
    api.add_exception_handler(NinjaValidationError, validation)
    api.add_exception_handler(DjangoValidationError, service)
    api.add_exception_handler(ApiRefusal, refusal)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
