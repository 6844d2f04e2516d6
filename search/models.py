from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from search import text
from site_config.natural_keys import NaturalKeyManager


class IndexedTerm(models.Model):
    """One term of a published article, with how strongly the article is about it.

    Derived from the articles (search/index.py keeps it up to date): never edited by hand.
    """

    # The unique constraint's index starts with the article, so a separate index of it would
    # only cost every write.
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    term = models.CharField(max_length=text.LONGEST_TERM)
    weight = models.PositiveIntegerField()
    # Where the article says most about the term, for the result to point to; none when
    # only the title or summary holds it.
    section = models.ForeignKey(
        "articles.Section", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "term"], name="search_term_once_per_article")
        ]
        indexes = [
            # A search of one term reads its best articles straight off this index.
            models.Index(fields=["term", "-weight", "article"], name="search_term_best"),
            # Ranking a few hundred candidate articles reads their weights for each searched
            # term here, rather than every row of a word most articles hold; in term order,
            # one term's candidates share the index's pages.
            models.Index(fields=["term", "article", "weight"], name="search_term_weights"),
        ]

    def __str__(self):
        return f"{self.term} ({self.weight})"


class VocabularyWord(models.Model):
    """A word found in the articles, as written: what a misspelt word is corrected to."""

    word = models.CharField(max_length=text.LONGEST_TERM, unique=True)

    def __str__(self):
        return self.word


def _has_words(value):
    if not text.words(value):
        raise ValidationError("Enter at least one word.")


class SynonymManager(NaturalKeyManager):
    # Found by its words, as the fixtures name it: a synonym an editor deleted and wrote
    # again has a new id, and is still the same synonym.
    key_fields = ("words",)


class Synonym(models.Model):
    """Words people type that the articles say differently: "physio" for physiotherapy."""

    words = models.CharField(
        "what people type",
        max_length=60,
        unique=True,
        validators=[_has_words],
        help_text="A word or short phrase, for example ‘physio’ or ‘slipped disc’.",
    )
    search_for = models.CharField(
        "search for",
        max_length=200,
        validators=[_has_words],
        help_text=(
            "The words the articles use, separated by commas, for example ‘physiotherapy, "
            "physiotherapist’. A search for what people type finds articles with any of them."
        ),
    )
    history = HistoricalRecords()

    objects = SynonymManager()

    class Meta:
        ordering = ["words"]

    def __str__(self):
        return f"{self.words} → {self.search_for}"

    def natural_key(self):
        return (self.words,)

    def alternatives(self):
        """The terms an article may hold instead."""
        return {term for part in self.search_for.split(",") for term in text.terms(part)}
