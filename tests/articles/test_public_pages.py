"""The pages a reader sees: home, topics and articles, and how drafts stay hidden."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from articles.models import Article, Section, Source

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_user("editor", password="x" * 12, is_staff=True))
    return client


def test_home_leads_to_the_emergency_signs_then_shows_topics_with_published_articles(
    client, make_topic, make_article
):
    topic = make_topic(name="Easing the pain", description="Things to try at home.")
    make_article(topic=topic, title="Ice or heat")
    make_article(topic=topic, title="Unfinished advice", status=Article.Status.DRAFT)

    content = html(client.get("/"))

    # The way to the emergency signs comes first; the full list closes the page.
    entry = content.index('href="#emergency-signs"')
    assert entry < content.index("Easing the pain")
    assert 'id="emergency-signs"' in content
    assert "When to get help straight away" in content
    assert 'href="/topics/' + topic.slug + '/"' in content
    assert "Things to try at home." in content
    assert "Ice or heat" in content
    assert "Unfinished advice" not in content


def test_home_leaves_out_a_topic_whose_articles_are_all_drafts(client, make_topic, make_article):
    make_article(topic=make_topic(name="Coming soon"), status=Article.Status.DRAFT)
    assert "Coming soon" not in html(client.get("/"))


def test_topic_page_lists_its_published_articles_with_summaries(client, make_topic, make_article):
    topic = make_topic(name="Recovery", description="Getting back to normal.")
    make_article(topic=topic, title="Going back to work", summary="When and how to return.")
    make_article(topic=topic, title="Secret plan", status=Article.Status.DRAFT)
    make_article(title="In another topic")

    response = client.get(topic.get_absolute_url())

    assert response.status_code == 200
    content = html(response)
    assert "<h1>Recovery</h1>" in content
    assert 'aria-label="Breadcrumb"' in content
    assert '<a href="/">Home</a>' in content
    assert "Going back to work" in content
    assert "When and how to return." in content
    assert "Secret plan" not in content
    assert "In another topic" not in content
    assert f'<link rel="canonical" href="http://testserver{topic.get_absolute_url()}">' in content


def test_home_and_topic_pages_list_articles_in_the_order_editors_chose(
    client, make_topic, make_article
):
    topic = make_topic(name="When to get help")
    titles = ["Zoster or sciatica", "Appointments", "Booking a scan"]  # as editors ordered them
    for title, order in zip(titles, [1, 2, 2], strict=True):
        make_article(topic=topic, title=title, order=order)

    for address in ["/", topic.get_absolute_url()]:
        content = html(client.get(address))
        positions = [content.index(f">{title}<") for title in titles]
        assert positions == sorted(positions), address


def test_unknown_topic_is_not_found(client):
    assert client.get("/topics/no-such-topic/").status_code == 404


def test_unknown_article_is_not_found(client):
    assert client.get("/articles/no-such-article/").status_code == 404


def test_article_page_shows_everything_a_reader_needs_in_order(client, make_topic, make_article):
    topic = make_topic(name="Easing the pain")
    article = make_article(
        topic=topic,
        title="Ice or heat",
        summary="Which one to use and for how long.",
        last_reviewed=datetime.date(2026, 11, 25),
        next_review_due=datetime.date(2029, 11, 25),
        sections=3,
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    content = html(response)
    breadcrumbs = content[content.index('aria-label="Breadcrumb"') :]
    assert f'<a href="{topic.get_absolute_url()}">Easing the pain</a>' in breadcrumbs
    assert "<h1>Ice or heat</h1>" in content
    assert '<p class="lede">Which one to use and for how long.</p>' in content
    assert "On this page" in content
    for section in article.sections.all():
        assert f'<a href="#{section.slug}">{section.heading}</a>' in content
        assert f'id="{section.slug}"' in content
    assert "<em>emphasis</em>" in content, "the section's stored HTML is shown as HTML"
    positions = [
        content.index(marker)
        for marker in (
            "<h1>",
            "On this page",
            'id="section-3"',
            "Sources",
            "Page last reviewed: 25 November 2026",
            "Next review due: 25 November 2029",
            "When to get help straight away",
        )
    ]
    assert positions == sorted(positions)


def test_article_lists_its_sources_with_publisher_link_and_date(client, make_article):
    article = make_article()
    Source.objects.create(
        article=article,
        order=2,
        title="Low back pain and sciatica in over 16s",
        publisher="NICE",
        url="https://www.nice.org.uk/guidance/ng59",
        accessed=datetime.date(2026, 10, 1),
    )

    content = html(client.get(article.get_absolute_url()))

    assert (
        '<a href="https://www.nice.org.uk/guidance/ng59">Low back pain and sciatica in over 16s</a>'
        in content
    )
    assert "(NICE)" in content
    assert "Accessed 1 October 2026" in content
    assert content.index("Back pain</a>") < content.index("Low back pain and sciatica")


def test_article_shows_only_published_related_articles(client, make_article):
    article = make_article(title="Ice or heat")
    published = make_article(title="Moving while it hurts")
    draft = make_article(title="Half-written page", status=Article.Status.DRAFT)
    article.related.set([published, draft])

    content = html(client.get(article.get_absolute_url()))

    assert f'<a href="{published.get_absolute_url()}">Moving while it hurts</a>' in content
    assert "Half-written page" not in content
    assert draft.get_absolute_url() not in content


def test_article_without_related_articles_has_no_empty_related_list(client, make_article):
    assert "Related information" not in html(client.get(make_article().get_absolute_url()))


@override_settings(SITE_EMERGENCY_NUMBER="999")
def test_emergency_number_placeholder_is_replaced_by_the_sites_number(client, make_article):
    article = make_article(sections=0)
    Section.objects.create(
        article=article,
        heading="Call for help",
        slug="call-for-help",
        summary="When to call.",
        body="Call [{emergency_number}](tel:{emergency_number}) if you cannot feel your legs.",
    )

    content = html(client.get(article.get_absolute_url()))

    assert '<a href="tel:999" rel="noopener noreferrer">999</a>' in content
    assert "{emergency_number}" not in content


def test_draft_is_not_found_by_the_public_or_by_signed_in_non_staff(client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404

    client.force_login(User.objects.create_user("reader", password="x" * 12))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_on_its_real_page_with_a_banner_and_no_caching(
    staff_client, make_article
):
    draft = make_article(title="Work in progress", status=Article.Status.DRAFT)

    response = staff_client.get(draft.get_absolute_url())

    assert response.status_code == 200
    content = html(response)
    assert "This is a draft. It is not visible to the public." in content
    assert "<h1>Work in progress</h1>" in content
    assert '<meta name="robots" content="noindex, nofollow">' in content
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-cache" in cache_control


def test_staff_see_no_draft_banner_on_a_published_article(staff_client, make_article):
    content = html(staff_client.get(make_article().get_absolute_url()))
    assert "This is a draft" not in content


def test_staff_preview_of_a_draft_still_hides_draft_related_articles(staff_client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    other_draft = make_article(title="Another unfinished page", status=Article.Status.DRAFT)
    draft.related.set([other_draft])

    assert "Another unfinished page" not in html(staff_client.get(draft.get_absolute_url()))


def test_every_public_page_has_a_labelled_search_box_in_the_header(client, make_article):
    article = make_article()
    for url in ("/", article.topic.get_absolute_url(), article.get_absolute_url()):
        content = html(client.get(url))
        assert 'action="/search/" method="get"' in content
        assert '<label class="search-form__label visually-hidden" for="header-search">' in content
        assert 'id="header-search" name="q"' in content


def test_pages_refuse_to_be_posted_to(client, make_article):
    assert client.post(make_article().get_absolute_url()).status_code == 405


@pytest.mark.parametrize("sections", [1, 20])
def test_article_page_needs_at_most_five_queries_whatever_its_size(
    client, make_article, django_assert_max_num_queries, sections
):
    article = make_article(sections=sections)
    accessed = datetime.date(2026, 11, 25)
    article.sources.update(accessed=accessed)
    for number in range(2, 6):
        Source.objects.create(
            article=article,
            order=number,
            title=f"Source {number}",
            publisher="NHS",
            url=f"https://www.nhs.uk/{number}/",
            accessed=accessed,
        )
        article.related.add(make_article(sections=2))

    # A first view: one query reads the content version for the page cache, four the page.
    with django_assert_max_num_queries(5):
        response = client.get(article.get_absolute_url())

    content = html(response)
    assert content.count('class="article-section"') == sections
    assert content.count("Accessed 25 November 2026") == 5
    assert content.count('<li><a href="/articles/') == 4


@pytest.mark.parametrize("articles", [1, 10])
def test_home_and_topic_pages_need_a_fixed_number_of_queries(
    client, make_topic, make_article, django_assert_max_num_queries, articles
):
    topic = make_topic()
    for _ in range(articles):
        make_article(topic=topic)
        make_article()

    # First views: one query reads the content version for the page cache, two the page.
    with django_assert_max_num_queries(3):
        client.get("/")
    with django_assert_max_num_queries(3):
        client.get(topic.get_absolute_url())


def test_section_anchors_never_clash_with_other_ids_on_the_page(client, make_article):
    article = make_article(sections=0)
    for order, slug in enumerate(["sources", "related", "contents", "on-this-page"]):
        Section.objects.create(
            article=article, order=order, heading=slug.title(), slug=slug, summary="s", body="b"
        )

    ids = re.findall(r'\sid="([^"]+)"', html(client.get(article.get_absolute_url())))

    assert {"sources", "related", "contents", "on-this-page"} <= set(ids)
    assert len(ids) == len(set(ids))


def test_home_and_every_article_lead_to_the_symptom_form(client, make_article):
    article = make_article()
    for url in ["/", article.get_absolute_url()]:
        content = client.get(url).content.decode()
        assert 'href="/check-your-symptoms/"' in content, url


def test_article_names_its_clinical_reviewer_and_role(client, make_article):
    article = make_article(
        reviewed_by="Editorial team", clinical_reviewer="Sam Patel", clinical_reviewer_role="GP"
    )

    content = html(client.get(article.get_absolute_url()))

    assert "Edited by: Editorial team" in content
    assert "Clinical reviewer: Sam Patel, GP" in content


def test_article_without_a_clinical_reviewer_says_so(client, make_article):
    article = make_article(clinical_reviewer="")

    content = html(client.get(article.get_absolute_url()))

    assert "Clinical reviewer: not named yet" in content
