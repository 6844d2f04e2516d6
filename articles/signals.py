from django.db.models.signals import pre_save
from django.dispatch import receiver

from articles.models import Section
from articles.rendering import render_markdown


@receiver(pre_save, sender=Section)
def render_section_body(sender, instance, **kwargs):
    # A signal rather than Section.save(), so fixture loads (which bypass save())
    # store rendered HTML too and no page view ever has to run Markdown.
    instance.body_html = render_markdown(instance.body)
