"""An editor changes a draft in the admin, watches the live preview, and sees it on its page."""

import base64
import io
import re
from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission, User
from PIL import Image
from playwright.sync_api import expect

from articles.models import Article

pytestmark = pytest.mark.browser

PASSWORD = "a long test password"


def editors_group():
    # The live server's database is emptied between tests, taking the groups the data
    # migration made with it; make the Editors group again from the migration's own list.
    roles = import_module("articles.migrations.0003_editor_and_publisher_groups")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="articles", codename__in=roles.EDITOR_CODENAMES
        )
    )
    return group


@pytest.fixture
def signed_in_editor(live_server, page):
    user = User.objects.create_user("edna", password=PASSWORD, is_staff=True)
    user.groups.add(editors_group())
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("edna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))
    ).to_be_visible()
    return user


def open_change_form(page, live_server, article):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.get_by_role("heading", name="Change article")).to_be_visible()


def test_an_editor_edits_a_section_sees_the_preview_and_then_the_page(
    live_server, page, signed_in_editor, make_article
):
    article = make_article(
        sections=1, title="Moving with a back spasm", status=Article.Status.DRAFT
    )
    open_change_form(page, live_server, article)
    body = page.locator("#id_sections-0-body")
    preview = page.locator("#sections-0 .markdownx-preview")
    expect(preview).to_contain_text("Paragraph of section 1")

    body.fill("Walk for **five minutes** every hour.")

    expect(preview.locator("strong")).to_have_text("five minutes")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{live_server.url}/articles/{article.slug}/")
    expect(page.get_by_text("This is a draft. It is not visible to the public.")).to_be_visible()
    expect(page.locator("#section-1 strong")).to_have_text("five minutes")


def test_the_editor_starts_in_a_section_added_with_add_another(
    live_server, page, signed_in_editor, make_article
):
    article = make_article(
        sections=1, title="Sleeping with a back spasm", status=Article.Status.DRAFT
    )
    open_change_form(page, live_server, article)

    page.get_by_role("button", name="Add another Section").click()
    new_row = page.locator("#sections-1")
    new_row.get_by_label("Heading").fill("Pillows")
    new_row.get_by_label("Summary").fill("A pillow between the knees can help.")
    # The anchor is suggested from the heading of a new section.
    expect(new_row.get_by_label("Slug")).to_have_value("pillows")
    new_row.get_by_label("Body").fill("Put a pillow *between your knees*.")

    expect(new_row.locator(".markdownx-preview em")).to_have_text("between your knees")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{live_server.url}/articles/{article.slug}/")
    expect(page.get_by_role("heading", name="Pillows")).to_be_visible()
    expect(page.locator("#pillows em")).to_have_text("between your knees")


DROP_FILE = """([selector, name, type, base64]) => {
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, {type}));
    document.querySelector(selector).dispatchEvent(
        new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true})
    );
}"""


def drop_file(page, selector, name, content_type, content):
    page.evaluate(DROP_FILE, [selector, name, content_type, base64.b64encode(content).decode()])


def test_an_image_dropped_on_a_section_is_uploaded_and_a_fake_one_is_explained(
    live_server, page, signed_in_editor, make_article, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    article = make_article(sections=1, status=Article.Status.DRAFT)
    open_change_form(page, live_server, article)
    body = page.locator("#id_sections-0-body")
    picture = io.BytesIO()
    Image.new("RGB", (20, 10), "navy").save(picture, "PNG")

    drop_file(page, "#id_sections-0-body", "page.png", "image/png", b"<html><script>1</script>")

    expect(page.locator("#sections-0 .markdownx-upload-error")).to_contain_text(
        "cannot be uploaded"
    )
    expect(body).not_to_have_value(re.compile("Invalid response"))

    drop_file(page, "#id_sections-0-body", "diagram.png", "image/png", picture.getvalue())

    stored_image = re.compile(r"!\[Describe the image\]\(/media/markdownx/\w{32}\.png\)")
    expect(body).to_have_value(stored_image)
    expect(page.locator("#sections-0 .markdownx-upload-error")).to_have_count(0)
    assert len(list((tmp_path / "markdownx").iterdir())) == 1
