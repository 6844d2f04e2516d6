"""Who may change what in the back office.

Editors prepare drafts; publishers, who are clinical reviewers, decide what readers see.
The admin hides what a person may not do, and the services check again, so the rules hold
however a change is asked for.
"""

from django.core.exceptions import PermissionDenied

PUBLISH = "articles.publish_article"


class NotAllowed(PermissionDenied):
    """The person may not make this change; the message says why."""


def may_publish(*, user):
    return user.has_perm(PUBLISH)


def may_edit_article(*, user, article):
    """Editors work on drafts; a live article is changed only by someone who may publish.

    Otherwise an editor's change would reach readers without a clinical reviewer seeing it.
    """
    return article is None or not article.is_published or may_publish(user=user)


def may_change_article(*, user, article):
    """The person may change articles at all, and this one in particular."""
    return user.has_perm("articles.change_article") and may_edit_article(user=user, article=article)


def may_change_topic(*, user, topic):
    """Readers see a topic once it has a published article; from then on only a publisher
    may change or delete it, as with articles. Editors may still prepare new topics."""
    return topic is None or may_publish(user=user) or not topic.is_live()


def require(allowed, message):
    if not allowed:
        raise NotAllowed(message)
