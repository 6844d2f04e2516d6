import datetime

from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import CharField, Count, Max, Prefetch, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from articles import reviews
from articles.rendering import WEB_SCHEMES, check_markdown_size


class TopicManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_published_articles(self):
        """Topics whose ``articles`` hold only their published articles, in their order."""
        published = Article.objects.published().order_by("order", "title")
        return self.prefetch_related(Prefetch("articles", queryset=published))

    def for_home_page(self, articles_per_topic):
        """Topics with published articles, each with its first few in ``first_articles`` and
        how many it has in ``published_count``, so home stays small as topics grow."""
        first_published = Article.objects.published().order_by("order", "title")[
            :articles_per_topic
        ]
        published = Q(articles__status=Article.Status.PUBLISHED)
        return (
            self.annotate(published_count=Count("articles", filter=published))
            .filter(published_count__gt=0)
            .order_by("order", "name")  # Meta.ordering does not apply to grouped queries
            .prefetch_related(Prefetch("articles", first_published, to_attr="first_articles"))
        )

    def having_published_articles(self):
        """Topics with at least one published article, annotated with its latest change."""
        published = Q(articles__status=Article.Status.PUBLISHED)
        return (
            self.annotate(last_updated=Max("articles__updated", filter=published))
            .filter(last_updated__isnull=False)
            .order_by("order", "name")  # Meta.ordering does not apply to grouped queries
        )


class Topic(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True, help_text="The topic's web address. Avoid changing it.")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Topics are listed from the lowest number to the highest."
    )
    description = models.CharField(
        max_length=200, help_text="One line shown under the topic's name."
    )

    objects = TopicManager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def is_live(self):
        """Whether readers see the topic: it has at least one published article."""
        return self.articles.published().exists()


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED)

    def visible_to(self, user):
        """Staff may preview drafts on their real address; everyone else sees published only."""
        return self if user.is_staff else self.published()

    def with_page_content(self):
        """Everything an article page shows, in a fixed number of queries.

        Related articles are limited to published ones, so a draft never leaks
        through a link, even on a staff preview.
        """
        related = Article.objects.published().order_by("title").only("title", "slug", "summary")
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
        return Article.objects_with_copies.db_manager(self.db).get(slug=slug)


