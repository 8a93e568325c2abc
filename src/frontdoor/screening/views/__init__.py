"""Screening pages: work trays and queues, the screening page, the decision and its oversight."""

from .decisions import decision, referral_nfa, referrer_update, review, siblings
from .one_page import complete
from .trays import late, restricted, trays
from .work import (
    consent,
    consent_authorise,
    contact_start,
    detail,
    rag,
    request_answer,
    request_new,
    take,
)

__all__ = [
    "complete",
    "consent",
    "consent_authorise",
    "contact_start",
    "decision",
    "detail",
    "late",
    "rag",
    "referral_nfa",
    "referrer_update",
    "request_answer",
    "request_new",
    "restricted",
    "review",
    "siblings",
    "take",
    "trays",
]
