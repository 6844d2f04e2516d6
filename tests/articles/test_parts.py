"""Sections and sources that swap their anchors or addresses within one save."""

import pytest
from django.db import IntegrityError, transaction

from articles import parts
from articles.models import Section, Source

pytestmark = pytest.mark.django_db


def test_two_sections_swap_anchors_once_theirs_are_parked(make_article):
    article = make_article()
    first, second = article.sections.all()
    first.slug, second.slug = "section-2", "section-1"
    with pytest.raises(IntegrityError), transaction.atomic():
        first.save()

    parts.park_unique_values(parts=article.sections.all(), purpose="moving")
    first.save()
    second.save()

    assert list(article.sections.values_list("heading", "slug")) == [
        ("Section 1", "section-2"),
        ("Section 2", "section-1"),
    ]


def test_a_parked_address_is_still_a_web_address(make_article):
    article = make_article()

    parts.park_unique_values(parts=article.sources.all(), purpose="moving")

    source = article.sources.get()
    assert source.url == f"https://moving.invalid/{source.pk}"
    assert parts.unique_field(model=Source) == "url"
    assert parts.unique_field(model=Section) == "slug"
