"""The publishing services on their own, without the admin: each decision and who may make it."""

import pytest
from django.db.models import ProtectedError
from django.utils import timezone

from articles import drafts, history, publishing
from articles.models import Article, Section
from articles.permissions import NotAllowed
from triage.models import Choice, Question, Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_article(make_article):
    return make_article(title="Ice and heat", status=Article.Status.DRAFT, published_at=None)


@pytest.fixture
def live_article(make_article):
    return make_article(sections=3, title="Ice and heat", slug="ice-and-heat")


@pytest.fixture
def copy(live_article, editor):
    draft, made = publishing.start_draft(article=live_article, user=editor)
    assert made
    return draft


def test_publishing_puts_the_article_live_dated_and_in_its_history(draft_article, publisher):
    before = timezone.now()

    assert publishing.publish(article=draft_article, user=publisher) is True

    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.PUBLISHED
    assert draft_article.published_at >= before
    latest = draft_article.history.first()
    assert (latest.status, latest.history_change_reason) == ("published", "Published")


def test_publishing_again_changes_nothing_and_keeps_the_first_date(make_article, publisher):
    first_published = timezone.now() - timezone.timedelta(days=30)
    article = make_article(published_at=first_published)
    versions = article.history.count()

    assert publishing.publish(article=article, user=publisher) is False

    article.refresh_from_db()
    assert article.published_at == first_published
    assert article.history.count() == versions


def test_unpublishing_takes_the_article_off_the_site(live_article, publisher):
    published_at = live_article.published_at

    assert publishing.unpublish(article=live_article, user=publisher) is True

    live_article.refresh_from_db()
    assert live_article.status == Article.Status.DRAFT
    assert live_article.published_at == published_at
    assert live_article.history.first().history_change_reason == "Unpublished"
    assert not Article.objects.published().filter(pk=live_article.pk).exists()


def test_publishing_several_returns_only_those_it_changed(make_article, publisher):
    waiting = make_article(status=Article.Status.DRAFT, published_at=None)
    already = make_article()

    published = publishing.publish_articles(articles=Article.objects.all(), user=publisher)

    assert published == [waiting]
    assert set(Article.objects.published()) == {waiting, already}


def test_an_editor_may_neither_publish_nor_unpublish(draft_article, live_article, editor):
    with pytest.raises(NotAllowed, match="Only a publisher"):
        publishing.publish(article=draft_article, user=editor)
    with pytest.raises(NotAllowed):
        publishing.unpublish(article=live_article, user=editor)

    draft_article.refresh_from_db()
    live_article.refresh_from_db()
    assert draft_article.status == Article.Status.DRAFT
    assert live_article.status == Article.Status.PUBLISHED


def test_a_draft_copy_is_never_published_on_its_own(copy, draft_article, publisher):
    with pytest.raises(publishing.DraftCopyNotPublishable):
        publishing.publish_articles(
            articles=Article.objects_with_copies.filter(pk__in=[copy.pk, draft_article.pk]),
            user=publisher,
        )

    # Nothing was published, not even the article that is not a copy.
    assert (
        not Article.objects_with_copies.published()
        .filter(pk__in=[copy.pk, draft_article.pk])
        .exists()
    )


def test_a_draft_copy_holds_the_article_and_is_made_once(live_article, copy, editor):
    assert copy.draft_of == live_article
    assert copy.status == Article.Status.DRAFT
    assert copy.title == live_article.title
    assert [s.slug for s in copy.sections.all()] == [s.slug for s in live_article.sections.all()]

    again, made = publishing.start_draft(article=live_article, user=editor)

    assert (again, made) == (copy, False)


def test_only_a_published_article_gets_a_draft_copy(draft_article, editor):
    with pytest.raises(NotAllowed):
        publishing.start_draft(article=draft_article, user=editor)

    assert not Article.objects_with_copies.filter(draft_of=draft_article).exists()


