"""An article's versions: what changed between them, and restoring one, sections included.

django-simple-history records a row for every save of an article, a section and a source.
An article version is one article record. Each section and source record holds the id of
the article version it was saved with (``article_history_id``, set when the record is made:
the article's latest version then). The admin, drafts and restores save the article
before its sections and sources, so the records of one save share that save's version. A
version's sections and sources are then the latest record of each saved with it or with an
earlier version, however close together the saves came.

Records made before that id was kept have none; for those, a version's sections and
sources are the records made before the article's next save (or until now, for the
latest version), by their time.
"""

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article, Section, Source
from articles.parts import park_unique_values
from articles.permissions import may_change_article, require
from search import index as search_index

# Bookkeeping fields that change on every save and say nothing about the content.
UNCOMPARED_FIELDS = {"id", "article", "created", "updated", "version", "body_html"}
UNCOMPARED_FIELDS |= {"draft_of", "draft_of_version"}
# A restore brings back the words, never a publication decision (that needs a publisher).
UNRESTORED_FIELDS = UNCOMPARED_FIELDS | {"status", "published_at"}
WORD_WITH_SPACE = re.compile(r"\s*\S+\s*|\s+")
# Each part of an article: its model, its name, the field that names it and the field that
# must be unique within the article.
PARTS = [(Section, "section", "heading", "slug"), (Source, "source", "title", "url")]


@dataclass
class FieldChange:
    label: str
    words: list  # (kind, text) pairs; kind is "same", "removed" or "added"


@dataclass
class PartChange:
    kind: str  # "added", "removed" or "changed"
    part: str  # "section" or "source"
    name: str
    fields: list = field(default_factory=list)


def word_diff(old, new):
    """The two texts as one list of unchanged, removed and added runs of words or lines."""
    # Markdown with several lines reads best compared line by line; a line, word by word.
    if "\n" in old or "\n" in new:
        old_words, new_words = old.splitlines(keepends=True), new.splitlines(keepends=True)
    else:
        old_words, new_words = WORD_WITH_SPACE.findall(old), WORD_WITH_SPACE.findall(new)
    runs = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", "".join(old_words[old_start:old_end])))
            continue
        if old_end > old_start:
            runs.append(("removed", "".join(old_words[old_start:old_end])))
        if new_end > new_start:
            runs.append(("added", "".join(new_words[new_start:new_end])))
    return runs


def compared_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in UNCOMPARED_FIELDS]


