from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from articles import reviews
from articles.managers import (
    ArticleManager,
    ArticleWithCopiesManager,
    SectionManager,
    SourceManager,
    TopicManager,
)
from articles.rendering import WEB_SCHEMES, check_markdown_size


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
