from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from articles.caching import cached_for_readers
from articles.models import Article, Topic


def _topics_with_published_articles():
    published = Article.objects.published().order_by("title")
    return Topic.objects.prefetch_related(Prefetch("articles", queryset=published))


@cached_for_readers
def home(request):
    return render(request, "articles/home.html", {"topics": _topics_with_published_articles()})


@cached_for_readers
def topic_detail(request, slug):
    topic = get_object_or_404(_topics_with_published_articles(), slug=slug)
    return render(request, "articles/topic_detail.html", {"topic": topic})


@cached_for_readers
def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.published().select_related("topic").prefetch_related("sections", "sources"),
        slug=slug,
    )
    return render(request, "articles/article_detail.html", {"article": article})
