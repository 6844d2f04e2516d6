"""Public pages are cached for readers, and an editor's change shows at once.

Pages are changed behind the cache's back with QuerySet.update() (which sends no signal)
to show what a reader is served from the cache; real edits go through save() and delete(),
as the admin does.
"""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.http import HttpResponse
from django.template import engines
from django.test import override_settings
from django.urls import path

from articles.models import Article, Section, Source
from site_config.caching import cached_for_readers


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(make_article):
    return make_article(title="Ice and heat")


def quietly_retitle(article, title):
    Article.objects.filter(pk=article.pk).update(title=title)


def page(client, url, **extra):
    response = client.get(url, **extra)
    return response.status_code, response.content.decode()


def test_a_reader_is_served_the_cached_page(client, article):
    assert "Ice and heat" in page(client, article.get_absolute_url())[1]
    quietly_retitle(article, "Renamed without telling anyone")
    assert "Ice and heat" in page(client, article.get_absolute_url())[1]


def test_saving_an_article_shows_the_change_at_once(client, article):
    page(client, article.get_absolute_url())
    article.title = "Ice or heat"
    article.save()
    assert "Ice or heat" in page(client, article.get_absolute_url())[1]


def test_unpublishing_takes_the_page_down_at_once(client, article):
    assert page(client, article.get_absolute_url())[0] == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert page(client, article.get_absolute_url())[0] == 404