class ArticleWithCopiesManager(models.Manager.from_queryset(ArticleQuerySet)):
    """``Article.objects_with_copies``: every row, draft copies included, on purpose."""

    def copies(self):
        return self.filter(draft_of__isnull=False)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=120)
    slug = models.SlugField(
        unique=True, help_text="The article's web address. Changing it breaks existing links."
    )
    summary = models.CharField(
        max_length=200,
        help_text="One sentence saying what the reader will learn. "
        "Also shown in search results and to search engines.",
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    order = models.PositiveSmallIntegerField(
        default=0,
        # Also a default in the database, so instances still running the code before this
        # field existed can go on saving articles during a rolling deploy.
        db_default=0,
        help_text="Where the article comes in its topic's list: lowest number first. "
        "Articles with the same number are listed by title.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Only published articles are shown to the public.",
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the article is first published."
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the content was last checked against its sources."
    )
    review_interval_years = models.PositiveSmallIntegerField(
        "review every (years)",
        default=reviews.REVIEW_INTERVAL_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(reviews.REVIEW_INTERVAL_YEARS)],
        help_text="How often the content is checked again: every 3 years at most, every year "
        "for the warning signs.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "Left empty, it is set from the last review and the interval above; a review on "
            "29 February is then due on 28 February. Set an earlier date for content that "
            "changes faster."
        ),
    )
    reviewed_by = models.CharField(
        "edited by",
        max_length=100,
        blank=True,
        help_text="Who wrote or edited the content, for example 'Editorial team'.",
    )
    clinical_reviewer = models.CharField(
        max_length=100,
        blank=True,
        help_text="The name of the clinician who checked the content against its sources. "
        "Leave empty until one has: the page then says that no clinical reviewer is named yet.",
    )
    clinical_reviewer_role = models.CharField(
        max_length=100,
        blank=True,
        help_text="Their role, for example 'GP' or 'Physiotherapist'.",
    )
    related = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        help_text="Other articles a reader may want next. Drafts are never shown.",
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one on every save, so two people editing at once are noticed.",
    )
    draft_of = models.OneToOneField(
        "self",
        verbose_name="draft copy of",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="draft_copy",
        help_text="The published article whose changes this draft copy holds (articles.drafts).",
    )
    draft_of_version = models.PositiveIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="The published article's version when the copy was made.",
    )

    # The first manager is the default one: real articles only.
    objects = ArticleManager()
    objects_with_copies = ArticleWithCopiesManager()
    history = HistoricalRecords(m2m_fields=[related])

    class Meta:
        ordering = ["topic__order", "order", "title"]
        permissions = [("publish_article", "Can publish and unpublish articles")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.updated = timezone.now()
        if self.pk is not None:
            self.version += 1
        if self.is_published and self.published_at is None:
            self.published_at = self.updated
        if self.next_review_due is None and self.last_reviewed is not None:
            self.next_review_due = reviews.next_review_due(
                self.last_reviewed, years=self.review_interval_years
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:article", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class SavedWithArticleVersion(models.Model):
    """What a section's or source's history record adds: the article version it belongs to."""

    article_history_id = models.IntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="The history id of the article's version this record was saved with (the "
        "article's latest version then). Empty on records saved before it was kept: for "
        "those, articles.history goes by the time.",
    )

    class Meta:
        abstract = True


class SectionManager(models.Manager):
    def get_by_natural_key(self, article_slug, slug):
        return self.get(article__slug=article_slug, slug=slug)


class Section(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(max_length=120)
    slug = models.SlugField(
        help_text="The section's anchor in the page address (#slug). The symptom form links "
        "to it, so keep it when you reword the heading."
    )
    summary = models.CharField(
        max_length=160,
        help_text="One sentence shown when the symptom form recommends this section.",
    )
    body = MarkdownxField(
        help_text="Markdown. The preview shows how it will look.",
        validators=[check_markdown_size],
    )
    body_html = models.TextField(editable=False, default="")

    objects = SectionManager()
    history = HistoricalRecords(bases=[SavedWithArticleVersion])

    class Meta:
        ordering = ["article", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "slug"], name="unique_section_slug"),
        ]

    def __str__(self):
        return f"{self.article}: {self.heading}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.slug}"

    def natural_key(self):
        return (*self.article.natural_key(), self.slug)

    natural_key.dependencies = ["articles.article"]


class SourceManager(models.Manager):
    def get_by_natural_key(self, article_slug, url):
        return self.get(article__slug=article_slug, url=url)


class Source(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    publisher = models.CharField(max_length=100, help_text="For example NHS or NICE.")
    url = models.URLField("URL", max_length=500, validators=[URLValidator(schemes=WEB_SCHEMES)])
    accessed = models.DateField(help_text="When the page was last read.")

    objects = SourceManager()
    history = HistoricalRecords(bases=[SavedWithArticleVersion])

    class Meta:
        ordering = ["article", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "url"], name="unique_source_url"),
            # Fixtures and code skip form validation; the database still refuses other schemes.
            models.CheckConstraint(
                condition=Q(url__istartswith="http://") | Q(url__istartswith="https://"),
                name="source_url_is_http_or_https",
            ),
        ]

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def natural_key(self):
        return (*self.article.natural_key(), self.url)

    natural_key.dependencies = ["articles.article"]


def parked_value(unique_field, purpose):
    """A unique placeholder for a part's anchor or URL while rows swap values in one save.

    No editor types it, and a URL placeholder is still a web address, as the database requires.
    """
    prefix = f"https://{purpose}.invalid/" if unique_field == "url" else f"{purpose}-"
    return Concat(Value(prefix), Cast("pk", CharField()))
