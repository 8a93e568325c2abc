"""The designated officer's pages, by part: approaches and reports, meetings, and the outcome."""

from .approaches import (
    child_add,
    consultation_new,
    detail,
    home,
    initial_consideration,
    referral_new,
    report,
    report_csv,
    subject_detail,
    subjects,
)
from .meetings import action_done, meeting, meeting_feedback, meeting_new
from .outcome import outcome, outcome_decide

__all__ = [
    "action_done",
    "child_add",
    "consultation_new",
    "detail",
    "home",
    "initial_consideration",
    "meeting",
    "meeting_feedback",
    "meeting_new",
    "outcome",
    "outcome_decide",
    "referral_new",
    "report",
    "report_csv",
    "subject_detail",
    "subjects",
]
