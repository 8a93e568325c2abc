"""Writes for assessments, mapping and group supervision. One transaction each, audited, on the
chronology.

Every service takes the acting user keyword-only and raises ValidationError with a dict of
field -> plain message. `now` may be passed in (demo seeding, tests); otherwise the real clock.
Services that change a versioned record take the `version` the user's page showed.
"""

from .assessment import (
    assessment_conclude,
    assessment_start,
    child_seen_record,
    child_voice_record,
    engagement_record,
)
from .guidance import guidance_record, guidance_update
from .mapping import mapping_record, mapping_update
from .signoff import assessment_contributors, assessment_sign_off, risks_summary
from .supervision import supervision_decision_update, supervision_record

__all__ = [
    "assessment_conclude",
    "assessment_contributors",
    "assessment_sign_off",
    "assessment_start",
    "child_seen_record",
    "child_voice_record",
    "engagement_record",
    "guidance_record",
    "guidance_update",
    "mapping_record",
    "mapping_update",
    "risks_summary",
    "supervision_decision_update",
    "supervision_record",
]
