"""Changing a published article through a draft copy: readers never see unreviewed text."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Section
from triage.models import Choice, Question, Recommendation

pytestmark = pytest.mark.django_db


def publish(client, draft, **follow):
    """Read the changes, then publish them, as a publisher does in the browser."""
    page = client.get(publish_url(draft)).content.decode()
    reviewed = re.search(r'name="reviewed_version" value="(\d+)"', page).group(1)
    return client.post(publish_url(draft), {"reviewed_version": reviewed}, **follow)


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def start_url(article):
    return reverse("admin:articles_article_start_draft", args=[article.pk])


def publish_url(draft):
    return reverse("admin:articles_article_publish_changes", args=[draft.pk])


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def publisher_client(publisher):
    """Signed in apart from the editor, so one test can have both at work."""
    client = Client()
    client.force_login(publisher)
    return client


@pytest.fixture
def live_article(make_article):
    return make_article(sections=3, title="Ice and heat", slug="ice-and-heat")


@pytest.fixture
def draft(editor_client, live_article):
    response = editor_client.post(start_url(live_article))
    draft = Article.objects_with_copies.get(draft_of=live_article)
    assert response.url == change_url(draft)
    return draft


@pytest.fixture
def edited_draft(editor_client, draft, article_form_data, section_row):
    """The copy with a new title, a reworded section, one removed and one added."""
    first, second, third = draft.sections.all()
    response = editor_client.post(
        change_url(draft),
        article_form_data(
            draft,
            title="Ice, heat and rest",
            sections=[
                section_row(first, body="Use ice for the first **2 days**."),
                section_row(second),
                section_row(third, DELETE=True),
                {
                    "order": 4,
                    "heading": "Resting positions",
                    "slug": "resting-positions",
                    "summary": "Lie on your side.",
                    "body": "A pillow between your knees helps.",
                },
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()
    draft.refresh_from_db()
    return draft


def test_an_editor_starts_changing_a_published_article_from_its_page(editor_client, live_article):
    page = editor_client.get(change_url(live_article)).content.decode()
    assert f'href="{start_url(live_article)}">Change it in a draft copy</a>' in page

    confirm = editor_client.get(start_url(live_article)).content.decode()
    assert "readers keep seeing the published article" in confirm


def test_a_draft_copy_holds_the_article_and_the_original_stays_live(
    reader, editor_client, live_article, draft
):
    assert draft.status == Article.Status.DRAFT
    assert draft.title == live_article.title
    assert list(draft.sections.values_list("slug", "body")) == list(
        live_article.sections.values_list("slug", "body")
    )
    assert draft.sources.count() == live_article.sources.count()
    assert reader.get(draft.get_absolute_url()).status_code == 404
    # Asking again opens the same copy rather than making a second one.
    again = editor_client.post(start_url(live_article))
    assert again.url == change_url(draft)
    assert Article.objects_with_copies.filter(draft_of=live_article).count() == 1
    original_page = editor_client.get(change_url(live_article)).content.decode()
    assert "Open its draft copy" in original_page


def test_readers_see_the_published_text_while_the_copy_is_edited(reader, edited_draft):
    page = reader.get("/articles/ice-and-heat/").content.decode()
    assert "Ice and heat" in page
    assert "Ice, heat and rest" not in page
    assert "2 days" not in page


def test_an_editor_cannot_publish_the_changes_or_the_copy(editor_client, edited_draft):
    assert editor_client.get(publish_url(edited_draft)).status_code == 403
    assert (
        editor_client.post(publish_url(edited_draft), {"reviewed_version": "9"}).status_code == 403
    )
    page = editor_client.get(change_url(edited_draft)).content.decode()
    assert publish_url(edited_draft) not in page
    assert "This is a draft copy of" in page


def test_a_publisher_reads_what_will_change_before_publishing(publisher_client, edited_draft):
    page = publisher_client.get(publish_url(edited_draft)).content.decode()
    assert "<del>Ice </del><ins>Ice, heat </ins>and <del>heat</del><ins>rest</ins>" in page
    assert "Section changed: Section 1" in page
    assert "Section removed: Section 3" in page
    assert "Section added: Resting positions" in page
    assert "draft-of-" not in page, "the copy's own address is not a change"


def test_the_publisher_sees_changes_to_related_articles_too(publisher_client, make_article, draft):
    draft.related.set([make_article(title="Seeing a doctor")])
    page = publisher_client.get(publish_url(draft)).content.decode()
    assert "<dt>Related articles</dt>" in page
    assert "<ins>Seeing a doctor</ins>" in page


def test_a_copy_is_not_listed_as_due_for_review_beside_its_article(
    editor_client, live_article, draft
):
    Article.objects_with_copies.filter(pk__in=[live_article.pk, draft.pk]).update(
        next_review_due=live_article.last_reviewed
    )
    page = editor_client.get(reverse("admin:articles_article_review_due")).content.decode()
    assert page.count(">Ice and heat<") == 1


def test_publishing_puts_the_changes_live_and_keeps_addresses_and_anchors(
    reader, publisher_client, live_article, edited_draft
):
    kept_section_ids = set(live_article.sections.filter(order__lt=3).values_list("pk", flat=True))

    response = publish(publisher_client, edited_draft)

    assert response.url == change_url(live_article)
    live_article.refresh_from_db()
    assert live_article.title == "Ice, heat and rest"
    assert live_article.slug == "ice-and-heat" and live_article.is_published
    assert set(live_article.sections.values_list("slug", flat=True)) == {
        "section-1",
        "section-2",
        "resting-positions",
    }
    assert kept_section_ids <= set(live_article.sections.values_list("pk", flat=True))
    assert not Article.objects_with_copies.filter(pk=edited_draft.pk).exists()
    page = reader.get("/articles/ice-and-heat/").content.decode()
    assert "Ice, heat and rest" in page and "2 days" in page and "Resting positions" in page
    assert live_article.history.first().history_change_reason == (
        "Changes published from a draft copy"
    )


def test_changes_made_to_the_original_meanwhile_are_never_undone(
    publisher_client, live_article, edited_draft
):
    live_article.summary = "A fix made directly by a publisher."
    live_article.save()

    response = publish(publisher_client, edited_draft, follow=True)

    assert "has been changed since this copy was made" in response.content.decode()
    live_article.refresh_from_db()
    assert live_article.title == "Ice and heat"
    assert Article.objects_with_copies.filter(pk=edited_draft.pk).exists()


def test_a_section_the_symptom_form_recommends_cannot_be_dropped_by_a_copy(
    publisher_client, live_article, edited_draft
):
    question = Question.objects.create(slug="tried", order=1, text="What have you tried?")
    choice = Choice.objects.create(question=question, slug="ice", order=1, label="Ice")
    Recommendation.objects.create(
        choice=choice, section=live_article.sections.get(slug="section-3"), why="It may help."
    )

    response = publish(publisher_client, edited_draft, follow=True)

    assert "still used elsewhere" in response.content.decode()
    live_article.refresh_from_db()
    assert live_article.title == "Ice and heat"
    assert Section.objects.filter(article=live_article, slug="section-3").exists()


def test_a_copy_cannot_be_published_as_an_article_of_its_own(
    publisher_client, edited_draft, article_form_data
):
    response = publisher_client.post(
        change_url(edited_draft), article_form_data(edited_draft, status="published")
    )
    assert "A draft copy is not published on its own" in response.content.decode()
    response = publisher_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [edited_draft.pk]},
        follow=True,
    )
    assert "Nothing was published" in response.content.decode()
    edited_draft.refresh_from_db()
    assert edited_draft.status == Article.Status.DRAFT


def test_only_the_changes_the_publisher_read_are_published(
    editor_client, publisher_client, live_article, edited_draft, article_form_data
):
    page = publisher_client.get(publish_url(edited_draft)).content.decode()
    reviewed = re.search(r'name="reviewed_version" value="(\d+)"', page).group(1)
    # The editor saves the copy again while the publisher is reading.
    editor_client.post(change_url(edited_draft), article_form_data(edited_draft, title="Unread"))

    response = publisher_client.post(
        publish_url(edited_draft), {"reviewed_version": reviewed}, follow=True
    )

    assert "saved again while you were reading" in response.content.decode()
    live_article.refresh_from_db()
    assert live_article.title == "Ice and heat"


def test_a_copy_left_behind_by_its_article_is_discarded_and_made_again(
    editor_client, live_article, edited_draft
):
    live_article.summary = "A fix made directly by a publisher."
    live_article.save()
    page = editor_client.get(change_url(edited_draft)).content.decode()
    discard_url = reverse("admin:articles_article_discard_copy", args=[edited_draft.pk])
    assert f'href="{discard_url}">Discard this copy</a>' in page

    response = editor_client.post(discard_url)

    assert response.url == change_url(live_article)
    assert not Article.objects_with_copies.filter(draft_of=live_article).exists()
    live_article.refresh_from_db()
    assert live_article.summary == "A fix made directly by a publisher."
    editor_client.post(start_url(live_article))
    fresh = Article.objects_with_copies.get(draft_of=live_article)
    assert fresh.summary == "A fix made directly by a publisher."


def test_only_a_copy_can_be_discarded_this_way(editor_client, live_article):
    discard_url = reverse("admin:articles_article_discard_copy", args=[live_article.pk])
    assert editor_client.post(discard_url).status_code == 403
    assert Article.objects.filter(pk=live_article.pk).exists()


def test_a_copy_gets_a_free_address_even_if_its_usual_one_is_taken(
    editor_client, make_article, live_article
):
    make_article(title="Oddly named", slug=f"draft-of-{live_article.pk}")
    response = editor_client.post(start_url(live_article))
    draft = Article.objects_with_copies.get(draft_of=live_article)
    assert response.url == change_url(draft)
    assert draft.slug == f"draft-of-{live_article.pk}-2"


def test_the_symptom_form_cannot_recommend_a_copys_sections(django_user_model, draft):
    administrator = Client()
    administrator.force_login(
        django_user_model.objects.create_superuser("ada", "ada@example.org", "x" * 20)
    )
    question = Question.objects.create(slug="tried", order=1, text="What have you tried?")
    choice = Choice.objects.create(question=question, slug="ice", order=1, label="Ice")
    page = administrator.get(
        reverse("admin:triage_choice_change", args=[choice.pk])
    ).content.decode()
    original_section = draft.draft_of.sections.first()
    copied_section = draft.sections.first()
    assert f'<option value="{original_section.pk}">' in page
    assert f'<option value="{copied_section.pk}">' not in page
