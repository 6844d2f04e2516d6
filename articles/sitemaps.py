from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Topic


class HomeSitemap(Sitemap):
    priority = 1.0

    def items(self):
        return ["articles:home"]

    def location(self, item):
        return reverse(item)


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.having_published_articles()

    def lastmod(self, topic):
        return topic.last_updated


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published().only("slug", "updated").order_by("slug")

    def lastmod(self, article):
        return article.updated


sitemaps = {"home": HomeSitemap, "topics": TopicSitemap, "articles": ArticleSitemap}
