"""Script an editor puts into an article, by mistake or on purpose, never runs for a reader."""

import pytest
from playwright.sync_api import expect

from articles.models import Section

pytestmark = pytest.mark.browser

# Each payload tries to set a global named xss... and to open a dialog.
MARKDOWN_PAYLOADS = [
    "<script>window.xssScript = 1; alert('script')</script>",
    '<img src="x" onerror="window.xssImage = 1; alert(\'image\')">',
    "[Tap for advice](javascript:window.xssLink=1;alert('link'))",
    "<a href=\"javascript:window.xssRawLink=1;alert('raw')\">Raw link</a>",
    "[Encoded link](jav&#x61;script:window.xssEncoded=1;alert('encoded'))",
    "[Data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![A picture](x\" onerror=\"window.xssAlt=1;alert('alt'))",
    '<svg onload="window.xssSvg = 1"><circle r="4"></circle></svg>',
    '<iframe src="javascript:parent.xssFrame=1"></iframe>',
    '<details open ontoggle="window.xssToggle = 1">Details</details>',
    '<p style="background:url(javascript:alert(1))">Styled</p>',
    "<form action='/'><button formaction='javascript:alert(1)'>Send</button></form>",
]
TEXT_PAYLOAD = '<script>window.xssText = 1</script><img src=x onerror="window.xssText = 1">'


@pytest.fixture
def poisoned_article(make_article):
    article = make_article(
        title=f"Ice packs {TEXT_PAYLOAD}", summary=f"Cold helps {TEXT_PAYLOAD}", sections=0
    )
    for number, payload in enumerate(MARKDOWN_PAYLOADS, start=1):
        Section.objects.create(
            article=article,
            order=number,
            heading=f"Part {number} {TEXT_PAYLOAD}",
            slug=f"part-{number}",
            summary="A part.",
            body=f"Some advice.\n\n{payload}\n\nMore advice.",
        )
    return article


def test_payloads_in_an_article_do_not_run_on_the_public_page(
    live_server, page, poisoned_article, violations
):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(live_server.url + poisoned_article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    main = page.locator("main")
    for link in main.locator("a").all():
        if link.get_attribute("href", timeout=1000) and link.is_visible():
            link.click(modifiers=["Alt"], no_wait_after=True)  # Alt: stay on the page

    assert dialogs == []
    assert page.evaluate("Object.keys(window).filter(name => name.startsWith('xss'))") == []
    dangerous = main.evaluate(
        """main => [...main.querySelectorAll('*')].flatMap(element => [
             ...(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(element.tagName)
                 ? [element.tagName] : []),
             ...[...element.attributes]
               .filter(a => a.name.startsWith('on') || a.name === 'style'
                            || /^\\s*(javascript|data|vbscript):/i.test(a.value))
               .map(a => `${element.tagName} ${a.name}=${a.value}`),
           ])"""
    )
    assert dangerous == []
    assert violations() == [], "the sanitiser, not only the policy, should have removed them"


def test_payloads_typed_into_the_editor_run_neither_in_the_preview_nor_on_the_site(
    live_server, staff_page, make_article, violations
):
    dialogs = []
    staff_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    article = make_article(sections=1, title="Stretching")
    staff_page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    staff_page.locator("#id_sections-0-body").fill(
        "\n\n".join(["Stretch gently.", *MARKDOWN_PAYLOADS])
    )
    preview = staff_page.locator("#sections-0 .markdownx-preview")
    expect(preview).to_contain_text("Stretch gently.")
    expect(preview.locator("script, iframe, [onerror], [onload]")).to_have_count(0)
    staff_page.get_by_role("button", name="Save", exact=True).click()
    expect(staff_page.locator(".messagelist")).to_contain_text("was changed successfully")

    staff_page.goto(live_server.url + article.get_absolute_url())
    staff_page.wait_for_load_state("networkidle")
    expect(staff_page.get_by_text("Stretch gently.")).to_be_visible()
    assert dialogs == []
    assert staff_page.evaluate("Object.keys(window).filter(name => name.startsWith('xss'))") == []
    assert violations() == []
