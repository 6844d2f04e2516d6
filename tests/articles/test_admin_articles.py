"""Editors and publishers working on articles in the admin."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section, Source
from tests.articles.conftest import SOURCE_FIELDS, row_of

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_an_editor_creates_an_article_with_sections_and_a_source(editor_client, editor, make_topic):
    topic = make_topic(name="Self-care")
    data = {
        "title": "Heat and movement",
        "slug": "heat-and-movement",
        "summary": "How warmth and gentle movement ease a back spasm.",
        "topic": str(topic.pk),
        "order": "0",
        "last_reviewed": "2026-01-10",
        "review_interval_years": "3",
        "next_review_due": "2029-01-10",
        "reviewed_by": "Editorial team",
        "loaded_version": "",
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "0",
        "sections-0-order": "1",
        "sections-0-heading": "Keep moving",
        "sections-0-slug": "keep-moving",
        "sections-0-summary": "Gentle walking helps.",
        "sections-0-body": "Walk a little **every hour**.",
        "sections-1-order": "2",
        "sections-1-heading": "Use heat",
        "sections-1-slug": "use-heat",
        "sections-1-summary": "A warm pack eases the spasm.",
        "sections-1-body": "Call {emergency_number} if you cannot move your legs.",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-0-order": "1",
        "sources-0-title": "Back pain",
        "sources-0-publisher": "NHS",
        "sources-0-url": "https://www.nhs.uk/conditions/back-pain/",
        "sources-0-accessed": "2026-01-10",
    }

    response = editor_client.post(ADD, data, follow=True)

    assert response.status_code == 200
    article = Article.objects.get(slug="heat-and-movement")
    assert article.status == Article.Status.DRAFT
    assert [s.heading for s in article.sections.all()] == ["Keep moving", "Use heat"]
    assert article.sections.first().body_html == "<p>Walk a little <strong>every hour</strong>.</p>"
    assert article.sources.get().publisher == "NHS"
    assert article.history.get().history_user == editor
    assert article.sections.first().history.get().history_user == editor


def test_the_change_form_uses_the_markdown_editor_for_section_bodies(editor_client, make_article):
    article = make_article(sections=1, status=Article.Status.DRAFT)

    response = editor_client.get(change_url(article))

    html = response.content.decode()
    assert 'class="markdownx"' in html
    assert 'data-markdownx-urls-path="/markdownx/markdownify/"' in html
    assert "markdownx/js/markdownx" in html
    assert "articles/js/markdownx-inlines.js" in html
    assert "<script>" not in html.replace("<script src=", "")


def test_an_editor_edits_a_section_and_the_rendered_html_follows(
    editor_client, make_article, article_form_data, section_row
):
    article = make_article(sections=2, status=Article.Status.DRAFT)
    first, second = article.sections.all()
    data = article_form_data(
        article,
        sections=[section_row(first, body="Rest for *a day* at most."), section_row(second)],
    )

    response = editor_client.post(change_url(article), data, follow=True)

    assert response.status_code == 200
    first.refresh_from_db()
    assert first.body_html == "<p>Rest for <em>a day</em> at most.</p>"
    assert "was changed successfully" in " ".join(messages_of(response))


def test_the_article_list_shows_review_dates_and_filters_overdue_reviews(
    editor_client, make_article
):
    today = timezone.localdate()
    overdue = make_article(title="Overdue", next_review_due=today - datetime.timedelta(days=1))
    current = make_article(title="Current", next_review_due=today + datetime.timedelta(days=400))

    everything = editor_client.get(CHANGELIST)
    overdue_only = editor_client.get(CHANGELIST, {"review": "overdue"})

    assert set(everything.context["cl"].result_list) == {overdue, current}
    for header in ["Title", "Topic", "Status", "Last reviewed", "Next review due"]:
        assert header in everything.content.decode()
    assert list(overdue_only.context["cl"].result_list) == [overdue]


def test_the_article_list_filters_by_status_and_topic_and_searches(editor_client, make_article):
    draft = make_article(title="Sleeping positions", status=Article.Status.DRAFT)
    published = make_article(title="Painkillers")

    drafts = editor_client.get(CHANGELIST, {"status__exact": "draft"})
    by_topic = editor_client.get(CHANGELIST, {"topic__id__exact": published.topic_id})
    search = editor_client.get(CHANGELIST, {"q": "sleeping"})

    assert list(drafts.context["cl"].result_list) == [draft]
    assert list(by_topic.context["cl"].result_list) == [published]
    assert list(search.context["cl"].result_list) == [draft]


def test_a_publisher_publishes_and_unpublishes_with_the_actions(publisher_client, make_article):
    article = make_article(status=Article.Status.DRAFT, published_at=None)

    published = publisher_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [article.pk]}, follow=True
    )
    article.refresh_from_db()
    first_published_at = article.published_at

    assert article.status == Article.Status.PUBLISHED
    assert first_published_at is not None
    assert "1 article published." in messages_of(published)

    unpublished = publisher_client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": [article.pk]}, follow=True
    )
    article.refresh_from_db()

    assert article.status == Article.Status.DRAFT
    assert article.published_at == first_published_at
    assert "1 article unpublished." in messages_of(unpublished)
    assert article.history.first().history_change_reason == "Unpublished"


def test_publishing_again_keeps_the_first_publication_date(publisher_client, make_article):
    first_published_at = timezone.now() - datetime.timedelta(days=30)
    article = make_article(status=Article.Status.DRAFT, published_at=first_published_at)

    publisher_client.post(CHANGELIST, {"action": "publish", "_selected_action": [article.pk]})

    article.refresh_from_db()
    assert article.is_published
    assert article.published_at == first_published_at


def test_a_publisher_can_publish_from_the_change_form(
    publisher_client, make_article, article_form_data
):
    article = make_article(status=Article.Status.DRAFT, published_at=None)

    publisher_client.post(change_url(article), article_form_data(article, status="published"))

    article.refresh_from_db()
    assert article.is_published
    assert article.published_at is not None


def test_editors_do_not_see_the_publish_actions(editor_client, make_article):
    make_article()

    html = editor_client.get(CHANGELIST).content.decode()

    assert "Publish the selected articles" not in html
    assert "Unpublish the selected articles" not in html


def test_a_publisher_sees_the_publish_actions(publisher_client, make_article):
    make_article()

    html = publisher_client.get(CHANGELIST).content.decode()

    assert "Publish the selected articles" in html
    assert "Unpublish the selected articles" in html


def test_an_editor_cannot_publish_with_a_forged_action(editor_client, make_article):
    article = make_article(status=Article.Status.DRAFT, published_at=None)

    response = editor_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [article.pk]}, follow=True
    )

    article.refresh_from_db()
    assert response.status_code == 200
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None


def test_an_editor_sees_the_status_but_cannot_change_it(
    editor_client, make_article, article_form_data
):
    article = make_article(status=Article.Status.DRAFT, published_at=None)

    form_page = editor_client.get(change_url(article))
    forged = editor_client.post(change_url(article), article_form_data(article, status="published"))

    assert "status" not in form_page.context["adminform"].form.fields
    assert "Draft" in form_page.content.decode()
    assert forged.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_an_editor_cannot_create_a_published_article(editor_client, make_topic):
    topic = make_topic()
    data = {
        "title": "Forged",
        "slug": "forged",
        "summary": "An attempt to publish without review.",
        "topic": str(topic.pk),
        "order": "0",
        "review_interval_years": "3",
        "status": "published",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
    }

    editor_client.post(ADD, data)

    assert Article.objects.get(slug="forged").status == Article.Status.DRAFT


def test_the_roles_are_created_by_a_migration():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    publishers = set(
        Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True)
    )

    assert {"add_article", "change_article", "view_article", "change_section"} <= editors
    assert {"add_topic", "change_source", "delete_section"} <= editors
    assert "publish_article" not in editors
    assert "delete_article" not in editors
    assert publishers == editors | {"publish_article"}


def test_the_review_due_page_lists_articles_due_within_30_days(editor_client, make_article):
    today = timezone.localdate()
    overdue = make_article(title="Overdue", next_review_due=today - datetime.timedelta(days=3))
    soon = make_article(title="Soon", next_review_due=today + datetime.timedelta(days=30))
    make_article(title="Later", next_review_due=today + datetime.timedelta(days=31))

    changelist = editor_client.get(CHANGELIST)
    response = editor_client.get(reverse("admin:articles_article_review_due"))

    assert reverse("admin:articles_article_review_due") in changelist.content.decode()
    assert list(response.context["articles"]) == [overdue, soon]
    html = response.content.decode()
    assert "(overdue)" in html
    assert "Later" not in html


def test_the_back_office_refuses_visitors_who_are_not_staff(client, django_user_model):
    anonymous = client.get(reverse("admin:articles_article_review_due"))
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 14))
    reader = client.get(CHANGELIST)

    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("admin:login"))
    assert reader.status_code == 302
    assert reader.url.startswith(reverse("admin:login"))


def test_topics_are_managed_in_the_admin(editor_client):
    response = editor_client.post(
        reverse("admin:articles_topic_add"),
        {"name": "Medicines", "slug": "medicines", "order": "2", "description": "What helps."},
    )

    assert response.status_code == 302
    assert editor_client.get(reverse("admin:articles_topic_changelist")).status_code == 200


def test_an_editor_can_read_but_not_change_a_published_article(editor_client, make_article):
    article = make_article(sections=1)
    url = reverse("admin:articles_article_change", args=[article.pk])

    page = editor_client.get(url)
    assert page.status_code == 200
    assert "View article" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()

    forged = editor_client.post(url, {"title": "Changed without review"})
    assert forged.status_code == 403
    article.refresh_from_db()
    assert article.title != "Changed without review"


def test_a_publisher_can_change_a_published_article(publisher_client, make_article):
    article = make_article(sections=1)
    page = publisher_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert 'name="_save"' in page.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {0: {"slug": "section-2"}, 1: {"slug": "section-1"}},  # two anchors swapped
        {0: {"slug": "section-2"}, 1: {"DELETE": True}},  # taken from a deleted section
    ],
)
def test_anchors_can_be_swapped_or_reused_in_one_save(
    editor_client, make_article, article_form_data, section_row, changes
):
    article = make_article(sections=2, status=Article.Status.DRAFT)
    sections = list(article.sections.all())
    rows = [section_row(section, **changes.get(n, {})) for n, section in enumerate(sections)]

    response = editor_client.post(change_url(article), article_form_data(article, sections=rows))

    assert response.status_code == 302
    sections[0].refresh_from_db()
    assert sections[0].slug == "section-2"


def test_two_sources_can_swap_addresses(editor_client, make_article, article_form_data):
    article = make_article(sections=0, status=Article.Status.DRAFT)
    first = article.sources.get()
    second = Source.objects.create(
        article=article,
        order=2,
        title="Other",
        publisher="NICE",
        url="https://www.nice.org.uk/guidance/ng59",
        accessed=first.accessed,
    )
    rows = [
        {**row_of(first, SOURCE_FIELDS), "url": second.url},
        {**row_of(second, SOURCE_FIELDS), "url": first.url},
    ]
    old_first_url = first.url

    response = editor_client.post(change_url(article), article_form_data(article, sources=rows))

    assert response.status_code == 302
    second.refresh_from_db()
    assert second.url == old_first_url


def test_an_anchor_used_twice_is_explained_not_a_server_error(
    editor_client, make_article, article_form_data, section_row
):
    article = make_article(sections=2, status=Article.Status.DRAFT)
    first, second = article.sections.all()
    rows = [section_row(first, slug="section-2"), section_row(second)]

    response = editor_client.post(change_url(article), article_form_data(article, sections=rows))

    assert response.status_code == 200
    assert "Please correct the duplicate" in response.content.decode()


def test_saving_a_shipped_article_unchanged_records_no_section_change(
    site_content, publisher_client, article_form_data
):
    article = Article.objects.get(slug="ice-and-heat")
    changes = Section.history.filter(article_id=article.pk).count()

    response = publisher_client.post(change_url(article), article_form_data(article))

    assert response.status_code == 302
    assert Section.history.filter(article_id=article.pk).count() == changes


def test_the_related_articles_picker_lists_real_articles_only(editor_client, make_article):
    article = make_article(title="Heat", status=Article.Status.DRAFT)
    other = make_article(title="Stretches")
    copy = make_article(title="Stretches", draft_of=other, status=Article.Status.DRAFT)

    form = editor_client.get(change_url(article)).context["adminform"].form
    choices = set(form.fields["related"].queryset)

    assert other in choices
    assert copy not in choices and article not in choices


def test_the_summary_is_a_box_big_enough_to_read_the_sentence(editor_client, make_article):
    article = make_article(status=Article.Status.DRAFT)

    content = editor_client.get(change_url(article)).content.decode()

    assert re.search(r'<textarea name="summary"[^>]*rows="3"', content)
