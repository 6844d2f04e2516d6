"""Searching as the search page does, for tests that look at every result."""

from search.query import read
from search.results import describe


def search(query, **options):
    """Every result for ``query``, best first, described as the page shows them."""
    found = read(query, **options)
    return describe(found.matches[0 : found.matches.count()], found)


def titles(query, **options):
    return [result.article.title for result in search(query, **options)]
