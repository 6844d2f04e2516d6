"""How fixtures find the symptom form's rows: each by its natural key, made of slugs."""

from site_config.natural_keys import NaturalKeyManager


class ChoiceManager(NaturalKeyManager):
    key_fields = ("question__slug", "slug")


class RecommendationManager(NaturalKeyManager):
    key_fields = (
        "choice__question__slug",
        "choice__slug",
        "section__article__slug",
        "section__slug",
    )


class RuleAnswerManager(NaturalKeyManager):
    key_fields = ("rule__slug", "choice__question__slug", "choice__slug")


class RuleRecommendationManager(NaturalKeyManager):
    key_fields = ("rule__slug", "section__article__slug", "section__slug")
