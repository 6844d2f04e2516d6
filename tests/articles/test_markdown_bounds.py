"""Markdown that would take too long to render is refused with a reason, never run."""

import time

import pytest
from django.urls import reverse

from articles.models import Article
from articles.rendering import MAX_BRACKET_WORK, MAX_MARKDOWN_LENGTH, render_markdown

PREVIEW = reverse("markdownx_markdownify")
# 16 KB of "[": Python-Markdown alone takes tens of seconds on it.
BRACKETS = "[" * 16_000


def worst_accepted_bodies():
    """Bodies just inside the bounds, in the shapes that are slowest to render."""
    for brackets in (100, 400, 1_000):
        length = MAX_BRACKET_WORK // brackets
        yield "![" * brackets + "a" * (length - 2 * brackets)
        yield "[" * brackets + "a" * (length - brackets)
    yield "> " * (MAX_MARKDOWN_LENGTH // 2)


def test_the_preview_refuses_pathological_markdown_at_once_and_says_why(editor_client):
    started = time.perf_counter()
    response = editor_client.post(PREVIEW, {"content": BRACKETS})

    assert time.perf_counter() - started < 5
    assert response.status_code == 400
    assert "too many square brackets" in response.content.decode()


def test_the_preview_refuses_a_body_over_the_length_limit(editor_client):
    response = editor_client.post(PREVIEW, {"content": "a" * (MAX_MARKDOWN_LENGTH + 1)})

    assert response.status_code == 400
    assert "Split it into two sections" in response.content.decode()


def test_an_admin_save_refuses_pathological_markdown_in_the_editor_and_keeps_the_old_text(
    editor_client, make_article, article_form_data, section_row
):
    article = make_article(sections=1, status=Article.Status.DRAFT)
    section = article.sections.get()
    data = article_form_data(article, sections=[section_row(section, body=BRACKETS)])

    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)

    assert response.status_code == 200
    assert "too many square brackets" in response.content.decode()
    section.refresh_from_db()
    assert section.body != BRACKETS


@pytest.mark.parametrize("body", list(worst_accepted_bodies()), ids=lambda body: body[:3])
def test_the_slowest_markdown_still_accepted_renders_in_reasonable_time(body):
    # A generous bound, so a loaded machine does not fail it; without the bounds the slowest
    # accepted shapes grow to tens of seconds.
    started = time.perf_counter()
    render_markdown(body)
    assert time.perf_counter() - started < 5
