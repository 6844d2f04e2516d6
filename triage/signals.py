from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.caching import content_changed
from triage.models import Choice, Question, Recommendation


@receiver(post_save, sender=Question)
@receiver(post_save, sender=Choice)
@receiver(post_save, sender=Recommendation)
@receiver(post_delete, sender=Question)
@receiver(post_delete, sender=Choice)
@receiver(post_delete, sender=Recommendation)
def forget_built_questionnaire(sender, **kwargs):
    # Fixture loads (raw saves) come through here too.
    content_changed()
