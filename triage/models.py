"""The symptom form's questions and choices: data that editors and clinicians maintain.

People's answers are never stored here; they stay in the visitor's browser (triage.answers).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles.models import Section
from site_config.natural_keys import NaturalKeyManager
from triage.levels import Level
from triage.managers import (
    ChoiceManager,
    RecommendationManager,
    RuleAnswerManager,
    RuleRecommendationManager,
)


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
    stop_if_urgent = models.BooleanField(
        "Last red-flag question",
        default=False,
        help_text="After this question, show the result straight away if the answers so far "
        "need medical help today or an emergency (answers and combination rules alike).",
    )

    objects = NaturalKeyManager()
    # Red flags are safety-critical: keep who changed what, and when.
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text

    def natural_key(self):
        return (self.slug,)


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
    safety_net = models.CharField(
        "Safety-net wording",
        max_length=300,
        blank=True,
        help_text="How this sign is listed under 'If things get worse' on other results, "
        "for example 'numbness or tingling around your genitals or bottom'. Every emergency "
        "and urgent answer needs one; an emergency sign's wording must also be in the list "
        "of emergency signs shown on every page.",
    )
    note = models.TextField(
        blank=True,
        help_text="Advice shown in a box on the result whenever this answer is picked, for "
        "example what is safe in pregnancy. You can write {emergency_number}, "
        "{urgent_service} and {urgent_number}.",
    )
    out_of_scope = models.BooleanField(
        "The form is not for people who pick this",
        default=False,
        help_text="Ends the form with a page that says who the form is for and where to get "
        "help instead, for example for children under 16.",
    )
    sections = models.ManyToManyField(
        Section, through="Recommendation", related_name="recommended_by", blank=True
    )
    unsuitable_sections = models.ManyToManyField(
        Section,
        related_name="unsuitable_for",
        blank=True,
        help_text="Sections never recommended to someone who picks this answer, whatever "
        "else they answer, for example medicines that are not safe in pregnancy.",
    )

    objects = ChoiceManager()
    history = HistoricalRecords(m2m_fields=[unsuitable_sections])

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


class Rule(models.Model):
    """A combination rule: answers that together need a more urgent level than each alone."""

    slug = models.SlugField(unique=True, help_text="Identifies the rule; keep it when you reword.")
    name = models.CharField(
        max_length=200,
        help_text="What the rule looks for, for editors, for example "
        "'Possible infection of the spine'.",
    )
    level = models.CharField(
        max_length=10,
        choices=Level.choices,
        help_text="The level when every group of the rule's answers is met. The result shows "
        "the most urgent level among all answers and rules.",
    )
    ends_form = models.BooleanField(
        default=False,
        help_text="Show the result as soon as the rule applies. Every emergency rule must "
        "end the form.",
    )
    reason = models.CharField(
        max_length=200,
        help_text="Completes 'Because you told us ...' on the result when this rule sets "
        "the level.",
    )
    safety_net = models.CharField(
        "Safety-net wording",
        max_length=300,
        blank=True,
        help_text="How this combination is listed under 'If things get worse' on other "
        "results. Emergency rules need one, and it must be in the list of emergency signs "
        "shown on every page.",
    )

    objects = NaturalKeyManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        verbose_name = "combination rule"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class RuleAnswer(models.Model):
    """One answer a combination rule looks for, in one of its groups."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="answers")
    # PROTECT: an answer a rule needs cannot disappear and silently switch the rule off.
    choice = models.ForeignKey(Choice, on_delete=models.PROTECT, related_name="rule_answers")
    group = models.PositiveSmallIntegerField(
        default=1,
        help_text="Answers with the same group number are alternatives: any one of them is "
        "enough. The rule applies when every group is met.",
    )

    objects = RuleAnswerManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["rule", "group", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "choice"], name="unique_rule_answer"),
        ]

    def __str__(self):
        return f"{self.rule.slug}, group {self.group}: {self.choice}"

    def natural_key(self):
        return (*self.rule.natural_key(), *self.choice.natural_key())

    natural_key.dependencies = ["triage.rule", "triage.choice"]


class RuleRecommendation(models.Model):
    """An article section that fits someone a combination rule applies to."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="recommendations")
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="rule_recommendations"
    )
    rank = models.PositiveSmallIntegerField(
        default=50, help_text="Lower numbers are listed first, among the answers' sections too."
    )
    why = models.CharField(
        max_length=200, help_text="Why this section fits, shown under its link on the result."
    )

    objects = RuleRecommendationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["rule", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "section"], name="unique_rule_recommendation"),
        ]

    def __str__(self):
        return f"{self.rule} → {self.section}"

    def natural_key(self):
        return (*self.rule.natural_key(), *self.section.natural_key())

    natural_key.dependencies = ["triage.rule", "articles.section"]


class Review(models.Model):
    """A clinician's review of the questions as they stood at the time: who, when, which version."""

    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="questionnaire_reviews",
        editable=False,
    )
    reviewed_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.CharField(
        max_length=64,
        editable=False,
        help_text="The version of the questions that was reviewed.",
    )
    notes = models.TextField(blank=True, help_text="What was checked, and against which guidance.")

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        get_latest_by = ["reviewed_at", "pk"]
        verbose_name = "clinical review"

    def __str__(self):
        return f"Version {self.version[:12]} reviewed on {self.reviewed_at:%d %B %Y}"
