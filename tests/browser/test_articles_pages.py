import re

import pytest
from playwright.sync_api import expect

from articles.models import Section

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}


@pytest.fixture
def article(make_topic, make_article):
    """An article long enough that its last section starts well below the first screen."""
    article = make_article(
        topic=make_topic(name="Easing the pain"),
        title="Ice or heat",
        summary="Which one to use for a back spasm, and for how long.",
        sections=0,
    )
    paragraph = "Wrap an ice pack in a tea towel and hold it on the sore area. " * 12
    for number, heading in enumerate(["Using ice", "Using heat", "How long for"], start=1):
        Section.objects.create(
            article=article,
            order=number,
            heading=heading,
            slug=heading.lower().replace(" ", "-"),
            summary=f"About {heading.lower()}.",
            body=f"{paragraph}\n\n{paragraph}\n\n- one point\n- another point",
        )
    article.related.add(make_article(topic=article.topic, title="Moving while it hurts"))
    return article


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_article_page_is_accessible_and_fits_a_small_phone(
    live_server, page, article, assert_accessible
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + article.get_absolute_url())

    expect(page.get_by_role("heading", level=1, name="Ice or heat")).to_be_visible()
    expect(page.get_by_role("navigation", name="On this page")).to_be_visible()
    assert fits_the_screen(page)
    assert_accessible(page)


def test_contents_link_moves_to_its_section(live_server, page, article):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + article.get_absolute_url())
    section_heading = page.get_by_role("heading", level=2, name="How long for")
    expect(section_heading).not_to_be_in_viewport()

    page.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="How long for"
    ).click()

    expect(page).to_have_url(re.compile("#how-long-for$"))
    expect(section_heading).to_be_in_viewport()


def test_topic_page_is_accessible_and_fits_a_small_phone(
    live_server, page, article, assert_accessible
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + article.topic.get_absolute_url())

    expect(page.get_by_role("heading", level=1, name="Easing the pain")).to_be_visible()
    expect(page.get_by_role("link", name="Ice or heat")).to_be_visible()
    assert fits_the_screen(page)
    assert_accessible(page)


def test_searching_from_the_header_shows_accessible_results(
    live_server, page, article, assert_accessible
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")

    page.get_by_role("searchbox", name="Search this site").fill("tea towel")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_text("1 result for ‘tea towel’")).to_be_visible()
    result_link = page.get_by_role("link", name="Ice or heat")
    expect(result_link).to_be_visible()
    expect(page.locator("mark").first).to_have_text("tea")
    assert fits_the_screen(page)
    assert_accessible(page)

    result_link.click()
    expect(page.get_by_role("heading", level=1, name="Ice or heat")).to_be_visible()


@pytest.mark.parametrize("query", ["", "xylophone"])
def test_empty_and_unmatched_search_pages_are_accessible(
    live_server, page, article, assert_accessible, query
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/search/?q={query}")

    expect(
        page.get_by_role("searchbox", name="Search for information about back spasms")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Easing the pain")).to_be_visible()
    assert fits_the_screen(page)
    assert_accessible(page)


def test_printed_article_leaves_out_navigation_and_shows_source_addresses(
    live_server, page, article
):
    page.emulate_media(media="print")
    page.goto(live_server.url + article.get_absolute_url())

    expect(page.get_by_role("heading", level=1, name="Ice or heat")).to_be_visible()
    for hidden in (".site-header", ".site-footer", ".breadcrumbs", ".contents", ".related"):
        expect(page.locator(hidden)).to_be_hidden()
    source_link = page.locator(".sources a").first
    printed_after = source_link.evaluate("link => getComputedStyle(link, '::after').content")
    assert "https://www.nhs.uk/conditions/back-pain/" in printed_after
