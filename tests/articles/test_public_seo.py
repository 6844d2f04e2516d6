"""What search engines and other machines read: metadata, structured data and the sitemap."""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def structured_data(content):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def test_article_has_an_absolute_canonical_url_and_a_description_from_its_summary(
    client, make_article
):
    article = make_article(slug="ice-or-heat", summary='Ice or heat? "Both" can help & soothe.')

    content = client.get("/articles/ice-or-heat/?utm_source=newsletter").content.decode()

    assert '<link rel="canonical" href="http://testserver/articles/ice-or-heat/">' in content
    assert (
        '<meta name="description" content="Ice or heat? &quot;Both&quot; can help &amp; soothe.">'
        in content
    )
    assert article.summary in structured_data(content)["description"]


def test_article_describes_itself_as_a_medical_web_page(client, make_article):
    article = make_article(
        title="Ice or heat",
        summary="Which one to use.",
        slug="ice-or-heat",
        last_reviewed=datetime.date(2026, 11, 25),
    )

    data = structured_data(client.get(article.get_absolute_url()).content.decode())

    assert data == {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": "Ice or heat",
        "description": "Which one to use.",
        "lastReviewed": "2026-11-25",
        "url": "http://testserver/articles/ice-or-heat/",
    }


def test_structured_data_cannot_break_out_of_its_script_element(client, make_article):
    title = "</script><script>alert(1)</script> & <!-- x"
    article = make_article(title=title)

    content = client.get(article.get_absolute_url()).content.decode()

    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)[1]
    assert "<" not in script
    assert ">" not in script
    assert "&" not in script
    assert "\\u003C/script\\u003E" in script
    assert structured_data(content)["name"] == title
    assert "<script>alert(1)" not in content


def test_structured_data_leaves_out_a_review_date_the_article_does_not_have(client, make_article):
    article = make_article(last_reviewed=None, next_review_due=None)

    content = client.get(article.get_absolute_url()).content.decode()

    assert "lastReviewed" not in structured_data(content)
    assert "Page last reviewed" not in content


def test_sitemap_lists_home_topics_and_published_articles_with_last_changes(
    client, make_topic, make_article
):
    topic = make_topic(slug="easing-the-pain")
    article = make_article(topic=topic, slug="ice-or-heat")
    draft = make_article(topic=topic, slug="unfinished", status=Article.Status.DRAFT)
    drafts_only_topic = make_topic(slug="coming-soon")
    make_article(topic=drafts_only_topic, status=Article.Status.DRAFT)
    Article.objects.filter(pk=article.pk).update(
        updated=datetime.datetime(2026, 11, 20, 9, tzinfo=UTC)
    )
    Article.objects.filter(pk=draft.pk).update(updated=datetime.datetime(2027, 1, 1, tzinfo=UTC))

    entries = sitemap_entries(client)

    assert entries == {
        "http://testserver/": None,
        "http://testserver/topics/easing-the-pain/": "2026-11-20",
        "http://testserver/articles/ice-or-heat/": "2026-11-20",
    }
