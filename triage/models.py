"""The symptom form's questions and choices: data that editors and clinicians maintain.

People's answers are never stored here; they stay in the visitor's browser (triage.answers).
"""

from django.db import models
from simple_history.models import HistoricalRecords

from articles.models import Section


class Level(models.TextChoices):
    """How urgently to get help, from least to most urgent."""

    NONE = "none", "No change to the level"
    SELF_CARE = "self-care", "Self-care"
    SOON = "soon", "See a doctor soon"
    URGENT = "urgent", "Get medical help today"
    EMERGENCY = "emergency", "Emergency: call now"


class QuestionManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "Pick one (radio buttons)"
        MULTIPLE = "multiple", "Pick any (checkboxes)"

    slug = models.SlugField(
        unique=True, help_text="The question's web address. Keep it when you reword the question."
    )
    order = models.PositiveSmallIntegerField(
        help_text="Questions are asked from the lowest number to the highest. "
        "Emergency signs must come first."
    )
    text = models.CharField(max_length=200, help_text="The question, shown as the page heading.")
    hint = models.TextField(blank=True, help_text="Optional help shown under the question.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    shown_if = models.ForeignKey(
        "Choice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_up_questions",
        help_text="Ask this question only if the person picked this answer to an earlier "
        "question. Leave empty to ask everyone.",
    )
    error_message = models.CharField(
        max_length=200,
        help_text="Shown when no answer is picked, for example "
        "'Select when your back pain started'.",
    )
    summary_label = models.CharField(
        max_length=100,
        help_text="Short name for the question on the 'Check your answers' page.",
    )

    objects = QuestionManager()
    # Red flags are safety-critical: keep who changed what, and when.
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    def natural_key(self):
        return (self.slug,)


class ChoiceManager(models.Manager):
    def get_by_natural_key(self, question_slug, slug):
        return self.get(question__slug=question_slug, slug=slug)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    slug = models.SlugField(help_text="Identifies the answer; unique within its question.")
    order = models.PositiveSmallIntegerField(help_text="Answers are listed from lowest to highest.")
    label = models.CharField(max_length=200)
    hint = models.CharField(max_length=300, blank=True, help_text="Optional help under the answer.")
    level = models.CharField(
        max_length=10,
        choices=Level.choices,
        default=Level.NONE,
        help_text="How urgently someone who picks this answer needs help. "
        "The result shows the most urgent level among all answers.",
    )
    ends_form = models.BooleanField(
        default=False,
        help_text="Show the result straight away, without further questions. "
        "Every emergency answer must end the form.",
    )
    exclusive = models.BooleanField(
        "'None of these' answer",
        default=False,
        help_text="Cannot be picked together with the other answers in a list of checkboxes.",
    )
    reason = models.CharField(
        max_length=200,
        blank=True,
        help_text="Completes 'Because you told us ...' on the result when this answer sets "
        "the level, for example 'you have numbness in both legs'.",
    )
    sections = models.ManyToManyField(
        Section, through="Recommendation", related_name="recommended_by", blank=True
    )

    objects = ChoiceManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "slug"], name="unique_choice_slug"),
        ]

    def __str__(self):
        return f"{self.question.slug}: {self.label}"

    def natural_key(self):
        return (*self.question.natural_key(), self.slug)

    natural_key.dependencies = ["triage.question"]


class RecommendationManager(models.Manager):
    def get_by_natural_key(self, question_slug, choice_slug, article_slug, section_slug):
        return self.get(
            choice__question__slug=question_slug,
            choice__slug=choice_slug,
            section__article__slug=article_slug,
            section__slug=section_slug,
        )


class Recommendation(models.Model):
    """An article section that fits someone who picked a given answer."""

    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="recommendations")
    # PROTECT: a section the form points to cannot disappear without someone noticing.
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="recommendations")
    rank = models.PositiveSmallIntegerField(
        default=50,
        help_text="Lower numbers are listed first; for equal numbers, sections picked by "
        "the most urgent answer come first.",
    )
    why = models.CharField(
        max_length=200, help_text="Why this section fits, shown under its link on the result."
    )

    objects = RecommendationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["choice", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["choice", "section"], name="unique_recommendation"),
        ]

    def __str__(self):
        return f"{self.choice} → {self.section}"

    def natural_key(self):
        return (*self.choice.natural_key(), *self.section.natural_key())

    natural_key.dependencies = ["triage.choice", "articles.section"]
