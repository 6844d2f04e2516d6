"""My back plan in a real browser: one tap from the result, axe-clean at 320 px, and printed
on at most two A4 pages."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from triage import answers

pytestmark = pytest.mark.browser

PLAN = "/check-your-symptoms/your-plan/"
RESULT = "/check-your-symptoms/result/"
# Screenshots for people to look at; kept out of the repository.
SHOTS = os.environ.get("BACK_PLAN_SHOTS")

SELF_CARE_NEW_PAIN = {
    "emergency-signs": ["none"],
    "health": ["none"],
    "urgent-signs": ["none"],
    "age": ["16-to-49"],
    "when-started": ["last-3-days"],
    "trigger": ["lifting", "sport-or-exercise", "heavy-sweating", "sitting-or-driving"],
    "leg": ["none"],
    "everyday-life": ["none"],
    "spasms-before": ["once-or-twice"],
    "tried": ["ice", "heat", "creams", "painkillers", "stretching", "massage"],
}
# The longest plan the form can lead to: every follow-up question and a level of "soon".
SOON_EVERY_QUESTION = {
    **SELF_CARE_NEW_PAIN,
    "age": ["50-to-64"],
    "when-started": ["2-to-6-weeks"],
    "getting-better": ["no"],
    "trigger": ["not-sure"],
    "leg": ["below-knee", "numbness-or-weakness"],
    "everyday-life": ["a-lot", "worried"],
    "spasms-before": ["keep-coming-back"],
    "tried": ["ice", "heat", "creams", "painkillers", "muscle-relaxants", "stretching", "massage"],
    "muscle-relaxants-for": ["2-weeks-or-more"],
}
# The result's notes for pregnant people add to the plan's length.
PREGNANT = {**SELF_CARE_NEW_PAIN, "health": ["pregnant"], "pregnancy-signs": ["none"]}
URGENT = {"emergency-signs": ["none"], "health": ["none"], "urgent-signs": ["high-temperature"]}


@pytest.fixture
def real_form(site_content):
    """The site's own articles and symptom form, so the plan is as long as it really gets."""
    call_command("loaddata", "questionnaire", verbosity=0)


def open_plan(page, live_server, given):
    page.context.add_cookies(
        [
            {
                "name": answers.COOKIE_NAME,
                "value": answers.encode(given),
                "url": live_server.url + "/check-your-symptoms/",
            }
        ]
    )
    page.goto(live_server.url + PLAN)
    expect(page.get_by_role("heading", level=1, name="My back plan")).to_be_visible()


def printed_pages(page):
    """How many A4 pages Chromium prints, from the page count in its PDF's page tree."""
    pdf = page.pdf(format="A4")
    counts = [int(count) for count in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    leaves = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert counts and max(counts) == leaves, "could not read the PDF's page count"
    return leaves


def shoot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=True)


def test_the_plan_is_one_tap_from_the_result(live_server, page, real_form):
    open_plan(page, live_server, SELF_CARE_NEW_PAIN)
    page.goto(live_server.url + RESULT)
    page.get_by_role("link", name="Make my back plan").click()
    expect(page).to_have_url(live_server.url + PLAN)
    expect(page.get_by_role("heading", name=re.compile("^Your check date: "))).to_be_visible()


@pytest.mark.parametrize(
    ("name", "given"),
    [
        ("self-care", SELF_CARE_NEW_PAIN),
        ("soon", SOON_EVERY_QUESTION),
        ("urgent", URGENT),
        ("pregnant", PREGNANT),
    ],
)
def test_the_plan_is_accessible_at_320_px_and_prints_on_two_a4_pages_at_most(
    live_server, page, real_form, assert_accessible, violations, name, given
):
    page.set_viewport_size({"width": 320, "height": 800})
    open_plan(page, live_server, given)
    assert_accessible(page)
    # Nothing wider than the screen: no sideways scrolling at 320 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert violations() == []
    page.set_viewport_size({"width": 375, "height": 800})
    shoot(page, f"plan-{name}-375px.png")

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Start again")).to_be_hidden()
    expect(page.get_by_role("link", name=re.compile("Add a reminder"))).to_be_hidden()
    expect(page.get_by_text("For a doctor or physio")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Made on \d+ \w+ \d{4}\."))).to_be_visible()
    # A4 at 96 px to the inch, less the page margins.
    page.set_viewport_size({"width": 687, "height": 1000})
    shoot(page, f"plan-{name}-printed.png")
    assert printed_pages(page) <= 2


def test_the_printed_plan_is_black_and_white(live_server, page, real_form):
    open_plan(page, live_server, SOON_EVERY_QUESTION)
    page.emulate_media(media="print")
    colours = page.evaluate(
        """() => {
          const seen = new Set();
          for (const element of document.querySelectorAll("main *")) {
            if (!element.checkVisibility()) continue;
            const style = getComputedStyle(element);
            for (const colour of [style.color, style.backgroundColor, style.borderLeftColor]) {
              seen.add(colour);
            }
          }
          return [...seen];
        }"""
    )
    grey = re.compile(r"rgba?\((\d+), \1, \1(, [\d.]+)?\)")
    assert [colour for colour in colours if not grey.fullmatch(colour)] == []
