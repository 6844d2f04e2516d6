from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from site_config.caching import content_changed
from triage.models import (
    Choice,
    Question,
    Recommendation,
    Review,
    Rule,
    RuleAnswer,
    RuleRecommendation,
)


@receiver(m2m_changed, sender=Choice.unsuitable_sections.through)
@receiver(post_save, sender=RuleRecommendation)
@receiver(post_delete, sender=RuleRecommendation)
@receiver(post_save, sender=Rule)
@receiver(post_save, sender=RuleAnswer)
@receiver(post_save, sender=Review)
@receiver(post_delete, sender=Rule)
@receiver(post_delete, sender=RuleAnswer)
@receiver(post_delete, sender=Review)
@receiver(post_save, sender=Question)
@receiver(post_save, sender=Choice)
@receiver(post_save, sender=Recommendation)
@receiver(post_delete, sender=Question)
@receiver(post_delete, sender=Choice)
@receiver(post_delete, sender=Recommendation)
def forget_built_questionnaire(sender, **kwargs):
    # Fixture loads (raw saves) come through here too.
    content_changed()
