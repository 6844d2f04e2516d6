"""Seed the site with its shipped content, without ever touching what is already there.

Content in the database belongs to the editors. The fixtures are the starting content: on an
empty site they are loaded whole, and on a site in use only what is missing is added. A row
that already exists (found by its natural key) is left exactly as it is, and so are its parts:
a section, source or answer is only added together with the new article or question it
belongs to, so a part an editor deleted does not come back, and neither do its own parts.
"""

from dataclasses import dataclass, field

import yaml
from django.apps import apps
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.pyyaml import SafeLoader
from django.db import models, transaction
from simple_history.models import HistoricalChanges

from search import index as search_index

SHIPPED_CONTENT_REASON = "Shipped content"


@dataclass
class SeedReport:
    added: dict = field(default_factory=dict)
    kept: dict = field(default_factory=dict)

    def count(self, tally, model):
        label = model._meta.label
        tally[label] = tally.get(label, 0) + 1


def _parents(instance):
    """(model, pk) of each row this one is a part of: its CASCADE foreign keys."""
    for model_field in instance._meta.concrete_fields:
        if (
            isinstance(model_field, models.ForeignKey)
            and model_field.remote_field.on_delete is models.CASCADE
        ):
            parent_pk = getattr(instance, model_field.attname)
            if parent_pk is not None:
                yield model_field.related_model, parent_pk


def _exists(instance):
    return (
        # The base manager sees every row, even those a default manager leaves out (an
        # article's draft copies).
        instance.pk is not None and type(instance)._base_manager.filter(pk=instance.pk).exists()
    )


def _record_history(instance):
    history = getattr(type(instance), "history", None)
    if history is not None and isinstance(history.model(), HistoricalChanges):
        history.bulk_history_create([instance], default_change_reason=SHIPPED_CONTENT_REASON)


def _fixture_objects(path):
    """(model, deserialized object) for each object in the fixture at ``path``; the object is
    None when a row it belongs to is gone, which only an editor's deletion explains once
    loading the fixtures into an empty database (as ``loaddata`` does in the tests) works."""
    with open(path, encoding="utf-8") as stream:
        raw_objects = yaml.load(stream, Loader=SafeLoader) or []  # noqa: S506 - the safe loader
    for raw in raw_objects:
        model = apps.get_model(raw["model"])
        try:
            (item,) = serializers.deserialize("python", [raw], handle_forward_references=True)
        except ObjectDoesNotExist:
            item = None
        yield model, item


def seed(paths):
    """Add what the fixtures at `paths` hold and the database lacks; return a SeedReport."""
    report = SeedReport()
    created = set()
    added = []
    deferred = []
    # Each new article is indexed for search once, at the end, not again for every section.
    with transaction.atomic(), search_index.deferred():
        for path in paths:
            for model, item in _fixture_objects(path):
                if item is None:
                    report.count(report.kept, model)
                    continue
                instance = item.object
                part_of_existing = any(
                    (parent, pk) not in created for parent, pk in _parents(instance)
                )
                if part_of_existing or _exists(instance):
                    report.count(report.kept, model)
                    continue
                item.save()
                created.add((model, instance.pk))
                added.append(instance)
                report.count(report.added, model)
                if item.deferred_fields:
                    deferred.append(item)
        for item in deferred:
            item.save_deferred_fields()
        # Last, so each first version includes the links to articles loaded after it.
        for instance in added:
            _record_history(instance)
    return report
