"""Structured logs: one JSON object per line, carrying the request id and the user id.

Never a child's name: the records logged are the framework's and ours, which name ids only; the
filter adds the request's id and the signed-in user's id (not their name) from the audit context.
"""

from __future__ import annotations

import logging

from pythonjsonlogger.json import JsonFormatter


class RequestContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from frontdoor.audit.middleware import current_request

        context = current_request.get()
        if not getattr(record, "request_id", ""):
            record.request_id = context.request_id if context else ""
        if getattr(record, "user_id", None) is None:
            request = getattr(record, "request", None)
            user = getattr(request, "user", None)
            record.user_id = user.pk if user is not None and user.is_authenticated else None
        record.__dict__.pop("request", None)  # never serialise the request (its query string)
        return True


class FrontDoorJsonFormatter(JsonFormatter):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault(
            "fmt", "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s"
        )
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level"})
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
