"""Build the engine's immutable `Questionnaire` from the database in a handful of queries."""

import hashlib
import json

from django.db.models import Prefetch

from articles.models import Article, Section
from site_config.caching import content_version
from triage import engine
from triage.models import (
    Choice,
    Question,
    Recommendation,
    Review,
    Rule,
    RuleAnswer,
    RuleRecommendation,
)

# The latest questionnaire this process built, with the content version it was built at.
# Every change to questions, answers, recommendations or articles replaces the version
# (triage/signals.py, articles/signals.py), so a stale copy is never used.
_built = (None, None)


def current_questionnaire():
    """The questionnaire for the form's pages; built again only after the content changed."""
    global _built
    version = content_version()
    built_at, questionnaire = _built
    if built_at != version:
        questionnaire = load_questionnaire()
        _built = (version, questionnaire)
    return questionnaire


def load_questionnaire():
    """The questionnaire exactly as the database holds it now (for checks and the admin)."""
    recommendations = Recommendation.objects.select_related("section__article").order_by(
        "rank", "pk"
    )
    choices = Choice.objects.order_by("order", "pk").prefetch_related(
        Prefetch("recommendations", queryset=recommendations),
        Prefetch("unsuitable_sections", queryset=Section.objects.select_related("article")),
    )
    questions = (
        Question.objects.order_by("order", "pk")
        .select_related("shown_if__question")
        .prefetch_related(Prefetch("choices", queryset=choices))
    )
    rule_recommendations = RuleRecommendation.objects.select_related("section__article").order_by(
        "rank", "pk"
    )
    rule_answers = RuleAnswer.objects.select_related("choice__question").order_by("group", "pk")
    rules = Rule.objects.order_by("slug").prefetch_related(
        Prefetch("answers", queryset=rule_answers),
        Prefetch("recommendations", queryset=rule_recommendations),
    )
    questions = tuple(_question(question) for question in questions)
    rules = tuple(_rule(rule) for rule in rules)
    review = Review.objects.order_by("-reviewed_at", "-pk").first()
    return engine.Questionnaire(
        questions=questions,
        rules=rules,
        version=fingerprint(questions, rules),
        last_review=review
        and engine.ReviewInfo(version=review.version, reviewed_on=review.reviewed_at.date()),
    )


def fingerprint(questions, rules):
    """A short fingerprint of everything that decides what the form asks and answers.

    Sections are named by their addresses only, so editing an article's text does not
    change the version of the questions.
    """

    def plain(value):
        if isinstance(value, engine.SectionRef):
            return [value.article_slug, value.slug]
        if hasattr(value, "__dataclass_fields__"):
            return {name: plain(getattr(value, name)) for name in value.__dataclass_fields__}
        if isinstance(value, tuple | list):
            return [plain(item) for item in value]
        return value

    canonical = json.dumps(plain([questions, rules]), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def _question(question):
    shown_if = None
    if question.shown_if:
        shown_if = (question.shown_if.question.slug, question.shown_if.slug)
    return engine.Question(
        slug=question.slug,
        text=question.text,
        hint=question.hint,
        kind=question.kind,
        error_message=question.error_message,
        summary_label=question.summary_label,
        shown_if=shown_if,
        stop_if_urgent=question.stop_if_urgent,
        choices=tuple(_choice(choice) for choice in question.choices.all()),
    )


def _rule(rule):
    groups = {}
    for rule_answer in rule.answers.all():
        choice = rule_answer.choice
        groups.setdefault(rule_answer.group, []).append((choice.question.slug, choice.slug))
    return engine.Rule(
        slug=rule.slug,
        level=rule.level,
        reason=rule.reason,
        ends_form=rule.ends_form,
        safety_net=rule.safety_net,
        groups=tuple(tuple(groups[group]) for group in sorted(groups)),
        recommendations=_recommendations(rule),
    )


def _choice(choice):
    return engine.Choice(
        slug=choice.slug,
        label=choice.label,
        hint=choice.hint,
        level=choice.level,
        ends_form=choice.ends_form,
        exclusive=choice.exclusive,
        reason=choice.reason,
        safety_net=choice.safety_net,
        note=choice.note,
        out_of_scope=choice.out_of_scope,
        unsuitable=tuple(
            (section.article.slug, section.slug) for section in choice.unsuitable_sections.all()
        ),
        recommendations=_recommendations(choice),
    )


def _recommendations(choice_or_rule):
    return tuple(
        engine.Recommendation(
            section=_section(recommendation.section),
            why=recommendation.why,
            rank=recommendation.rank,
        )
        for recommendation in choice_or_rule.recommendations.all()
    )


def _section(section):
    return engine.SectionRef(
        article_slug=section.article.slug,
        slug=section.slug,
        heading=section.heading,
        summary=section.summary,
        url=section.get_absolute_url(),
        published=section.article.status == Article.Status.PUBLISHED,
        article_title=section.article.title,
    )
