"""In a real browser, the Content-Security-Policy blocks nothing the site itself needs."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# What an attacker's injected markup would do; the policy must stop it running.
INJECT_AN_INLINE_SCRIPT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injected = true";
  document.body.append(script);
}"""


def test_public_pages_run_without_violations(live_server, page, violations, make_article):
    article = make_article(title="Ice and heat")
    for path in ["/", article.topic.get_absolute_url(), article.get_absolute_url(), "/nowhere/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert violations() == [], path


@pytest.fixture
def real_content(site_content):
    """The site's own articles and symptom form, as `make run` loads them."""
    call_command("loaddata", "questionnaire", verbosity=0)


def test_the_real_site_and_a_symptom_form_journey_run_without_violations(
    live_server, page, violations, real_content
):
    for path in ["/", "/articles/ice-and-heat/", "/search/?q=ice", "/check-your-symptoms/"]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert violations() == [], path

    page.get_by_role("button", name="Start now").click()
    while page.locator("main form[method=post] fieldset").count():
        none_of_these = page.get_by_label("None of these", exact=True)
        if none_of_these.count():
            none_of_these.check()
        else:
            page.locator("main fieldset input").first.check()
        page.get_by_role("button", name="Continue").click()
        assert violations() == [], page.url
    page.get_by_role("button", name="See your result").click()
    expect(page).to_have_url(live_server.url + "/check-your-symptoms/result/")
    page.wait_for_load_state("networkidle")
    assert violations() == []


def test_the_listener_reports_what_the_policy_blocks(live_server, page, violations, db):
    page.goto(live_server.url + "/")
    page.evaluate(INJECT_AN_INLINE_SCRIPT)
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


def test_the_article_editor_runs_without_violations(
    live_server, staff_page, violations, make_article
):
    article = make_article(sections=1, title="Heat for a back spasm")
    change_page = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    staff_page.goto(change_page)
    preview = staff_page.locator("#sections-0 .markdownx-preview")
    expect(preview).to_contain_text("Paragraph of section 1")

    staff_page.locator("#id_sections-0-body").fill("Use a **warm** pack for 20 minutes.")
    expect(preview.locator("strong")).to_have_text("warm")
    staff_page.get_by_role("button", name="Add another Section").click()
    new_row = staff_page.locator("#sections-1")
    new_row.get_by_label("Heading").fill("Warm baths")
    new_row.get_by_label("Summary").fill("A warm bath can loosen the muscles.")
    new_row.get_by_label("Body").fill("Keep the water *warm*, not hot.")
    expect(new_row.locator(".markdownx-preview em")).to_have_text("warm")
    staff_page.get_by_role("button", name="Save and continue editing").click()
    expect(staff_page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert violations() == []

    articles = f"{live_server.url}/admin/articles/article/"
    for address in [
        f"{articles}{article.pk}/history/",
        articles,
        f"{articles}review-due/",
        f"{articles}add/",
    ]:
        staff_page.goto(address)
        staff_page.wait_for_load_state("networkidle")
        assert violations() == [], address


def test_the_symptom_form_admin_runs_without_violations(
    live_server, staff_page, violations, real_content
):
    from triage.models import Question

    question = Question.objects.order_by("order").first()
    question.save()  # so its history page has a change to list
    questions = f"{live_server.url}/admin/triage/question/"
    for address in [
        questions,
        f"{questions}{question.pk}/change/",
        f"{questions}{question.pk}/history/",
    ]:
        staff_page.goto(address)
        staff_page.wait_for_load_state("networkidle")
        assert violations() == [], address


def test_the_browser_reports_what_the_policy_blocked_to_the_site_log(
    live_server, page, db, log_lines
):
    page.goto(live_server.url + "/search/?q=numb")
    page.evaluate(INJECT_AN_INLINE_SCRIPT)

    def reports():
        return [line for line in log_lines() if line["logger"] == "site_config.csp"]

    for _ in range(50):  # the browser sends its report in the background
        if reports():
            break
        page.wait_for_timeout(100)
    assert reports(), "no report reached the log"
    assert "blocked script-src-elem from inline on /search/" in reports()[0]["message"]
    assert "numb" not in log_lines.text()
