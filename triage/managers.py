"""Managers of the symptom form's models: each finds a row by its natural key, so fixtures
can refer to questions, choices and rules by their slugs rather than by ids."""

from django.db import models


class SlugManager(models.Manager):
    """For questions and rules, each known by its slug."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ChoiceManager(models.Manager):
    def get_by_natural_key(self, question_slug, slug):
        return self.get(question__slug=question_slug, slug=slug)


class RecommendationManager(models.Manager):
    def get_by_natural_key(self, question_slug, choice_slug, article_slug, section_slug):
        return self.get(
            choice__question__slug=question_slug,
            choice__slug=choice_slug,
            section__article__slug=article_slug,
            section__slug=section_slug,
        )


class RuleAnswerManager(models.Manager):
    def get_by_natural_key(self, rule_slug, question_slug, choice_slug):
        return self.get(
            rule__slug=rule_slug, choice__question__slug=question_slug, choice__slug=choice_slug
        )


class RuleRecommendationManager(models.Manager):
    def get_by_natural_key(self, rule_slug, article_slug, section_slug):
        return self.get(
            rule__slug=rule_slug, section__article__slug=article_slug, section__slug=section_slug
        )
