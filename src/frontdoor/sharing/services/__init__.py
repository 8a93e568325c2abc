"""Writes to the information-sharing record: `share_record` for any share or decision not to share
(the partner API, letters and subject access exports call it), and one helper per existing path."""

from .paths import (
    share_encompass_notice,
    share_marac_referral,
    share_referrer_update,
    share_request_answered,
    share_request_sent,
)
from .record import nhs_number_for, share_record

__all__ = [
    "nhs_number_for",
    "share_encompass_notice",
    "share_marac_referral",
    "share_referrer_update",
    "share_request_answered",
    "share_request_sent",
    "share_record",
]
