"""Writes for early help: step-downs and their decisions, episodes, assessments, ends, step-ups.

Each service is one transaction with its audit rows and chronology entries inside it.
"""

from .common import CHRONOLOGY_KIND
from .episodes import (
    episode_assessment_record,
    episode_end,
    episode_open,
    episode_step_up,
    history_text,
)
from .stepdowns import stepdown_accept, stepdown_decline, stepdown_request

__all__ = [
    "CHRONOLOGY_KIND",
    "episode_assessment_record",
    "episode_end",
    "episode_open",
    "episode_step_up",
    "history_text",
    "stepdown_accept",
    "stepdown_decline",
    "stepdown_request",
]
