"""Searching as the search page does, for tests that look at every result."""

from articles.search import describe, search_articles


def search(query):
    """Every result for ``query``, best first, described as the page shows them."""
    return describe(search_articles(query), query)
