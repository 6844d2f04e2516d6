import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_page_is_styled_accessible_and_fits_a_small_phone(
    live_server, page, make_article, assert_accessible
):
    make_article(title="Ice and heat")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Ice and heat")).to_be_visible()
    header_background = page.locator(".site-header").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert header_background == "rgb(0, 94, 184)", "the stylesheet did not load"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)


def test_skip_link_is_first_on_the_page_and_moves_focus_to_the_content(live_server, page, db):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_not_found_page_is_accessible(live_server, page, assert_accessible, db):
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(page)
