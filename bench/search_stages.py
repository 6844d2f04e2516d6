"""Time the stages of a search results page on the current database, without HTTP:

    DATABASE_URL=... python -m bench.search_stages stretch "back spasm"

For each query: how many articles match, and the median time of reading the query
(synonyms, known words, spelling), of counting the matches (which ranks them: one statement
does both), of fetching the ranked first page (the count included, as a request does it),
and of describing that page (highlighted titles and snippets). Run it
on a database built as bench/run.py builds one (migrate, load fixtures/, bench.corpus N) to
see which stage grows with the corpus.
"""

import argparse
import os
import statistics
import time

REPEATS = 5
PAGE_SIZE = 10


def median_ms(work, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def stages(query):
    from search.query import read

    page = read(query).matches[:PAGE_SIZE]
    return {
        "matches": read(query).matches.count(),
        "read_ms": median_ms(lambda: read(query)),
        "count_ms": median_ms(lambda: read(query).matches.count()),
        "page_ms": median_ms(lambda: read(query).matches[:PAGE_SIZE]),
        "describe_ms": median_ms(lambda: describe_afresh(page, query)),
    }


def describe_afresh(page, query):
    """Describe the page as a request would, reading its sections again each time."""
    from search.query import read
    from search.results import describe

    for article in page:
        article.__dict__.pop("_prefetched_objects_cache", None)
    return [(result.title_html, result.snippet_html) for result in describe(page, read(query))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("queries", nargs="+")
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")
    import django

    django.setup()
    for query in options.queries:
        figures = stages(query)
        print(
            f"{query!r}: {figures['matches']} matches, "
            f"reading the query {figures['read_ms']:.1f} ms, count {figures['count_ms']:.1f} ms, "
            f"ranked page {figures['page_ms']:.1f} ms, describe {figures['describe_ms']:.1f} ms"
        )


if __name__ == "__main__":
    main()
