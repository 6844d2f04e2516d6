"""Home stays small however many articles a topic has: a few each, and a link to the rest."""

from articles.models import Article
from articles.views import HOME_ARTICLES_PER_TOPIC


def test_a_big_topic_shows_its_first_articles_and_links_to_all_of_them(
    client, make_topic, make_article
):
    big = make_topic(name="Easing the pain")
    titles = [f"Way {number:02d} to ease the pain" for number in range(HOME_ARTICLES_PER_TOPIC + 3)]
    for title in reversed(titles):
        make_article(topic=big, title=title)
    make_article(topic=big, title="Zzz unfinished", status=Article.Status.DRAFT)

    content = client.get("/").content.decode()

    for title in titles[:HOME_ARTICLES_PER_TOPIC]:
        assert title in content
    for title in titles[HOME_ARTICLES_PER_TOPIC:]:
        assert title not in content
    link = f'<a href="{big.get_absolute_url()}">See all {len(titles)} articles'
    assert link + '<span class="visually-hidden"> in Easing the pain</span></a>' in content


def test_a_small_topic_lists_all_its_articles_without_a_see_all_link(
    client, make_topic, make_article
):
    small = make_topic(name="Preventing the next one")
    for number in range(HOME_ARTICLES_PER_TOPIC):
        make_article(topic=small, title=f"Habit {number}")
    content = client.get("/").content.decode()
    assert all(f"Habit {number}" in content for number in range(HOME_ARTICLES_PER_TOPIC))
    assert "See all" not in content
