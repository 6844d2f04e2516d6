import pytest
from tests.triage.test_views import SELF_CARE_ANSWERS
from tests.triage.conftest import article_sections, default_questionnaire, unpublish  # noqa

pytestmark = pytest.mark.browser


def go(page, base, answers):
    for slug, values in answers:
        page.goto(f"{base}/check-your-symptoms/questions/{slug}/")
        for v in values:
            page.locator(f'input[value="{v}"]').check(force=True)
        page.get_by_role("button", name="Continue").click()


@pytest.mark.parametrize("width", [375, 1280])
def test_shots(live_server, page, default_questionnaire, width):
    base = live_server.url
    page.set_viewport_size({"width": width, "height": 900})

    def shot(name):
        page.screenshot(path=f"/tmp/triage-shots/{name}-{width}.png", full_page=True)

    page.goto(base + "/check-your-symptoms/")
    shot("start")
    page.goto(base + "/check-your-symptoms/questions/emergency-signs/")
    shot("question")
    page.get_by_role("button", name="Continue").click()
    shot("error")
    go(page, base, SELF_CARE_ANSWERS)
    shot("check")
    page.goto(base + "/check-your-symptoms/result/")
    shot("result-self-care")
    page.goto(base + "/check-your-symptoms/questions/coping/?change=1")
    page.locator('input[value="yes"]').check(force=True)
    page.get_by_role("button", name="Continue").click()
    page.goto(base + "/check-your-symptoms/result/")
    shot("result-soon")
    page.goto(base + "/check-your-symptoms/questions/urgent-signs/?change=1")
    page.locator('input[value="none"]').uncheck(force=True)
    page.locator('input[value="weight-loss"]').check(force=True)
    page.get_by_role("button", name="Continue").click()
    shot("result-urgent")
    page.goto(base + "/check-your-symptoms/questions/emergency-signs/")
    page.locator('input[value="none"]').uncheck(force=True)
    page.locator('input[value="both-legs"]').check(force=True)
    page.get_by_role("button", name="Continue").click()
    shot("result-emergency")
