"""The article history: who changed what and when, and restoring an earlier version."""

import pytest
from django.urls import reverse

from articles.models import Article
from triage.models import Choice, Question, Recommendation

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def restore_url(article, version):
    return reverse("admin:articles_article_restore", args=[article.pk, version.history_id])


@pytest.fixture
def edited_twice(editor_client, make_article, article_form_data, section_row):
    """An article saved in the admin three times: as created, then edited twice.

    The second edit deletes a section and rewords another; returns the article and its
    version after the first save.
    """
    article = make_article(sections=3, title="Back spasm basics", status=Article.Status.DRAFT)
    first, second, third = article.sections.all()
    editor_client.post(change_url(article), article_form_data(article))
    article.refresh_from_db()
    saved_version = article.history.first()

    editor_client.post(
        change_url(article),
        article_form_data(
            article,
            title="Back spasms explained",
            sections=[
                section_row(first, body="Rewritten advice."),
                section_row(second),
                section_row(third),
            ],
        ),
    )
    article.refresh_from_db()
    editor_client.post(
        change_url(article),
        article_form_data(
            article,
            sections=[
                section_row(first, body="Rewritten advice."),
                section_row(second, heading="Reworded heading"),
                section_row(third, DELETE=True),
            ],
        ),
    )
    article.refresh_from_db()
    return article, saved_version


def test_every_save_is_recorded_with_who_made_it(edited_twice, editor):
    article, _ = edited_twice

    records = list(article.history.all())

    assert len(records) == 4  # created by the factory, then three saves in the admin
    assert all(record.history_user == editor for record in records[:3])
    assert article.sections.first().history.first().history_user == editor


def test_the_history_page_shows_what_changed(editor_client, edited_twice):
    article, _ = edited_twice

    response = editor_client.get(history_url(article))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>spasm basics</del><ins>spasms explained</ins>" in html
    assert "Section removed: Section 3" in html
    assert "Section changed: Reworded heading" in html
    assert "<ins>Rewritten advice.</ins>" in html
    assert "edna" in html


def test_restoring_brings_back_the_article_and_its_sections(editor_client, editor, edited_twice):
    article, saved_version = edited_twice

    confirm = editor_client.get(restore_url(article, saved_version))
    response = editor_client.post(restore_url(article, saved_version), follow=True)

    assert confirm.status_code == 200
    assert "Section 3" in confirm.content.decode()
    article.refresh_from_db()
    assert article.title == "Back spasm basics"
    sections = list(article.sections.all())
    assert [s.heading for s in sections] == ["Section 1", "Section 2", "Section 3"]
    assert sections[0].body == "Paragraph of section 1 with *emphasis*."
    assert sections[0].body_html == "<p>Paragraph of section 1 with <em>emphasis</em>.</p>"
    assert "is back to the version saved" in " ".join(
        str(message) for message in response.context["messages"]
    )


def test_a_restore_is_itself_recorded_and_can_be_undone(editor_client, editor, edited_twice):
    article, saved_version = edited_twice
    latest_before_restore = article.history.first()

    editor_client.post(restore_url(article, saved_version))
    restore_record = article.history.first()

    assert restore_record.history_user == editor
    assert restore_record.history_change_reason.startswith("Restored the version of")
    assert article.sections.get(slug="section-3").history.first().history_user == editor

    editor_client.post(restore_url(article, latest_before_restore))
    article.refresh_from_db()
    assert article.title == "Back spasms explained"
    assert [s.heading for s in article.sections.all()] == ["Section 1", "Reworded heading"]


def test_restoring_never_changes_whether_an_article_is_published(
    publisher_client, make_article, article_form_data
):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    draft_version = article.history.first()
    publisher_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )

    publisher_client.post(restore_url(article, draft_version))

    article.refresh_from_db()
    assert article.is_published


def test_people_who_cannot_change_articles_cannot_restore(client, make_staff, edited_twice):
    article, saved_version = edited_twice
    client.force_login(make_staff("viewer"))

    response = client.post(restore_url(article, saved_version))

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Back spasms explained"