def test_publishing_a_copy_puts_its_changes_live_and_removes_it(live_article, copy, publisher):
    kept = live_article.sections.get(slug="section-1")
    copy.title = "Ice, heat and rest"
    copy.save()
    copy.sections.filter(slug="section-1").update(body="Use ice for the first 2 days.")
    copy.sections.filter(slug="section-3").delete()

    article = publishing.publish_draft(draft=copy, user=publisher, reviewed_version=copy.version)

    assert article.pk == live_article.pk
    article.refresh_from_db()
    assert (article.title, article.slug, article.status) == (
        "Ice, heat and rest",
        "ice-and-heat",
        Article.Status.PUBLISHED,
    )
    assert [s.slug for s in article.sections.all()] == ["section-1", "section-2"]
    assert article.sections.get(slug="section-1").pk == kept.pk
    assert article.sections.get(slug="section-1").body == "Use ice for the first 2 days."
    assert not Article.objects_with_copies.filter(pk=copy.pk).exists()
    assert article.history.first().history_change_reason == "Changes published from a draft copy"


def test_an_editor_may_not_publish_a_copy(live_article, copy, editor):
    copy.title = "Unreviewed title"
    copy.save()

    with pytest.raises(NotAllowed):
        publishing.publish_draft(draft=copy, user=editor, reviewed_version=copy.version)

    live_article.refresh_from_db()
    assert live_article.title == "Ice and heat"
    assert Article.objects_with_copies.filter(pk=copy.pk).exists()


def test_a_copy_saved_after_it_was_read_is_not_published(live_article, copy, publisher):
    read_version = copy.version
    copy.title = "Changed after reading"
    copy.save()

    with pytest.raises(drafts.CopyChanged):
        publishing.publish_draft(draft=copy, user=publisher, reviewed_version=read_version)

    live_article.refresh_from_db()
    assert live_article.title == "Ice and heat"


def test_a_copy_dropping_a_recommended_section_publishes_nothing(live_article, copy, publisher):
    question = Question.objects.create(slug="tried", order=1, text="What have you tried?")
    choice = Choice.objects.create(question=question, slug="ice", order=1, label="Ice")
    Recommendation.objects.create(
        choice=choice, section=live_article.sections.get(order=3), why="It may help."
    )
    copy.title = "Shorter"
    copy.save()
    copy.sections.filter(order=3).delete()

    with pytest.raises(ProtectedError):
        publishing.publish_draft(draft=copy, user=publisher, reviewed_version=copy.version)

    live_article.refresh_from_db()
    assert live_article.title == "Ice and heat"
    assert live_article.sections.count() == 3
    assert Article.objects_with_copies.filter(pk=copy.pk).exists()


def test_discarding_a_copy_leaves_the_article_as_it_was(live_article, copy, editor):
    copy.title = "Abandoned idea"
    copy.save()

    original = publishing.discard_draft(draft=copy, user=editor)

    assert original == live_article
    assert not Article.objects_with_copies.filter(pk=copy.pk).exists()
    live_article.refresh_from_db()
    assert live_article.title == "Ice and heat"
    assert live_article.sections.count() == 3


def test_only_a_copy_is_discarded(live_article, publisher):
    with pytest.raises(NotAllowed):
        publishing.discard_draft(draft=live_article, user=publisher)

    assert Article.objects.filter(pk=live_article.pk).exists()


def test_restoring_brings_back_the_words_and_sections_of_a_version(draft_article, editor):
    version = draft_article.history.first()
    draft_article.title = "A new title"
    draft_article.save()
    draft_article.sections.get(slug="section-2").delete()

    history.restore(article=draft_article, version=version, user=editor)

    draft_article.refresh_from_db()
    assert draft_article.title == "Ice and heat"
    assert [s.slug for s in draft_article.sections.all()] == ["section-1", "section-2"]
    assert draft_article.history.first().history_change_reason.startswith("Restored the version")


def test_restoring_keeps_the_publication_decision(make_article, publisher):
    article = make_article(status=Article.Status.DRAFT, published_at=None, title="First")
    version = article.history.first()
    article.title = "Second"
    article.status = Article.Status.PUBLISHED
    article.save()

    history.restore(article=article, version=version, user=publisher)

    article.refresh_from_db()
    assert (article.title, article.status) == ("First", Article.Status.PUBLISHED)


def test_an_editor_may_not_restore_a_published_article(live_article, editor):
    version = live_article.history.first()
    live_article.title = "Reviewed wording"
    live_article.save()

    with pytest.raises(NotAllowed):
        history.restore(article=live_article, version=version, user=editor)

    live_article.refresh_from_db()
    assert live_article.title == "Reviewed wording"
    assert Section.objects.filter(article=live_article).count() == 3
