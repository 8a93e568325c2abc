"""Browser-test fixtures: Playwright driving the system Chromium, with an axe-core check that must
run on every page a test visits (the test fails at teardown if any visited page was not checked),
and a screenshot saved to test-artifacts/ when a test fails."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

AXE_JS = (
    Path(__file__).resolve().parent.parent / "core" / "static" / "vendor" / "axe" / "axe.min.js"
)
ARTIFACTS = Path(os.environ.get("FRONTDOOR_TEST_ARTIFACTS", "test-artifacts"))
CHROMIUM_CANDIDATES = [
    os.environ.get("FRONTDOOR_CHROMIUM", ""),
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
]


def _serial_live_server() -> None:
    """Serve the live server's requests one at a time. Django's default threaded server lets the
    browser's parallel requests (a page and its favicon) share SQLite's single in-memory test
    connection at once, which interleaves savepoints ("no such savepoint") and breaks tests at random."""
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.connections_override = connections_override

    LiveServerThread.server_class = SerialWSGIServer


def _chromium() -> str | None:
    return next((c for c in CHROMIUM_CANDIDATES if c and os.path.exists(c)), None)


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    if os.environ.get("FRONTDOOR_SKIP_BROWSER") == "1":
        pytest.skip("FRONTDOOR_SKIP_BROWSER=1: browser tests skipped on purpose")
    path = _chromium()
    if path is None:
        pytest.fail(
            "Chromium not found at /usr/bin/chromium: install it with `apt-get install -y chromium` "
            "or set FRONTDOOR_SKIP_BROWSER=1 to skip browser tests"
        )
    from playwright.sync_api import sync_playwright

    _serial_live_server()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class AxeTracker:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.csp_violations: list[str] = []
        page.on("framenavigated", self._navigated)
        page.on("console", self._console)

    def _navigated(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self.visited.append(frame.url)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp_violations.append(message.text)

    def check(self) -> None:
        """Run axe-core on the current page; fail on any violation of WCAG 2.2 A/AA rules."""
        page = self.page
        page.wait_for_load_state("load")
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(AXE_JS.read_text() + "\n;undefined")
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        )
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]
        ]
        assert not violations, f"Accessibility violations on {page.url}:\n" + "\n".join(violations)
        self.checked.add(_strip(page.url))


def _strip(url: str) -> str:
    return re.sub(r"#.*$", "", url)


@pytest.fixture
def page(request: pytest.FixtureRequest, chromium_browser: Any, live_server: Any) -> Iterator[Any]:
    context = chromium_browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15000)
    pg = context.new_page()
    tracker = AxeTracker(pg)
    pg.axe = tracker  # type: ignore[attr-defined]
    pg.live_url = live_server.url  # type: ignore[attr-defined]
    yield pg
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    if not failed:
        unchecked = [
            u
            for u in dict.fromkeys(_strip(u) for u in tracker.visited)
            if u not in tracker.checked and u != "about:blank"
        ]
        assert not unchecked, f"Pages visited without an accessibility check: {unchecked}"
        assert not tracker.csp_violations, (
            f"Content-Security-Policy violations: {tracker.csp_violations}"
        )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def sign_in(page: Any, username: str, password: str) -> None:
    """Sign in through the real login page (checked for accessibility)."""
    page.goto("/accounts/login/")
    page.axe.check()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
    page.axe.check()  # the role's home page
