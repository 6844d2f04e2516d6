"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright cannot download its own browser here, so it is pointed at /usr/bin/chromium.
Where Chromium or axe-core is missing the tests are skipped with the reason; with
REQUIRE_BROWSER_TESTS=1 (as in CI) they fail instead, so a skip can never pass for a run.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM use there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _missing_requirement():
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if not AXE_SCRIPT.exists():
        return "axe-core not installed (npm ci)"
    return None


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    in_a_browser = [item for item in items if here in Path(item.fspath).parents]
    # Marked here, so `-m "not browser"` leaves out every test in this folder, new ones too.
    for item in in_a_browser:
        item.add_marker(pytest.mark.browser)
    missing = _missing_requirement()
    if not missing:
        return
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        raise pytest.UsageError(f"Browser tests are required but cannot run: {missing}")
    skip = pytest.mark.skip(reason=f"browser tests skipped: {missing}")
    for item in in_a_browser:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def assert_accessible():
    """Run axe-core in the page and fail with a readable list of any WCAG violations."""
    axe_source = AXE_SCRIPT.read_text(encoding="utf-8")

    def check(page):
        # Evaluated through the DevTools protocol, so the site's Content-Security-Policy
        # (which forbids inline scripts) does not block the checker itself.
        page.evaluate(axe_source)
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations = [
            {
                "id": violation["id"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in results["violations"]
        ]
        assert violations == [], f"{page.url}:\n{json.dumps(violations, indent=2)}"

    return check


# Recorded from the first script the page runs, before any of the site's own code.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture
def violations(page):
    """Every CSP violation the browser reports, from DOM events and from the console."""
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def collected():
        return page.evaluate("window.__cspViolations || []") + console

    return collected


@pytest.fixture
def staff_page(page, live_server, db):
    User.objects.create_superuser("editor", "editor@example.org", "a long test password")
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_server.url + "/admin/")
    return page