def test_the_history_shows_values_as_editors_know_them(
    publisher_client, make_article, make_topic, article_form_data
):
    article = make_article(status=Article.Status.DRAFT, published_at=None)
    publisher_client.post(
        change_url(article),
        article_form_data(article, status="published", topic=make_topic(name="Medicines").pk),
    )

    html = publisher_client.get(history_url(article)).content.decode()

    assert "<del>Draft</del><ins>Published</ins>" in html
    assert "<ins>Medicines</ins>" in html


def test_restoring_undoes_swapped_section_anchors(editor_client, make_article):
    article = make_article(sections=2, status=Article.Status.DRAFT)
    original = article.history.first()
    first, second = article.sections.all()
    # As the admin does: the article is saved first, then its sections. The anchors are
    # swapped one save at a time, as an editor would have to.
    article.save()
    first.slug = "parked"
    first.save()
    second.slug = "section-1"
    second.save()
    first.slug = "section-2"
    first.save()

    response = editor_client.post(restore_url(article, original))

    assert response.status_code == 302
    assert [(s.heading, s.slug) for s in article.sections.all()] == [
        ("Section 1", "section-1"),
        ("Section 2", "section-2"),
    ]


def test_a_long_history_comes_in_pages_that_compare_across_their_edges(
    editor_client, make_article, django_assert_max_num_queries
):
    article = make_article(sections=1, title="Title 0", status=Article.Status.DRAFT)
    section = article.sections.get()
    section.body = "Body 0"
    section.save()
    for number in range(1, 25):
        article.title = f"Title {number}"
        article.save()
        section.body = f"Body {number}"
        section.save()
    # 25 versions, 10 to a page: page 2 holds the versions titled 14 down to 5.

    with django_assert_max_num_queries(40):
        page = editor_client.get(history_url(article), {"page": 2}).content.decode()

    assert "Page 2 of 3" in page
    assert 'href="?page=1" rel="prev">Newer versions' in page
    assert 'href="?page=3" rel="next">Older versions' in page
    # Its first and last versions are compared with their neighbours on pages 1 and 3,
    # in the title and in the section as it stood at each version.
    assert page.count("<del>13</del><ins>14</ins>") == 2
    assert page.count("<del>4</del><ins>5</ins>") == 2
    assert "<del>14</del><ins>15</ins>" not in page
    assert page.count("Restore this version") == 10
    first_page = editor_client.get(history_url(article)).content.decode()
    assert first_page.count("Restore this version") == 9, "not for the current version"


def test_text_a_browser_sends_back_unchanged_is_not_a_change(
    editor_client, make_article, article_form_data, section_row
):
    article = make_article(sections=1, status=Article.Status.DRAFT)
    section = article.sections.get()
    section.body = "First line.\n\nSecond line."
    section.save()
    article.refresh_from_db()

    # Browsers end a text box's lines with CR LF.
    editor_client.post(
        change_url(article),
        article_form_data(
            article, sections=[section_row(section, body=section.body.replace("\n", "\r\n"))]
        ),
    )

    section.refresh_from_db()
    assert section.body == "First line.\n\nSecond line."
    assert "Section changed" not in editor_client.get(history_url(article)).content.decode()


def test_a_restore_that_would_drop_a_recommended_section_is_refused(
    editor_client, make_article, article_form_data, section_row
):
    article = make_article(sections=1, status=Article.Status.DRAFT)
    before_the_new_section = article.history.first()
    (first,) = article.sections.all()
    new_section = {
        "order": 2,
        "heading": "Heat",
        "slug": "heat",
        "summary": "Warmth helps.",
        "body": "Use a warm pack.",
    }
    editor_client.post(
        change_url(article), article_form_data(article, sections=[section_row(first), new_section])
    )
    question = Question.objects.create(slug="tried", order=1, text="What have you tried?")
    choice = Choice.objects.create(question=question, slug="heat", order=1, label="Heat")
    Recommendation.objects.create(choice=choice, section=article.sections.get(slug="heat"), why="")

    response = editor_client.post(restore_url(article, before_the_new_section), follow=True)

    assert "This version cannot be restored" in response.content.decode()
    assert article.sections.filter(slug="heat").exists()
