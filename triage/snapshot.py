"""Build the engine's immutable `Questionnaire` from the database in a handful of queries."""

from django.db.models import Prefetch

from articles.caching import content_version
from articles.models import Article
from triage import engine
from triage.models import Choice, Question, Recommendation

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
        Prefetch("recommendations", queryset=recommendations)
    )
    questions = (
        Question.objects.order_by("order", "pk")
        .select_related("shown_if__question")
        .prefetch_related(Prefetch("choices", queryset=choices))
    )
    return engine.Questionnaire(tuple(_question(question) for question in questions))


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
        choices=tuple(_choice(choice) for choice in question.choices.all()),
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
        recommendations=tuple(
            engine.Recommendation(
                section=_section(recommendation.section),
                why=recommendation.why,
                rank=recommendation.rank,
            )
            for recommendation in choice.recommendations.all()
        ),
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
