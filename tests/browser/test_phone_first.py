"""A person in pain on a small phone: the call buttons, printing, the home page's first
screen, the slim form header, keeping the question in view, progress and link-buttons."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_triage_journeys import START, answer_by_mouse, continue_, pick
from tests.triage.conftest import article_sections, default_questionnaire  # noqa: F401

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
TAP_TARGET = 44


def on_a_phone(page):
    page.set_viewport_size(PHONE)
    return page


def assert_full_width_tap_target(button):
    box = button.bounding_box()
    container = button.evaluate_handle("element => element.parentElement").bounding_box()
    assert box["height"] >= TAP_TARGET, box
    assert box["width"] >= TAP_TARGET, box
    assert box["width"] >= container["width"] - 48, (box, container)


def emergency_result(page, live_server):
    page.goto(live_server.url + START + "questions/emergency-signs/")
    pick(page, ["bladder-or-bowel"])
    continue_(page)
    expect(page).to_have_url(re.compile("/result/$"))


def urgent_result(page, live_server):
    page.goto(live_server.url + START + "questions/emergency-signs/")
    answer_by_mouse(
        page, [("emergency-signs", ["none"]), ("urgent-signs", ["upper-back", "weight-loss"])]
    )
    expect(page).to_have_url(re.compile("/result/$"))


def test_the_emergency_result_has_a_full_width_call_button(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
    assert_accessible,
):
    emergency_result(on_a_phone(page), live_server)
    card = page.locator(".care-card--emergency")
    call = card.get_by_role("link", name="Call 999", exact=True)
    expect(call).to_have_attribute("href", "tel:999")
    assert_full_width_tap_target(call)
    assert_accessible(page)


def test_the_urgent_result_has_a_button_for_the_urgent_route(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
):
    urgent_result(on_a_phone(page), live_server)
    call = page.locator(".care-card--urgent").get_by_role("link", name="Call NHS 111")
    expect(call).to_have_attribute("href", "tel:111")
    assert_full_width_tap_target(call)
    # The urgent result is not an emergency: its button does not call an ambulance.
    expect(page.locator(".care-card--urgent .call-button[href='tel:999']")).to_have_count(0)


@pytest.mark.parametrize("path", ["/", START, "/articles/when-to-get-help/"])
def test_every_emergency_notice_has_a_call_button(
    live_server,
    page,
    path,
    default_questionnaire,  # noqa: F811
):
    on_a_phone(page).goto(live_server.url + path)
    call = page.locator(".call-button[href='tel:999']").first
    expect(call).to_have_text("Call 999")
    call.scroll_into_view_if_needed()
    assert_full_width_tap_target(call)


def test_printing_the_emergency_result_keeps_the_number_in_black_on_white(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
):
    emergency_result(on_a_phone(page), live_server)
    page.emulate_media(media="print")
    card = page.locator(".care-card--emergency")
    expect(card.get_by_role("heading", name="Call 999 now")).to_be_visible()
    for link in [card.get_by_role("link", name="999", exact=True), card.locator(".call-button")]:
        expect(link).to_be_visible()
        assert link.evaluate("element => getComputedStyle(element).color") == "rgb(0, 0, 0)"
    colours = card.evaluate(
        "element => [getComputedStyle(element).color, getComputedStyle(element).backgroundColor]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    # The site's name and the page's address head the printout.
    masthead = page.locator(".print-masthead")
    expect(masthead).to_be_visible()
    expect(masthead).to_contain_text("Back Spasm Guide")
    expect(masthead).to_contain_text(live_server.url + START + "result/")


def in_first_screen(locator):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_the_home_page_first_screen_shows_the_site_the_emergency_signs_and_the_form(
    live_server, page, make_article, assert_accessible
):
    make_article(title="Ice and heat")
    on_a_phone(page).goto(live_server.url + "/")
    heading = page.get_by_role("heading", level=1)
    emergency_signs = page.get_by_role("link", name="Emergency signs: when to call 999")
    start = page.get_by_role("link", name="Check your symptoms", exact=True)
    for first_screen in [heading, page.locator(".lede"), emergency_signs, start]:
        assert in_first_screen(first_screen), first_screen
    assert not in_first_screen(page.get_by_role("link", name="Ice and heat"))
    assert_accessible(page)
    emergency_signs.click()
    signs = page.locator("#emergency-signs")
    expect(signs.get_by_role("heading", name="When to get help straight away")).to_be_in_viewport()
    expect(signs.get_by_role("link", name="Call 999")).to_be_visible()
