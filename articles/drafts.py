"""Draft copies: how a published article is changed without readers seeing unreviewed text.

An editor makes a draft copy of a published article, works on it like any draft, and a
publisher reads what it would change and publishes those changes onto the original. The
original keeps its address, its id and the ids of the sections it keeps (matched by
anchor), so links and the symptom form's recommendations stay valid, and its history
records the change like any other save. The copy is then deleted.
"""

from django.db import transaction

from articles.history import PARTS, FieldChange, field_changes, part_changes, word_diff
from articles.models import Article

# What a draft copy changes on its article. The address, status and publication date
# stay the original's.
COPIED_FIELDS = [
    "title",
    "summary",
    "topic",
    "order",
    "last_reviewed",
    "review_interval_years",
    "next_review_due",
    "reviewed_by",
    "clinical_reviewer",
    "clinical_reviewer_role",
]
PART_FIELDS = {
    "section": ["order", "heading", "slug", "summary", "body"],
    "source": ["order", "title", "publisher", "url", "accessed"],
}


class OriginalChanged(Exception):
    """The published article was saved after its draft copy was made."""


class CopyChanged(Exception):
    """The copy was saved after the publisher read its changes."""


def _free_slug(article):
    slug, number = f"draft-of-{article.pk}", 1
    while Article.objects_with_copies.filter(slug=slug).exists():
        number += 1
        slug = f"draft-of-{article.pk}-{number}"
    return slug


@transaction.atomic
def start_draft(article, reason):
    """The article's draft copy, made now if it has none; returns (draft, made)."""
    # Locking the original makes a second request at the same moment wait, then find
    # the copy this one made.
    article = Article.objects.select_for_update().get(pk=article.pk)
    existing = Article.objects_with_copies.filter(draft_of=article).first()
    if existing is not None:
        return existing, False
    draft = Article(
        slug=_free_slug(article),
        status=Article.Status.DRAFT,
        draft_of=article,
        draft_of_version=article.version,
        **{name: getattr(article, name) for name in COPIED_FIELDS},
    )
    draft._change_reason = reason
    draft.save()
    draft.related.set(article.related.all())
    for model, part, *_rest in PARTS:
        for original in model.objects.filter(article=article):
            copy = model(article=draft, **_values(original, part))
            copy._change_reason = reason
            copy.save()
    return draft, True


def changes(draft):
    """What publishing the draft would change: (article FieldChanges, PartChanges)."""
    article = draft.draft_of
    fields = field_changes(Article, article, draft, [_field(name) for name in COPIED_FIELDS])
    related_before, related_after = (
        ", ".join(sorted(str(related) for related in each.related.all()))
        for each in (article, draft)
    )
    if related_before != related_after:
        words = word_diff(related_before, related_after)
        fields.append(FieldChange("related articles", words))
    return fields, part_changes(_parts_by_key(article), _parts_by_key(draft))


def _field(name):
    return Article._meta.get_field(name)


@transaction.atomic
def publish_changes(draft, reviewed_version, reason):
    """Make the original article what the draft says, then delete the draft; returns it.

    `reviewed_version` is the copy's version the publisher read. Raises CopyChanged when
    the copy was saved since, OriginalChanged when the original was saved after the copy
    was made, and ProtectedError when the draft drops a section the symptom form still
    recommends; in each case nothing changes.
    """
    draft = Article.objects_with_copies.copies().select_for_update().get(pk=draft.pk)
    if draft.version != reviewed_version:
        raise CopyChanged
    article = Article.objects.select_for_update().get(pk=draft.draft_of_id)
    if article.version != draft.draft_of_version:
        raise OriginalChanged
    for name in COPIED_FIELDS:
        setattr(article, name, getattr(draft, name))
    article._change_reason = reason
    article.save()
    article.related.set(draft.related.all())
    for model, part, _name, key in PARTS:
        current = {getattr(row, key): row for row in model.objects.filter(article=article)}
        wanted = {getattr(row, key): row for row in model.objects.filter(article=draft)}
        for gone in current.keys() - wanted.keys():
            current[gone]._change_reason = reason
            current[gone].delete()
        for value, row in wanted.items():
            kept = current.get(value) or model(article=article)
            for name, field_value in _values(row, part).items():
                setattr(kept, name, field_value)
            kept._change_reason = reason
            kept.save()
    draft.delete()
    return article


def _values(row, part):
    return {name: getattr(row, name) for name in PART_FIELDS[part]}


def _parts_by_key(article):
    """The article's sections and sources, keyed as they are matched when publishing."""
    return {
        model: {getattr(row, key): row for row in model.objects.filter(article=article)}
        for model, _part, _name, key in PARTS
    }
