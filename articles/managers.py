"""How articles, topics, sections and sources are asked for: their managers and querysets.

articles.models imports this module, so the Article model is looked up when a query is built
(article_model()), never at import.
"""

import datetime

from django.apps import apps
from django.db import models
from django.db.models import Count, Max, Prefetch, Q
from django.utils import timezone

from site_config.natural_keys import NaturalKeyManager


def article_model():
    return apps.get_model("articles", "Article")


class TopicManager(NaturalKeyManager):
    def with_published_articles(self):
        """Topics whose ``articles`` hold only their published articles, in their order."""
        published = article_model().objects.published().order_by("order", "title")
        return self.prefetch_related(Prefetch("articles", queryset=published))

    def for_home_page(self, articles_per_topic):
        """Topics with published articles, each with its first few in ``first_articles`` and
        how many it has in ``published_count``, so home stays small as topics grow."""
        first_published = (
            article_model().objects.published().order_by("order", "title")[:articles_per_topic]
        )
        published = Q(articles__status=article_model().Status.PUBLISHED)
        return (
            self.annotate(published_count=Count("articles", filter=published))
            .filter(published_count__gt=0)
            .order_by("order", "name")  # Meta.ordering does not apply to grouped queries
            .prefetch_related(Prefetch("articles", first_published, to_attr="first_articles"))
        )

    def having_published_articles(self):
        """Topics with at least one published article, annotated with its latest change."""
        published = Q(articles__status=article_model().Status.PUBLISHED)
        return (
            self.annotate(last_updated=Max("articles__updated", filter=published))
            .filter(last_updated__isnull=False)
            .order_by("order", "name")  # Meta.ordering does not apply to grouped queries
        )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=article_model().Status.PUBLISHED)

    def visible_to(self, user):
        """Staff may preview drafts on their real address; everyone else sees published only."""
        return self if user.is_staff else self.published()

    def with_page_content(self):
        """Everything an article page shows, in a fixed number of queries.

        Related articles are limited to published ones, so a draft never leaks
        through a link, even on a staff preview.
        """
        published = article_model().objects.published()
        related = published.order_by("title").only("title", "slug", "summary")
        return self.select_related("topic").prefetch_related(
            "sections", "sources", Prefetch("related", queryset=related)
        )

    def without_copies(self):
        """Real articles only: no draft copy (see ArticleManager)."""
        return self.filter(draft_of__isnull=True)

    def review_overdue(self):
        return self.filter(next_review_due__lt=timezone.localdate())

    def review_due_within(self, days):
        """Articles whose review date has passed or falls within the next `days` days."""
        cutoff = timezone.localdate() + datetime.timedelta(days=days)
        return self.filter(next_review_due__lte=cutoff).order_by("next_review_due", "title")


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    """``Article.objects``: real articles, never a draft copy.

    A pending change to a published article is kept as a second row with ``draft_of`` set
    (articles.drafts). Readers, search, the related-articles picker, the review list and
    the symptom form must never see it, so the ordinary way of asking for articles leaves
    copies out, and code that means copies asks ``Article.objects_with_copies``.

    It is the default manager, so Django's own lookups through it (reverse relations, the
    admin's choices, dumpdata without --all) leave copies out too. Following a foreign key
    (``copy.draft_of``, ``section.article``), saving, deleting and refreshing a row go
    through Django's base manager, a plain Manager, so they still reach copies.
    """

    def get_queryset(self):
        return super().get_queryset().without_copies()

    def get_by_natural_key(self, slug):
        # Loading fixtures finds a row by its address, a copy's included: addresses are
        # unique over every row.
        return article_model().objects_with_copies.db_manager(self.db).get(slug=slug)


class ArticleWithCopiesManager(NaturalKeyManager.from_queryset(ArticleQuerySet)):
    """``Article.objects_with_copies``: every row, draft copies included, on purpose."""

    def copies(self):
        return self.filter(draft_of__isnull=False)


class SectionManager(NaturalKeyManager):
    key_fields = ("article__slug", "slug")


class SourceManager(NaturalKeyManager):
    key_fields = ("article__slug", "url")
