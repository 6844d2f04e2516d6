"""The symptom form in a real browser: keyboard only, without JavaScript, and axe-clean."""

import re

import pytest
from playwright.sync_api import expect

from tests.triage.conftest import article_sections, default_questionnaire  # noqa: F401

pytestmark = pytest.mark.browser

START = "/check-your-symptoms/"

# Visits every question, including the three follow-up questions.
EVERY_QUESTION = [
    ("emergency-signs", ["none"]),
    ("health", ["pregnant"]),
    ("urgent-signs", ["none"]),
    ("age", ["16-to-49"]),
    ("pregnancy-signs", ["none"]),
    ("when-started", ["2-to-6-weeks"]),
    ("getting-better", ["yes"]),
    ("trigger", ["not-sure"]),
    ("leg", ["none"]),
    ("everyday-life", ["none"]),
    ("spasms-before", ["once-or-twice"]),
    ("tried", ["heat", "muscle-relaxants"]),
    ("muscle-relaxants-for", ["under-2-weeks"]),
]


def pick(page, values):
    for value in values:
        page.locator(
            f'label[for="{page.locator(f"input[value={value!r}]").get_attribute("id")}"]'
        ).click()


def continue_(page):
    page.get_by_role("button", name="Continue").click()


def answer_by_mouse(page, answers, check=None):
    for slug, values in answers:
        # expect() waits for the previous Continue to finish navigating; page.url would not.
        expect(page).to_have_url(re.compile(f"/questions/{slug}/(\\?change=1)?$"))
        if check:
            check(page)
        pick(page, values)
        continue_(page)


def tab_until(page, selector, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with the Tab key")


def answer_by_keyboard(page, values):
    for value in values:
        if page.locator(f'input[value="{value}"]').get_attribute("type") == "checkbox":
            tab_until(page, f'input[value="{value}"]')
            page.keyboard.press("Space")
        else:
            tab_until(page, "input[type=radio]")
            for _ in range(10):
                if page.evaluate("() => document.activeElement.value") == value:
                    break
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
        expect(page.locator(f'input[value="{value}"]')).to_be_checked()
    tab_until(page, "button[type=submit]")
    page.keyboard.press("Enter")


def test_a_self_care_journey_by_keyboard_only(live_server, page, default_questionnaire):  # noqa: F811
    page.goto(live_server.url + START)
    tab_until(page, "a.button--start")
    page.keyboard.press("Enter")
    for slug, values in EVERY_QUESTION:
        expect(page).to_have_url(re.compile(f"/questions/{slug}/$"))
        answer_by_keyboard(page, values)
    expect(page.get_by_role("heading", level=1, name="Check your answers")).to_be_visible()
    tab_until(page, "a.button")
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", name="You can look after your back yourself")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Stay gently active")).to_have_attribute(
        "href", "/articles/moving-and-resting/#stay-gently-active"
    )
    expect(page.get_by_text("contact your midwife or maternity unit")).to_be_visible()
    expect(page.get_by_role("link", name="Heat")).to_have_count(0)  # not in pregnancy


def test_an_emergency_journey_ends_after_the_first_question(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
    assert_accessible,
):
    page.goto(live_server.url + START)
    page.get_by_role("button", name="Start now").click()
    pick(page, ["bladder-or-bowel"])
    continue_(page)
    expect(page).to_have_url(re.compile("/check-your-symptoms/result/$"))
    expect(page.get_by_role("heading", name="Call 999 now")).to_be_visible()
    expect(
        page.get_by_text("you have new problems peeing or controlling your bladder or bowels")
    ).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + START + "questions/urgent-signs/")
    expect(page).to_have_url(re.compile("/check-your-symptoms/result/$"))


