"""A draft copy is not an article: it is reached only by asking for copies on purpose."""

import re

import pytest
from django.core import serializers
from django.test import Client
from django.urls import reverse

from articles import publishing
from articles.models import Article, Section
from search.models import IndexedTerm

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_article(make_article):
    return make_article(sections=2, title="Ice and heat", slug="ice-and-heat")


@pytest.fixture
def other(make_article):
    return make_article(title="Stretches", slug="stretches")


@pytest.fixture
def copy(live_article, other, editor):
    _draft, made = publishing.start_draft(article=other, user=editor)
    assert made
    draft, made = publishing.start_draft(article=live_article, user=editor)
    assert made
    return draft


def related_choices(client, article):
    """The related-articles picker's options on the article's admin page: (id, title)."""
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    select = re.search(r'<select name="related".*?</select>', page.content.decode(), re.S)
    return re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select.group(0))


def test_article_objects_never_returns_a_copy(live_article, other, copy):
    assert set(Article.objects.all()) == {live_article, other}
    assert not Article.objects.filter(pk=copy.pk).exists()
    assert not Article.objects.filter(slug=copy.slug).exists()
    assert copy not in Article.objects.review_due_within(days=3650)
    assert copy not in live_article.topic.articles.all()
    assert Article._default_manager.filter(pk=copy.pk).count() == 0


def test_copies_are_reached_on_purpose_and_through_their_relations(live_article, copy):
    assert Article.objects_with_copies.filter(pk=copy.pk).exists()
    assert Article.objects_with_copies.copies().get(draft_of=live_article) == copy
    assert copy.draft_of == live_article
    assert Article.objects.get(pk=live_article.pk).draft_copy == copy
    section = Section.objects.filter(article_id=copy.pk).first()
    assert section.article == copy
    assert copy.sections.count() == 2
    copy.refresh_from_db()
    copy.title = "Ice, heat and rest"
    copy.save()
    assert Article.objects_with_copies.get(pk=copy.pk).title == "Ice, heat and rest"

    live_article.delete()  # a copy goes with its article

    assert not Article.objects_with_copies.filter(pk=copy.pk).exists()


def test_the_related_articles_picker_lists_each_article_once_and_no_copy(
    publisher_client, make_article, live_article, other, copy
):
    new = make_article(title="Sleeping positions", status=Article.Status.DRAFT)

    for page_of in [new, live_article, copy]:
        choices = related_choices(publisher_client, page_of)
        titles = [title for _id, title in choices]
        ids = {int(choice_id) for choice_id, _title in choices}
        assert len(titles) == len(set(titles)), titles
        assert ids == {new.pk, live_article.pk, other.pk} - {page_of.pk, page_of.draft_of_id}
        assert copy.pk not in ids and other.draft_copy.pk not in ids


def test_the_admin_list_still_shows_copies_beside_their_articles(editor_client, copy):
    page = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    # The article's title, its copy's title, and the copy's "draft copy of" column.
    assert page.count(">Ice and heat<") == 3
    assert reverse("admin:articles_article_change", args=[copy.pk]) in page


def test_a_copy_is_never_indexed_for_search(live_article, copy):
    assert not IndexedTerm.objects.filter(article_id=copy.pk).exists()
    assert IndexedTerm.objects.filter(article_id=live_article.pk).exists()


def test_staff_still_preview_a_copy_on_its_address_and_readers_do_not(editor_client, copy):
    assert Client().get(copy.get_absolute_url()).status_code == 404
    assert editor_client.get(copy.get_absolute_url()).status_code == 200


def test_fixtures_find_a_copy_by_its_address(copy):
    dumped = serializers.serialize(
        "json",
        [copy, *copy.sections.all()],
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    loaded = list(serializers.deserialize("json", dumped, handle_forward_references=True))

    assert loaded[0].object.pk == copy.pk
    assert {each.object.article_id for each in loaded[1:]} == {copy.pk}
    assert Article.objects.get_by_natural_key(copy.slug) == copy
