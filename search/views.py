from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from articles.models import Topic
from search.query import clean_query, read
from search.results import describe

# Ten, as on NHS.UK: a page a phone shows in a few screens, and quick to build.
RESULTS_PER_PAGE = 10
# The link under a corrected search ("Search instead for ...") sets this, to search for
# the words exactly as typed.
AS_TYPED = "as-typed"


# A query can say something about the person's health, so no cache, shared or the browser's,
# may keep one; it is also quick to answer afresh.
@never_cache
@require_safe
def results(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    as_typed = request.GET.get("spelling") == AS_TYPED
    search = read(query, correct_spelling=not as_typed)
    page = Paginator(search.matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    nothing_found = bool(query) and not page.paginator.count
    results = describe(page, search)
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "shortened": shortened,
            "search": search,
            "as_typed": AS_TYPED,
            "spelling": AS_TYPED if as_typed else "",
            "page": page,
            "results": results,
            "suggestion": search.suggestion() if nothing_found else "",
            # Only when there is nothing to show, to suggest where to look instead: even
            # unread, the query costs a results page time to build.
            "topics": () if results else Topic.objects.having_published_articles(),
        },
    )
