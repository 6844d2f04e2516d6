"""Two people editing the same article: the second save is refused, and loses nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article

pytestmark = pytest.mark.django_db
DRAFT = Article.Status.DRAFT


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def two_editors(make_staff):
    first, second = Client(), Client()
    first.force_login(make_staff("amara", group="Editors"))
    second.force_login(make_staff("bilal", group="Editors"))
    return first, second


def test_the_second_of_two_conflicting_saves_is_refused(
    two_editors, make_article, article_form_data, section_row
):
    first_editor, second_editor = two_editors
    article = make_article(sections=1, summary="The original summary.", status=DRAFT)
    section = article.sections.get()
    # Both open the change form on the same version.
    first_data = article_form_data(article, summary="Amara's summary.")
    second_data = article_form_data(
        article,
        summary="Bilal's summary.",
        sections=[section_row(section, body="Bilal's careful new paragraph.")],
    )

    first_save = first_editor.post(change_url(article), first_data)
    second_save = second_editor.post(change_url(article), second_data)

    assert first_save.status_code == 302
    assert second_save.status_code == 200
    html = second_save.content.decode()
    assert "amara changed this article at" in html
    assert "Your changes have not been saved" in html
    # The second person's text is still in the form.
    assert "Bilal&#x27;s summary." in html
    assert "Bilal&#x27;s careful new paragraph." in html
    # Nothing was overwritten.
    article.refresh_from_db()
    section.refresh_from_db()
    assert article.summary == "Amara's summary."
    assert section.body == "Paragraph of section 1 with *emphasis*."


def test_saving_again_after_the_warning_keeps_the_second_persons_text(
    two_editors, make_article, article_form_data
):
    first_editor, second_editor = two_editors
    article = make_article(status=DRAFT)
    first_data = article_form_data(article, summary="Amara's summary.")
    second_data = article_form_data(article, summary="Bilal's summary.")
    first_editor.post(change_url(article), first_data)

    refused = second_editor.post(change_url(article), second_data)
    # The browser sends back the form as shown after the warning.
    form = refused.context["adminform"].form
    second_data["loaded_version"] = form["loaded_version"].value()
    saved = second_editor.post(change_url(article), second_data)

    assert saved.status_code == 302
    article.refresh_from_db()
    assert article.summary == "Bilal's summary."


def test_saves_one_after_the_other_do_not_conflict(editor_client, make_article, article_form_data):
    article = make_article(status=DRAFT)

    editor_client.post(change_url(article), article_form_data(article, summary="First."))
    article.refresh_from_db()
    second = editor_client.post(change_url(article), article_form_data(article, summary="Second."))

    assert second.status_code == 302
    article.refresh_from_db()
    assert article.summary == "Second."


def test_a_form_without_its_version_is_refused(editor_client, make_article, article_form_data):
    article = make_article(summary="Kept.", status=DRAFT)
    data = article_form_data(article, summary="Sent without a version.")
    del data["loaded_version"]

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.summary == "Kept."
