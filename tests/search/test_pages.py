"""Long result lists come in pages of 10, so a common word never means a huge page."""

import pytest

from articles.models import Article


@pytest.fixture
def many_results(make_article, make_topic):
    topic = make_topic()
    return [make_article(title=f"Stretch {number:02d}", topic=topic) for number in range(15)]


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def test_the_first_page_shows_ten_results_and_a_next_link(client, many_results):
    content = html(client.get("/search/", {"q": "stretch"}))
    assert "15 results for ‘stretch’, showing 1 to 10" in content
    assert content.count('class="search-result"') == 10
    assert 'href="?q=stretch&amp;page=2" rel="next"' in content
    assert "Page 1 of 2" in content
    assert 'rel="prev"' not in content


def test_the_last_page_shows_the_rest_numbered_on(client, many_results):
    content = html(client.get("/search/", {"q": "stretch", "page": "2"}))
    assert ">15 results for ‘stretch’, showing 11 to 15" in content
    assert content.count('class="search-result"') == 5
    assert '<ol class="search-results" aria-labelledby="search-count" start="11">' in content
    assert 'href="?q=stretch&amp;page=1" rel="prev"' in content
    assert 'rel="next"' not in content


@pytest.mark.parametrize(
    ("page", "shown"), [("0", "11 to 15"), ("99", "11 to 15"), ("x", "1 to 10")]
)
def test_a_page_number_out_of_range_shows_a_real_page(client, many_results, page, shown):
    assert f"showing {shown}" in html(client.get("/search/", {"q": "stretch", "page": page}))


def test_one_page_of_results_has_no_page_links(client, make_article):
    make_article(title="Stretch gently", status=Article.Status.PUBLISHED)
    content = html(client.get("/search/", {"q": "stretch"}))
    assert "1 result for ‘stretch’</p>" in content
    assert "pagination" not in content


def test_the_page_links_keep_an_unusual_query_safe(client, many_results):
    content = html(client.get("/search/", {"q": "stretch &<x>"}))
    assert 'href="?q=stretch%20%26%3Cx%3E&amp;page=2"' in content
    content = html(client.get("/search/", {"q": "Stretch"}))
    assert 'href="?q=Stretch&amp;page=2"' in content


def test_a_very_common_word_counts_and_ranks_a_bounded_number_of_results(
    client, many_results, monkeypatch
):
    monkeypatch.setattr("search.matches.MOST_RESULTS", 11)

    content = html(client.get("/search/", {"q": "stretch", "page": "2"}))

    assert "More than 11 results for ‘stretch’, showing 11 to 11" in content
    assert content.count('class="search-result"') == 1


def test_words_each_in_few_articles_but_together_in_many_are_capped(
    client, make_article, make_topic, monkeypatch
):
    topic = make_topic()
    for number in range(8):
        make_article(title=f"Stretch {number}", topic=topic)
        make_article(title=f"Ice {number}", topic=topic)
    monkeypatch.setattr("search.matches.MOST_RESULTS", 11)

    content = html(client.get("/search/", {"q": "stretch ice", "page": "2"}))

    assert "More than 11 results for ‘stretch ice’, showing 11 to 11" in content
    assert content.count('class="search-result"') == 1


def test_as_many_matches_as_are_counted_are_not_said_to_be_more(client, many_results, monkeypatch):
    monkeypatch.setattr("search.matches.MOST_RESULTS", 15)

    content = html(client.get("/search/", {"q": "stretch", "page": "2"}))

    assert ">15 results for ‘stretch’, showing 11 to 15" in content
