"""Writes for child protection. One transaction each, audited, on the chronology.

Every service takes the acting user keyword-only and raises ValidationError with a dict of
field -> plain message. `now` may be passed in (demo seeding, tests); otherwise the real clock.
Services that change a versioned record take the `version` the user's page showed.
"""

from .plans import REVIEW_INTERVAL_MONTHS, cp_plan_end, cp_review_record
from .s47 import FIRST_REVIEW_MONTHS, icpc_record, s47_findings_record
from .strategy import (
    action_complete,
    actions_close_with_referral,
    strategy_discussion_record,
    strategy_discussion_update,
)

__all__ = [
    "FIRST_REVIEW_MONTHS",
    "REVIEW_INTERVAL_MONTHS",
    "action_complete",
    "actions_close_with_referral",
    "cp_plan_end",
    "cp_review_record",
    "icpc_record",
    "s47_findings_record",
    "strategy_discussion_record",
    "strategy_discussion_update",
]