def shown_value(record, model_field):
    """A field's value as an editor would recognise it: names, labels and local times."""
    if record is None:
        return ""
    value = getattr(record, model_field.attname)
    if value is None:
        return ""
    if model_field.is_relation:
        return str(getattr(record, model_field.name, value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def field_changes(model, old, new, fields=None):
    """FieldChanges between two records (historical or live) of the same model, in all
    compared fields or only in ``fields``."""
    changes = []
    for model_field in fields or compared_fields(model):
        before = getattr(old, model_field.attname) if old is not None else None
        after = getattr(new, model_field.attname) if new is not None else None
        if before != after:
            words = word_diff(shown_value(old, model_field), shown_value(new, model_field))
            changes.append(FieldChange(model_field.verbose_name, words))
    return changes


ONE_TICK = datetime.timedelta(microseconds=1)


def latest_version_id(article_id, using=None):
    """The history id of the article's latest version: the one a part saved now belongs to."""
    versions = Article.history.using(using).filter(id=article_id)
    return versions.aggregate(latest=Max("history_id"))["latest"]


def moment_of(version):
    """Until when records with no version id belong to this article version (by time)."""
    newer = version.next_record
    return timezone.now() if newer is None else newer.history_date - ONE_TICK


def parts_of(model, version, moment=None):
    """The sections (or sources) of this article version, by id.

    ``moment`` is moment_of(version), when the caller knows it already.
    """
    saved_with = Q(article_history_id__lte=version.history_id)
    saved_before = Q(
        article_history_id__isnull=True, history_date__lte=moment or moment_of(version)
    )
    records = model.history.filter(Q(article_id=version.id) & (saved_with | saved_before))
    # The latest record of each part: none of the same part comes after it, in time or,
    # for records made at the same moment, in the order they were made.
    later = records.filter(
        Q(history_date__gt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id")),
        id=OuterRef("id"),
    )
    latest = records.filter(~Exists(later)).exclude(history_type="-")
    return {record.id: record for record in latest}


def snapshot(version, moment=None):
    return {model: parts_of(model, version, moment) for model, *_rest in PARTS}


def part_changes(before, after):
    """PartChanges between two snapshots; `before` is empty for the first version."""
    changes = []
    for model, part, name_field, _unique_field in PARTS:
        old_parts, new_parts = before.get(model, {}), after[model]
        for part_id in sorted(old_parts.keys() | new_parts.keys()):
            old, new = old_parts.get(part_id), new_parts.get(part_id)
            name = getattr(new or old, name_field)
            if old is None:
                changes.append(PartChange("added", part, name, field_changes(model, None, new)))
            elif new is None:
                changes.append(PartChange("removed", part, name))
            elif fields := field_changes(model, old, new):
                changes.append(PartChange("changed", part, name, fields))
    return changes


@dataclass
class Version:
    record: object  # the historical article row
    changes: list
    part_changes: list
    is_current: bool  # the newest version, which is the article as it is now


VERSIONS_PER_PAGE = 10


def versions_page(article, page_number):
    """One page of the article's versions, newest first, each with what it changed.

    Only the versions on the page are read, with one either side: the newer one says when
    a version's sections and sources stopped being current, the older one what it changed.
    """
    history = article.history.select_related("history_user")
    page = Paginator(history, VERSIONS_PER_PAGE).get_page(page_number)
    if not page.object_list:
        return page
    first = page.start_index() - 1
    window_start = max(first - 1, 0)
    window = list(history[window_start : page.end_index() + 1])

    def moment(position):
        """The moment whose parts belong to the version at this place in the window."""
        if position == 0 and window_start == 0:
            return timezone.now()
        return window[position - 1].history_date - ONE_TICK

    shown = range(first - window_start, page.end_index() - window_start)
    snapshots = {
        position: snapshot(window[position], moment(position))
        for position in [*shown, shown[-1] + 1]
        if position < len(window)
    }
    page.object_list = [
        Version(
            record=window[position],
            changes=field_changes(Article, _at(window, position + 1), window[position]),
            part_changes=part_changes(snapshots.get(position + 1, {}), snapshots[position]),
            is_current=window_start == 0 and position == 0,
        )
        for position in shown
    ]
    return page


def _at(records, position):
    return records[position] if position < len(records) else None


def check_may_restore(*, user, article):
    require(
        may_change_article(user=user, article=article),
        "Only someone who may change this article may restore one of its versions.",
    )


@transaction.atomic
@search_index.deferred()
def restore(*, article, version, user):
    """Bring the article and its sections and sources back to how they were in `version`.

    Every row this changes is saved normally, so the restore is itself recorded in the
    history, by whoever is signed in. Its status and publication date stay as they are.
    """
    check_may_restore(user=user, article=article)
    reason = f"Restored the version of {timezone.localtime(version.history_date):%d %b %Y %H:%M}"
    for model_field in Article._meta.concrete_fields:
        if model_field.name not in UNRESTORED_FIELDS:
            setattr(article, model_field.attname, getattr(version, model_field.attname))
    article._change_reason = reason
    article.save()

    moment = moment_of(version)
    for model, *_rest in PARTS:
        wanted = parts_of(model, version, moment)
        current = model.objects.filter(article=article)
        for unwanted in current.exclude(pk__in=wanted):
            unwanted._change_reason = reason
            unwanted.delete()
        # Two kept parts may have swapped slugs (or URLs) since; park the old values on
        # unique placeholders so restoring one never collides with the other.
        park_unique_values(parts=current.filter(pk__in=wanted), purpose="restoring")
        for record in sorted(wanted.values(), key=lambda record: record.order):
            restored = record.instance
            restored._change_reason = reason
            # save() updates the row if the part still exists and recreates it, with
            # the same id, if it was deleted.
            restored.save()
