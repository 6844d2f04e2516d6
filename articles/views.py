from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from articles.models import Article, Topic
from site_config.caching import cached_for_readers

# Home links to every topic; a topic with more articles than this links to its own page.
HOME_ARTICLES_PER_TOPIC = 6


@cached_for_readers
@require_safe
def home(request):
    topics = Topic.objects.for_home_page(articles_per_topic=HOME_ARTICLES_PER_TOPIC)
    return render(
        request,
        "articles/home.html",
        {"topics": topics, "canonical_url": request.build_absolute_uri(reverse("articles:home"))},
    )


@cached_for_readers
@require_safe
def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.with_published_articles(), slug=slug)
    return render(
        request,
        "articles/topic_detail.html",
        {"topic": topic, "canonical_url": request.build_absolute_uri(topic.get_absolute_url())},
    )


@cached_for_readers
@require_safe
def article_detail(request, slug):
    # Staff preview a draft copy on its own address too, as they preview any draft.
    articles = Article.objects_with_copies if request.user.is_staff else Article.objects
    article = get_object_or_404(articles.visible_to(request.user).with_page_content(), slug=slug)
    canonical_url = request.build_absolute_uri(article.get_absolute_url())
    structured_data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "description": article.summary,
        "url": canonical_url,
    }
    if article.last_reviewed:
        structured_data["lastReviewed"] = article.last_reviewed
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "canonical_url": canonical_url,
            "structured_data": structured_data,
        },
    )
    if not article.is_published:
        # A staff preview of a draft must never be kept by a shared cache or the browser.
        add_never_cache_headers(response)
    return response
