"""Production smoke check (run by scripts/production_smoke.sh, not by hand).

With the production settings in the environment, it makes one account with an authenticator app,
then talks HTTP to the running WSGI server like a browser behind the TLS proxy: /health and /ready,
sign in with the password and the six-digit code, start a CIN census job, follow its progress page
until the worker has finished it, download the file and check it is the census.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

import django


def make_account(username: str, password: str) -> bytes:
    django.setup()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from frontdoor.accounts.models import Team, User
    from frontdoor.accounts.roles import Role

    team, _ = Team.objects.get_or_create(name="Performance")
    user = User.objects.filter(username=username).first() or User(username=username)
    user.first_name, user.last_name, user.role, user.team = "Smoke", "Check", Role.ANALYST, team
    user.set_password(password)
    user.save()
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="Smoke check app", confirmed=True
    )
    return bytes(device.bin_key)


class Browser:
    """Cookies kept by hand: the session cookie is Secure, and this talks plain HTTP to the WSGI
    server as the TLS proxy would, saying X-Forwarded-Proto: https."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(
        self, path: str, data: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        req.add_header("X-Forwarded-Proto", "https")
        req.add_header("X-Forwarded-For", "127.0.0.1")
        host = urllib.parse.urlsplit(self.base).netloc
        req.add_header("Referer", f"https://{host}{path}")
        req.add_header("Origin", f"https://{host}")
        if self.cookies:
            req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(req, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return response.status, dict(response.headers), response.read()

    def form(self, path: str) -> dict[str, str]:
        status, _, body = self.request(path)
        expect(status == 200, f"GET {path} answered {status}")
        fields = {}
        for name, value in re.findall(rb'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', body):
            fields[name.decode()] = html.unescape(value.decode())
        return fields


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def expect(condition: bool, message: str) -> None:
    if not condition:
        print(f"SMOKE FAILED: {message}", file=sys.stderr)
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()
    username, password = "smoke.analyst", "smoke-check-password-1"
    key = make_account(username, password)
    from django_otp.oath import totp

    browser = Browser(args.base)
    status, _, body = browser.request("/health")
    expect(status == 200 and b'"ok"' in body, f"/health answered {status} {body[:200]!r}")
    status, _, body = browser.request("/ready")
    expect(status == 200, f"/ready answered {status} {body[:300]!r}")
    print(f"/health and /ready: ok ({body.decode()})")

    fields = browser.form("/accounts/login/")
    status, headers, _ = browser.request(
        "/accounts/login/", {**fields, "username": username, "password": password}
    )
    expect(status == 302, f"signing in answered {status}")
    location = headers.get("Location", "")
    if "/accounts/two-factor/" not in location:
        status, headers, _ = browser.request(urllib.parse.urlsplit(location).path or "/")
        location = headers.get("Location", "")
    expect("/accounts/two-factor/" in location, f"no second factor asked for ({location})")
    fields = browser.form("/accounts/two-factor/")
    code = f"{totp(key):06d}"
    status, headers, _ = browser.request("/accounts/two-factor/", {**fields, "code": code})
    expect(status == 302, f"the six-digit code answered {status}")
    status, _, body = browser.request("/")
    expect(status in (200, 302), f"home page answered {status}")
    print("signed in with password and authenticator code: ok")

    fields = browser.form("/jobs/new/cin-census/")
    status, headers, _ = browser.request(
        "/jobs/new/cin-census/", {**fields, "year": str(args.year)}
    )
    expect(status == 302, f"starting the census job answered {status}")
    job_url = urllib.parse.urlsplit(headers["Location"]).path
    started = time.monotonic()
    while True:
        status, headers, body = browser.request(job_url)
        expect(status == 200, f"{job_url} answered {status}")
        if "Refresh" not in headers:
            break
        expect(time.monotonic() - started < 120, "the job did not finish within 2 minutes")
        time.sleep(1)
    expect(b"Finished" in body, f"the job did not finish: {body[-1500:]!r}")
    status, headers, body = browser.request(job_url + "download")
    expect(status == 200 and body.startswith(b"<?xml"), f"download answered {status}")
    expect(b"<Children>" in body, "the census file has no Children element")
    print(f"census job run by the worker in {time.monotonic() - started:.1f}s and downloaded: ok")


if __name__ == "__main__":
    main()
