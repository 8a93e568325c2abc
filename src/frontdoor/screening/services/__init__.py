"""Writes for screening. One transaction each; the audit row and chronology entries inside it.

Every service takes an optional `now` so seeding and frozen-clock tests pass explicit times, and
every service that changes an editable record takes the `version` the user's page showed
(`frontdoor.core.concurrency`): a stale post is refused with who changed the record and when.
"""

from ..models import DECISION_FIELDS
from .authorise import decision_authorise, referral_record_nfa
from .consent import consent_authorise, consent_record
from .decision import (
    decision_answer,
    decision_apply_to_siblings,
    decision_record,
    decision_return,
)
from .information import information_request_answer, information_request_send, rag_set
from .referrer import referrer_update_record
from .start import screening_start, screening_take, screenings_start_for_contact

__all__ = [
    "DECISION_FIELDS",
    "consent_authorise",
    "consent_record",
    "decision_answer",
    "decision_apply_to_siblings",
    "decision_authorise",
    "decision_record",
    "decision_return",
    "information_request_answer",
    "information_request_send",
    "rag_set",
    "referral_record_nfa",
    "referrer_update_record",
    "screening_start",
    "screening_take",
    "screenings_start_for_contact",
]
