from django.apps import apps as global_apps
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article, Section
from search import index
from search.models import IndexedTerm, Synonym
from site_config.caching import content_changed


@receiver(post_save, sender=Article)
def index_article(sender, instance, **kwargs):
    # Fixture loads (raw saves) and the admin's publish actions come through here too.
    index.article_changed(instance.pk)


@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
def index_article_of_section(sender, instance, **kwargs):
    index.article_changed(instance.article_id)


@receiver(post_delete, sender=Article)
def forget_deleted_article(sender, instance, **kwargs):
    # Deleting an article deletes its sections first, and each of those re-indexes the
    # article while its row still exists: its terms go last, with it.
    index.forget(instance.pk)


def index_if_empty(using, apps=global_apps, **kwargs):
    # migrate passes the models as migrated; a test database's flush passes none.
    try:
        apps.get_model("search", "IndexedTerm")
    except LookupError:  # migrated back to before the index existed
        return
    # A site upgrading to this index has published articles and no terms yet.
    if not IndexedTerm.objects.using(using).exists() and Article.objects.using(using).exists():
        index.rebuild()


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def synonyms_changed(sender, **kwargs):
    # Each worker process keeps the synonyms it read until the content version changes.
    content_changed()
