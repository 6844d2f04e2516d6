"""In a real browser, the Content-Security-Policy blocks nothing the site itself needs."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def staff_page(page, live_server, db):
    User.objects.create_superuser("editor", "editor@example.org", "a long test password")
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(live_server.url + "/admin/")
    return page


def test_public_pages_run_without_violations(live_server, page, violations, make_article):
    article = make_article(title="Ice and heat")
    for path in ["/", article.topic.get_absolute_url(), article.get_absolute_url(), "/nowhere/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert violations() == [], path


def test_the_listener_reports_what_the_policy_blocks(live_server, page, violations, db):
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.injected") is None
    assert any("script-src" in violation for violation in violations())


def test_the_admin_runs_without_violations(live_server, staff_page, violations):
    for path in [
        "/admin/",
        "/admin/auth/user/",
        "/admin/auth/user/1/change/",
        "/admin/auth/group/add/",
    ]:
        staff_page.goto(live_server.url + path)
        staff_page.wait_for_load_state("networkidle")
        assert violations() == [], path
    # The admin's own scripts still work: the "Choose all" of the permissions picker.
    staff_page.locator("#id_permissions_add_all").click()
    expect(staff_page.locator("#id_permissions_to option").first).to_be_attached()
    assert violations() == []
