"""The authenticator app's secret: a random key, the otpauth:// link and its QR code (inline SVG,
no scripts or styles, so the Content-Security-Policy holds), and checking a code against a key that
is not saved yet (during set-up)."""

from __future__ import annotations

import time
from base64 import b32encode
from binascii import unhexlify

import segno
from django.utils.safestring import SafeString, mark_safe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .models import User


def new_key() -> str:
    return random_hex(20)


def config_url(user: User, key: str) -> str:
    return TOTPDevice(user=user, key=key).config_url


def manual_key(key: str) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    text = b32encode(unhexlify(key)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(url: str) -> SafeString:
    svg = segno.make(url, error="m").svg_inline(scale=5, omitsize=False)
    # segno's markup is generated from the URL's bits only (no user text), so it is safe to inline.
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-label="QR code" ', 1))  # noqa: S308


def current_step(key: str) -> int:
    totp = TOTP(unhexlify(key))
    totp.time = time.time()
    return int(totp.t())


def code_matches(key: str, code: str) -> bool:
    """Whether `code` is the app's current code for `key` (one step either side for clock drift)."""
    code = code.replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return False
    totp = TOTP(unhexlify(key))
    totp.time = time.time()
    return bool(totp.verify(int(code), tolerance=1))
