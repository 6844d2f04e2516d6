from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

from articles import history
from articles.models import Article, Section, Source, Topic
from articles.rendering import render_markdown
from site_config.caching import content_changed


@receiver(pre_save, sender=Section)
def render_section_body(sender, instance, **kwargs):
    # A signal rather than Section.save(), so fixture loads (which bypass save())
    # store rendered HTML too and no page view ever has to run Markdown.
    # Browsers send a text box's lines ending in CR LF, and forms strip the ends of the
    # text (a fixture's body ends in a newline); storing it the way the form sends it means
    # saving unchanged text in the admin never shows up as a change in the history.
    instance.body = instance.body.replace("\r\n", "\n").strip()
    instance.body_html = render_markdown(instance.body)


@receiver(pre_create_historical_record, sender=Section.history.model)
@receiver(pre_create_historical_record, sender=Source.history.model)
def tie_part_record_to_article_version(sender, instance, history_instance, using, **kwargs):
    history_instance.article_history_id = history.latest_version_id(instance.article_id, using)


@receiver(post_save, sender=Topic)
@receiver(post_save, sender=Article)
@receiver(post_save, sender=Section)
@receiver(post_save, sender=Source)
@receiver(post_delete, sender=Topic)
@receiver(post_delete, sender=Article)
@receiver(post_delete, sender=Section)
@receiver(post_delete, sender=Source)
def forget_cached_pages(sender, **kwargs):
    # Fixture loads (raw saves) and the admin's publish actions come through here too.
    content_changed()


@receiver(m2m_changed, sender=Article.related.through)
def forget_cached_pages_after_related_change(sender, action, **kwargs):
    if action.startswith("post_"):
        content_changed()
