"""Writes for the designated officer's records. Each runs in one transaction and audits inside it."""

from .approaches import (
    INITIAL_CONSIDERATION_WORKING_DAYS,
    REPORTING_WORKING_DAYS,
    allegation_child_add,
    consultation_record,
    initial_consideration_record,
    referral_record,
    report_working_days,
    subject_create,
)
from .meetings import (
    meeting_action_complete,
    meeting_feedback_received,
    meeting_finalise,
    meeting_save,
    meeting_start,
)
from .outcome import (
    allegation_outcome_authorise,
    allegation_outcome_propose,
    allegation_outcome_return,
)

__all__ = [
    "INITIAL_CONSIDERATION_WORKING_DAYS",
    "REPORTING_WORKING_DAYS",
    "allegation_child_add",
    "allegation_outcome_authorise",
    "allegation_outcome_propose",
    "allegation_outcome_return",
    "consultation_record",
    "initial_consideration_record",
    "meeting_action_complete",
    "meeting_feedback_received",
    "meeting_finalise",
    "meeting_save",
    "meeting_start",
    "referral_record",
    "report_working_days",
    "subject_create",
]
