"""Account writes: second factor, passwords, sessions and lockouts. Each runs in one transaction
with its audit row inside it."""

from .lockout import lockout_clear, session_extend, sign_in_record
from .passkeys import passkey_register, passkey_remove, passkey_verify
from .passwords import password_change, password_reset_complete, password_reset_link_issue
from .two_factor import (
    backup_codes_regenerate,
    two_factor_enrol,
    two_factor_reset,
    two_factor_verify,
)

__all__ = [
    "backup_codes_regenerate",
    "lockout_clear",
    "passkey_register",
    "passkey_remove",
    "passkey_verify",
    "password_change",
    "password_reset_complete",
    "password_reset_link_issue",
    "session_extend",
    "sign_in_record",
    "two_factor_enrol",
    "two_factor_reset",
    "two_factor_verify",
]