def test_publishing_puts_the_page_up_at_once(client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    assert page(client, draft.get_absolute_url())[0] == 404
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert page(client, draft.get_absolute_url())[0] == 200


def test_deleting_an_article_takes_it_off_the_home_page(client, article):
    assert article.title in page(client, "/")[1]
    article.delete()
    assert article.title not in page(client, "/")[1]


def test_editing_deleting_and_adding_sections_shows_at_once(client, article):
    url = article.get_absolute_url()
    section = article.sections.first()
    page(client, url)
    section.body = "Wrap the ice pack in a towel."
    section.save()
    assert "Wrap the ice pack in a towel." in page(client, url)[1]
    section.delete()
    assert "Wrap the ice pack in a towel." not in page(client, url)[1]
    Section.objects.create(
        article=article, order=9, heading="Heat", slug="heat", summary="Warmth.", body="Warmth."
    )
    assert "Warmth." in page(client, url)[1]


def test_editing_adding_and_deleting_sources_shows_at_once(client, article):
    url = article.get_absolute_url()
    source = article.sources.get()
    page(client, url)
    quietly_retitle(article, "Sources checked")
    source.title = "Back pain: self-care"
    source.save()
    assert "Sources checked" in page(client, url)[1]

    quietly_retitle(article, "Source removed")
    source.delete()
    assert "Source removed" in page(client, url)[1]

    quietly_retitle(article, "Source added")
    Source.objects.create(
        article=article,
        title="Low back pain",
        publisher="NICE",
        url="https://www.nice.org.uk/guidance/ng59",
        accessed=source.accessed,
    )
    assert "Source added" in page(client, url)[1]


def test_renaming_a_topic_shows_on_home_topic_and_article_pages(client, article):
    topic = article.topic
    for url in ("/", topic.get_absolute_url(), article.get_absolute_url()):
        page(client, url)
    topic.name = "Easing the pain"
    topic.save()
    for url in ("/", topic.get_absolute_url(), article.get_absolute_url()):
        assert "Easing the pain" in page(client, url)[1], url


def test_changing_related_articles_shows_at_once(client, make_article):
    first, second = make_article(), make_article()
    page(client, first.get_absolute_url())
    quietly_retitle(first, "Related articles changed")
    first.related.add(second)
    assert "Related articles changed" in page(client, first.get_absolute_url())[1]


def test_loading_fixtures_counts_as_a_change(client, db):
    assert page(client, "/articles/what-is-a-back-spasm/")[0] == 404
    call_command("loaddata", "articles", verbosity=0)
    assert page(client, "/articles/what-is-a-back-spasm/")[0] == 200


def test_a_reader_with_a_session_gets_a_freshly_rendered_page(client, article):
    page(client, article.get_absolute_url())
    quietly_retitle(article, "Fresh for this reader")
    client.cookies["sessionid"] = "an-editors-session"
    assert "Fresh for this reader" in page(client, article.get_absolute_url())[1]


def test_a_staff_preview_of_a_draft_is_never_cached_or_shown_to_readers(client, make_article):
    editor = User.objects.create_user("editor", password="x" * 12, is_staff=True)
    draft = make_article(title="Work in progress", status=Article.Status.DRAFT)
    client.force_login(editor)
    client.get(draft.get_absolute_url())
    reader = client.__class__()
    assert page(reader, draft.get_absolute_url())[0] == 404


def test_pages_staff_see_are_not_shared_with_readers(client, article):
    editor = User.objects.create_user("editor", password="x" * 12, is_staff=True)
    client.force_login(editor)
    client.get(article.get_absolute_url())
    quietly_retitle(article, "Rendered for the reader")
    reader = client.__class__()
    assert "Rendered for the reader" in page(reader, article.get_absolute_url())[1]


def test_cached_responses_vary_on_cookie(client, article):
    client.get(article.get_absolute_url())
    response = client.get(article.get_absolute_url())
    assert "Cookie" in response["Vary"]


def test_the_cache_key_includes_the_host(client, article):
    page(client, article.get_absolute_url(), HTTP_HOST="localhost")
    quietly_retitle(article, "Seen through another host name")
    assert (
        "Seen through another host name"
        in page(client, article.get_absolute_url(), HTTP_HOST="127.0.0.1")[1]
    )


def test_public_pages_carry_no_csrf_token(client, article):
    for url in ("/", article.topic.get_absolute_url(), article.get_absolute_url()):
        status, html = page(client, url)
        assert status == 200
        assert "csrfmiddlewaretoken" not in html


renders = []


@cached_for_readers
def page_with_a_form(request):
    renders.append(request.path)
    template = engines["django"].from_string("<form method='post'>{% csrf_token %}</form>")
    return HttpResponse(template.render(request=request))


@cached_for_readers
def page_setting_a_cookie(request):
    renders.append(request.path)
    response = HttpResponse("Hello")
    response.set_cookie("seen", "yes")
    return response


@cached_for_readers
def plain_page(request):
    renders.append(request.path)
    return HttpResponse("Hello")


urlpatterns = [
    path("form/", page_with_a_form),
    path("cookie/", page_setting_a_cookie),
    path("plain/", plain_page),
]


@pytest.mark.parametrize(
    ("url", "times_rendered"), [("/form/", 2), ("/cookie/", 2), ("/plain/", 1)]
)
@override_settings(ROOT_URLCONF=__name__)
def test_pages_with_a_csrf_token_or_a_cookie_are_never_shared(client, db, url, times_rendered):
    renders.clear()
    first, second = client.get(url), client.__class__().get(url)
    assert first.content == second.content or url == "/form/"
    assert renders.count(url) == times_rendered


def test_a_repeat_view_costs_one_query_whatever_the_page(
    client, make_article, django_assert_num_queries
):
    article = make_article(sections=6)
    for url in ("/", article.topic.get_absolute_url(), article.get_absolute_url()):
        client.get(url)
        with django_assert_num_queries(1):
            assert client.get(url).status_code == 200


def test_compressed_and_plain_copies_are_kept_apart(client, article):
    url = article.get_absolute_url()
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(url)
    again_compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == again_compressed["Content-Encoding"] == "gzip"
    assert not plain.has_header("Content-Encoding")
    assert article.title in plain.content.decode()


def test_cached_pages_keep_the_security_headers(client, article):
    first = client.get(article.get_absolute_url())
    second = client.get(article.get_absolute_url())
    for header in ("X-Frame-Options", "X-Content-Type-Options", "Vary"):
        assert second.get(header) == first.get(header)


def test_pages_not_marked_for_readers_are_never_cached(client, article):
    client.get("/search/", {"q": "ice"})
    quietly_retitle(article, "Ice packs")
    assert "<mark>Ice</mark> packs" in client.get("/search/", {"q": "ice"}).content.decode()


def run_admin_action(admin_client, action, article):
    response = admin_client.post(
        "/admin/articles/article/",
        {"action": action, "_selected_action": [article.pk], "index": "0"},
    )
    assert response.status_code == 302


def test_the_admins_publish_and_unpublish_actions_show_at_once(client, admin_client, make_article):
    article = make_article(title="Sleeping positions", status=Article.Status.DRAFT)
    url = article.get_absolute_url()
    assert page(client, url)[0] == 404
    run_admin_action(admin_client, "publish", article)
    assert page(client, url)[0] == 200
    assert "Sleeping positions" in page(client, "/")[1]
    run_admin_action(admin_client, "unpublish", article)
    assert page(client, url)[0] == 404
    assert "Sleeping positions" not in page(client, "/")[1]
