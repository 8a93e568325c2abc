"""Pages for assessments, Signs of Safety mapping and group supervision. Every record comes from its
gate (`access.py`, audited) before anything is shown or written. Create forms carry a one-time
token; changes carry the record's version."""

from .assessment import (
    assessment_conclude,
    assessment_detail,
    assessment_engagement,
    assessment_new,
    assessment_print,
    assessment_signoff,
    assessment_visit,
    assessment_voice,
)
from .guidance import guidance_detail, guidance_edit, guidance_new
from .mapping import (
    mapping_detail,
    mapping_edit,
    mapping_new,
    safety_plan,
    supervision_detail,
    supervision_edit,
    supervision_new,
)

__all__ = [
    "assessment_conclude",
    "assessment_detail",
    "assessment_engagement",
    "assessment_new",
    "assessment_print",
    "assessment_signoff",
    "assessment_visit",
    "assessment_voice",
    "guidance_detail",
    "guidance_edit",
    "guidance_new",
    "mapping_detail",
    "mapping_edit",
    "mapping_new",
    "safety_plan",
    "supervision_detail",
    "supervision_edit",
    "supervision_new",
]
