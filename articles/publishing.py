"""Publishing: what readers see changes only through these functions.

Publishing is a clinical reviewer's decision, so each function checks that the person may
make the change and raises permissions.NotAllowed if not. A published article is changed
through a draft copy (articles.drafts), whose changes a publisher reads, then publishes.
"""

from django.db import transaction

from articles import drafts
from articles.models import Article
from articles.permissions import may_change_article, may_publish, require
from search import index as search_index

PUBLISHERS_ONLY = "Only a publisher may publish or unpublish articles."


class DraftCopyNotPublishable(Exception):
    """A draft copy is published only as changes to its article, never on its own."""


def publish(*, article, user):
    """Publish the article; returns whether it changed (False if it was already live)."""
    # Asked with copies included, so a draft copy is refused rather than silently skipped.
    chosen = Article.objects_with_copies.filter(pk=article.pk)
    return bool(publish_articles(articles=chosen, user=user))


def unpublish(*, article, user):
    """Take the article off the site; returns whether it changed."""
    chosen = Article.objects_with_copies.filter(pk=article.pk)
    return bool(unpublish_articles(articles=chosen, user=user))


def publish_articles(*, articles, user):
    """Publish every article of the queryset not yet published; returns those it published.

    If any is a draft copy (the admin's list includes them), nothing is published:
    publishing a copy as it stands would put a second version of its article live.
    """
    require(may_publish(user=user), PUBLISHERS_ONLY)
    if articles.filter(draft_of__isnull=False).exists():
        raise DraftCopyNotPublishable
    return _set_status(articles, Article.Status.PUBLISHED, "Published")


def unpublish_articles(*, articles, user):
    """Make every published article of the queryset a draft again; returns those changed."""
    require(may_publish(user=user), PUBLISHERS_ONLY)
    return _set_status(articles, Article.Status.DRAFT, "Unpublished")


def _set_status(articles, status, reason):
    # One save per article, so each change is in its history with who made it. The first
    # publication sets published_at (Article.save), and publishing again keeps it.
    changed = []
    for article in articles.exclude(status=status):
        article.status = status
        article._change_reason = reason
        article.save()
        changed.append(article)
    return changed


def check_may_start_draft(*, user, article):
    require(
        user.has_perm("articles.add_article")
        and (user.has_perm("articles.view_article") or user.has_perm("articles.change_article"))
        and article.is_published,
        "A draft copy is made of a published article, by someone who may add articles.",
    )


def start_draft(*, article, user):
    """The published article's draft copy, made now if it has none; returns (draft, made)."""
    check_may_start_draft(user=user, article=article)
    return drafts.start_draft(article, f"Draft copy of “{article}”")


def check_may_publish_draft(*, user, draft):
    require(
        draft.draft_of_id is not None
        and may_publish(user=user)
        and may_change_article(user=user, article=draft.draft_of),
        "Only a publisher may publish the changes of a draft copy.",
    )


def publish_draft(*, draft, user, reviewed_version):
    """Put the draft copy's changes live on its article and delete the copy; returns the article.

    `reviewed_version` is the copy's version the publisher read. Raises drafts.CopyChanged
    or drafts.OriginalChanged (see drafts.publish_changes), or ProtectedError when the
    changes drop a section still used elsewhere; in each case nothing changes.
    """
    check_may_publish_draft(user=user, draft=draft)
    # Each section copied across would index the article again: it is indexed once, at the
    # end, in the same transaction.
    with transaction.atomic(), search_index.deferred():
        return drafts.publish_changes(
            draft, reviewed_version, "Changes published from a draft copy"
        )


def check_may_discard_draft(*, user, draft):
    require(
        draft.draft_of_id is not None and may_change_article(user=user, article=draft),
        "Only a draft copy is discarded, by someone who may change articles.",
    )


def discard_draft(*, draft, user):
    """Delete the draft copy, leaving its published article as it is; returns that article."""
    check_may_discard_draft(user=user, draft=draft)
    original = draft.draft_of
    draft.delete()
    return original
