"""A source's address is always a web address (http or https), whatever way it arrives."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import Article, Source

pytestmark = pytest.mark.django_db

NOT_WEB = ["javascript:alert(document.cookie)", "JavaScript://%0aalert(1)", "ftp://example.org/x"]


@pytest.mark.parametrize("url", NOT_WEB)
def test_the_database_refuses_a_source_address_that_is_not_http_or_https(make_article, url):
    article = make_article()
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.create(
            article=article, title="Bad", publisher="X", url=url, accessed=datetime.date(2026, 1, 1)
        )


@pytest.mark.parametrize("url", NOT_WEB)
def test_a_source_address_that_is_not_http_or_https_is_never_drawn_as_a_link(url):
    source = Source(title="A source", publisher="X", url=url, accessed=datetime.date(2026, 1, 1))

    html = render_to_string("articles/includes/sources.html", {"sources": [source]})

    assert "A source" in html
    assert "href" not in html


def test_a_web_address_is_drawn_as_a_link():
    source = Source(
        title="NHS", publisher="NHS", url="https://www.nhs.uk/", accessed=datetime.date(2026, 1, 1)
    )

    html = render_to_string("articles/includes/sources.html", {"sources": [source]})

    assert '<a href="https://www.nhs.uk/">NHS</a>' in html


def test_the_admin_refuses_an_ftp_address_with_a_message(
    editor_client, make_article, article_form_data
):
    article = make_article(status=Article.Status.DRAFT)
    data = article_form_data(
        article,
        sources=[
            {
                "id": "",
                "order": 1,
                "title": "Old",
                "publisher": "X",
                "url": "ftp://example.org/",
                "accessed": "2026-01-01",
            }
        ],
    )

    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    assert not article.sources.filter(url__startswith="ftp").exists()