def test_the_whole_form_works_without_javascript(
    live_server,
    browser,
    default_questionnaire,  # noqa: F811
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + START)
    page.get_by_role("button", name="Start now").click()
    continue_(page)
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    # Focus moves to the summary without any script, so screen readers start there.
    expect(page.locator(".error-summary")).to_be_focused()
    pick(page, ["none", "chest-pain"])  # a sign always wins over "None of these"
    continue_(page)
    expect(page.get_by_role("heading", name="Call 999 now")).to_be_visible()
    expect(page.get_by_text("To be safe, we went by the sign you selected.")).to_be_visible()
    page.get_by_role("link", name="Check or change your answers").click()
    page.get_by_role(
        "link", name=re.compile("Change your answer to: Do you have any of these with")
    ).click()
    pick(page, ["chest-pain"])  # untick the sign, keep "None of these"
    continue_(page)
    answer_by_mouse(page, EVERY_QUESTION[1:])
    expect(page.get_by_role("heading", level=1, name="Check your answers")).to_be_visible()
    page.go_back()
    expect(page.locator('input[value="under-2-weeks"]')).to_be_checked()
    page.go_forward()
    page.get_by_role("button", name="See your result").click()
    expect(
        page.get_by_role("heading", name="You can look after your back yourself")
    ).to_be_visible()
    page.get_by_role("button", name="Start again").click()
    expect(
        page.get_by_role("heading", level=1, name="Check your back pain symptoms")
    ).to_be_visible()
    context.close()


@pytest.mark.parametrize(
    ("last_answer", "heading"),
    [
        (("muscle-relaxants-for", ["under-2-weeks"]), "You can look after your back yourself"),
        (("muscle-relaxants-for", ["2-weeks-or-more"]), "Book an appointment with a doctor"),
    ],
)
def test_every_page_of_the_form_is_accessible(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
    assert_accessible,
    last_answer,
    heading,
):
    page.goto(live_server.url + START)
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    continue_(page)
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    answer_by_mouse(page, [*EVERY_QUESTION[:-1], last_answer], check=assert_accessible)
    assert_accessible(page)  # check your answers
    page.get_by_role("button", name="See your result").click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert_accessible(page)


def test_the_urgent_result_is_accessible_and_prints_without_buttons(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
    assert_accessible,
):
    page.goto(live_server.url + START + "questions/emergency-signs/")
    answer_by_mouse(
        page,
        [
            ("emergency-signs", ["none"]),
            ("health", ["none"]),
            ("urgent-signs", ["upper-back", "weight-loss"]),
        ],
    )
    expect(page.get_by_role("heading", name="Get medical help today")).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="Get medical help today")).to_be_visible()
    expect(page.get_by_text("Your answers were not stored.")).to_be_visible()
    expect(page.get_by_role("button", name="Start again")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()


def test_the_pages_for_under_16s_and_pregnancy_are_accessible(
    live_server,
    page,
    default_questionnaire,  # noqa: F811
    assert_accessible,
):
    page.goto(live_server.url + START + "questions/emergency-signs/")
    answer_by_mouse(page, [("emergency-signs", ["none"])], check=assert_accessible)
    answer_by_mouse(page, [("health", ["none"]), ("urgent-signs", ["none"])])
    assert_accessible(page)  # the age question
    answer_by_mouse(page, [("age", ["under-16"])])
    expect(page.get_by_role("heading", name="See a GP or a pharmacist")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start again").click()
    page.get_by_role("button", name="Start now").click()
    answer_by_mouse(
        page,
        [
            ("emergency-signs", ["none"]),
            ("health", ["pregnant"]),
            ("urgent-signs", ["none"]),
            ("age", ["16-to-49"]),
        ],
    )
    assert_accessible(page)  # the maternity warning signs
    answer_by_mouse(page, [("pregnancy-signs", ["tightening"])])
    expect(page.get_by_role("heading", name="Get medical help today")).to_be_visible()
    expect(page.locator(".reasons")).to_contain_text("contact your midwife or maternity unit now")
    assert_accessible(page)
