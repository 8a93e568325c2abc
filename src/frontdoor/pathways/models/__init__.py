"""Models of the specialist pathways, one module per topic."""

from .edt import EdtAction, EdtRecord
from .exploitation import (
    ExploitationContribution,
    ExploitationIndicator,
    ExploitationLevel,
    ExploitationScreening,
)
from .police import (
    DashLevel,
    Decision,
    EncompassMethod,
    EncompassNotice,
    EncompassRecipient,
    IncidentType,
    MatchStatus,
    NotificationChild,
    PoliceImport,
    PoliceNotification,
    ScreeningAttendee,
    ScreeningMeeting,
)

__all__ = [
    "DashLevel",
    "Decision",
    "EdtAction",
    "EdtRecord",
    "EncompassMethod",
    "EncompassNotice",
    "EncompassRecipient",
    "ExploitationContribution",
    "ExploitationIndicator",
    "ExploitationLevel",
    "ExploitationScreening",
    "IncidentType",
    "MatchStatus",
    "NotificationChild",
    "PoliceImport",
    "PoliceNotification",
    "ScreeningAttendee",
    "ScreeningMeeting",
]
