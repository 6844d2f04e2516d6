import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@override_settings(AXES_ENABLED=True)
def test_an_editor_locked_out_sees_a_clear_accessible_page(
    live_server, page, assert_accessible, db
):
    User.objects.create_user("editor", password="the right password", is_staff=True)
    page.goto(live_server.url + "/admin/login/")
    for attempt in range(1, 6):
        page.get_by_label("Username").fill("editor")
        page.get_by_label("Password").fill("a wrong password")
        page.get_by_role("button", name="Log in").click()
        if attempt < 5:
            expect(
                page.get_by_text("Please enter the correct username and password")
            ).to_be_visible()

    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts to sign in")
    expect(page.get_by_text("paused for 15 minutes")).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
