"""A person in pain on a small phone: the call buttons, printing, the home page's first
screen, the slim form header, keeping the question in view, progress and link-buttons."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_triage_journeys import (
    EVERY_QUESTION,
    START,
    answer_by_mouse,
    continue_,
    pick,
)
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
        page,
        [
            ("emergency-signs", ["none"]),
            ("health", ["none"]),
            ("urgent-signs", ["upper-back", "weight-loss"]),
        ],
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


def test_question_pages_have_a_slim_header_without_search(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
):
    on_a_phone(page).goto(live_server.url + START)
    expect(page.locator(".site-header").get_by_role("searchbox")).to_be_visible()
    page.get_by_role("button", name="Start now").click()
    expect(page).to_have_url(re.compile("/questions/emergency-signs/$"))
    header = page.locator(".site-header")
    expect(header.get_by_role("searchbox")).to_have_count(0)
    assert header.bounding_box()["height"] <= 80
    expect(header.get_by_role("link", name="Back Spasm Guide")).to_be_visible()


def test_after_an_error_link_every_question_opens_with_its_heading_in_view(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
):
    on_a_phone(page).goto(live_server.url + START + "questions/emergency-signs/")
    continue_(page)
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    page.locator(".error-summary a").click()
    expect(page).to_have_url(re.compile("#answer-1$"))
    pick(page, ["none"])
    continue_(page)
    expect(page).to_have_url(re.compile("/questions/health/$"))
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    pick(page, ["none"])
    continue_(page)
    expect(page).to_have_url(re.compile("/questions/urgent-signs/$"))
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()


def test_each_question_says_where_the_person_is_without_promising_a_count(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
    assert_accessible,
):
    on_a_phone(page).goto(live_server.url + START + "questions/emergency-signs/")
    expect(page.get_by_text("Question 1", exact=True)).to_be_visible()
    bar = page.get_by_role("progressbar", name="How far you are through the questions")
    first = float(bar.get_attribute("value"))
    answer_by_mouse(page, [("emergency-signs", ["none"]), ("health", ["none"])])
    expect(page.get_by_text("Question 3", exact=True)).to_be_visible()
    assert float(bar.get_attribute("value")) > first
    expect(page.locator("main")).not_to_contain_text(re.compile(r"Question \d+ of"))
    assert_accessible(page)
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page.get_by_text("Question 2", exact=True)).to_be_visible()


def test_check_your_answers_has_a_back_link_and_results_name_each_article(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
):
    page.goto(live_server.url + START + "questions/emergency-signs/")
    answer_by_mouse(page, EVERY_QUESTION)
    expect(page.get_by_role("heading", level=1, name="Check your answers")).to_be_visible()
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page).to_have_url(re.compile("/questions/muscle-relaxants-for/$"))
    continue_(page)
    see_result = page.get_by_role("button", name="See your result")
    see_result.focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile("/result/$"))
    active = page.locator(
        ".recommendations__heading", has=page.get_by_role("link", name="Stay gently active")
    )
    expect(active).to_have_text(re.compile(r"^Moving and resting\s*:?\s*Stay gently active$"))


def test_space_starts_the_form_from_the_start_page(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
):
    page.goto(live_server.url + START)
    page.get_by_role("button", name="Start now").focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile("/questions/emergency-signs/$"))


def care_card_colours(card):
    return card.evaluate(
        """card => [card, card.querySelector('.care-card__heading')].map(
            element => getComputedStyle(element).backgroundColor).join(' / ')"""
    )


def test_each_level_has_its_own_care_card_style_everywhere_and_says_its_level(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
):
    page.goto(live_server.url + "/")
    site_wide = care_card_colours(page.locator("#emergency-signs"))
    expect(
        page.get_by_role("heading", name="Emergency: When to get help straight away")
    ).to_be_attached()
    emergency_result(page, live_server)
    emergency = care_card_colours(page.locator(".care-card"))
    expect(page.get_by_role("heading", name="Emergency: Call 999 now")).to_be_visible()
    page.context.clear_cookies()
    urgent_result(page, live_server)
    urgent = care_card_colours(page.locator(".care-card"))
    expect(page.get_by_role("heading", name="Urgent: Get medical help today")).to_be_visible()
    assert site_wide == emergency
    assert urgent != emergency


def test_on_this_page_keeps_each_dash_beside_its_link_on_a_phone(live_server, page, make_article):
    article = make_article(sections=1)
    article.sections.update(heading="What to do in the first few days of a back spasm")
    on_a_phone(page).goto(live_server.url + article.get_absolute_url())
    item = page.locator(".contents__list li").first
    link = item.get_by_role("link")
    assert abs(link.bounding_box()["y"] - item.bounding_box()["y"]) < 8


def test_the_search_page_has_a_description(live_server, page, db):
    page.goto(live_server.url + "/search/")
    description = page.locator('meta[name="description"]').get_attribute("content")
    assert "search" in description.lower()
