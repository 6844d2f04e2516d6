"""The symptom form seen by an attacker or a log reader: forged posts fail, answers stay private."""

import base64
import logging
import re
import zlib

import pytest
from cryptography.fernet import Fernet
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.triage.journeys import PLAIN_BACK_SPASM
from triage import answers

START = reverse("triage:start")
RESULT = reverse("triage:result")

# A person's answers, and words from the choices' labels, that must never reach a log.
JOURNEY = list({**PLAIN_BACK_SPASM, "leg": ["below-knee"]}.items())
PRIVATE_WORDS = ["last-3-days", "lifting", "below-knee", "worried", "first-time", "painkillers"]
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def browser_like_client(default_questionnaire):
    """A client that, like a browser, must send the CSRF token from the page it was given."""
    return Client(enforce_csrf_checks=True)


def answer_like_a_browser(client, slug, values):
    page = client.get(reverse("triage:question", args=[slug]))
    assert page.status_code == 200, slug
    token = CSRF_TOKEN.search(page.content.decode()).group(1)
    response = client.post(
        reverse("triage:question", args=[slug]), {"answer": values, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302, slug
    return client.get(response.url)


def test_a_whole_journey_with_csrf_checks_on_reaches_a_result_and_logs_no_answer(
    browser_like_client, caplog, log_lines
):
    caplog.set_level(logging.DEBUG)
    for slug, values in JOURNEY:
        answer_like_a_browser(browser_like_client, slug, values)
    result = browser_like_client.get(RESULT)
    assert result.status_code == 200
    # A forged answer and a post without its token are logged too, still without the answers.
    browser_like_client.post(
        reverse("triage:question", args=["everyday-life"]), {"answer": "worried"}
    )

    written = log_lines.text()
    assert any(record.name == "django.security.csrf" for record in caplog.records)
    for word in PRIVATE_WORDS:
        assert word not in caplog.text, word
        assert word not in written, word


def held_answers(client):
    return answers.decode(client.cookies[answers.COOKIE_NAME].value)


def readable_forms(value):
    """What someone holding the cookie could read in it without the site's key."""
    forms = [value.encode()]
    try:
        forms.append(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except ValueError:
        return forms
    for start in range(len(forms[-1])):
        try:
            forms.append(zlib.decompressobj().decompress(forms[1][start:]))
        except zlib.error:
            continue
    return forms


def test_the_answers_cannot_be_read_from_the_cookie(browser_like_client):
    for slug, values in JOURNEY:
        answer_like_a_browser(browser_like_client, slug, values)
    value = browser_like_client.cookies[answers.COOKIE_NAME].value
    assert held_answers(browser_like_client)["leg"] == ["below-knee"]
    for readable in readable_forms(value):
        for word in PRIVATE_WORDS:
            assert word.encode() not in readable, word


def test_the_server_keeps_no_copy_of_the_answers(browser_like_client):
    for slug, values in JOURNEY:
        answer_like_a_browser(browser_like_client, slug, values)
    assert browser_like_client.get(RESULT).status_code == 200
    assert not Session.objects.exists()


def test_answers_changed_in_the_browser_are_not_believed(browser_like_client):
    for slug, values in JOURNEY[:3]:
        answer_like_a_browser(browser_like_client, slug, values)
    held = browser_like_client.cookies[answers.COOKIE_NAME].value
    middle = len(held) // 2
    changed = held[:middle] + ("A" if held[middle] != "A" else "B") + held[middle + 1 :]
    # And answers made up and encrypted with any key other than the site's.
    made_up = Fernet(Fernet.generate_key()).encrypt(zlib.compress(b'{"emergency-signs":["none"]}'))
    for forged in [changed, made_up.decode()]:
        browser_like_client.cookies[answers.COOKIE_NAME] = forged
        response = browser_like_client.get(reverse("triage:question", args=["trigger"]))
        assert response.url == reverse("triage:question", args=["emergency-signs"])


def test_holding_answers_grants_nothing_else(browser_like_client, make_article):
    for slug, values in JOURNEY:
        answer_like_a_browser(browser_like_client, slug, values)
    assert held_answers(browser_like_client)
    article = make_article()

    for address in [
        "/admin/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/article/review-due/",
    ]:
        response = browser_like_client.get(address)
        assert response.status_code == 302, address
        assert response.url.startswith("/admin/login/"), address
    page = browser_like_client.get(START)
    token = CSRF_TOKEN.search(
        browser_like_client.get(reverse("triage:question", args=["everyday-life"])).content.decode()
    ).group(1)
    for endpoint in ["/markdownx/markdownify/", "/markdownx/upload/"]:
        response = browser_like_client.post(
            endpoint, {"content": "**x**", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302 and "/admin/login/" in response.url, endpoint
    assert page.context["user"].is_anonymous


def test_start_again_without_the_token_is_refused_and_keeps_the_answers(browser_like_client):
    for slug, values in JOURNEY[:3]:
        answer_like_a_browser(browser_like_client, slug, values)

    response = browser_like_client.post(reverse("triage:start_again"))

    assert response.status_code == 403
    assert "Sorry, your form has expired" in response.content.decode()
    assert len(held_answers(browser_like_client)) == 3


def test_answers_written_before_the_secret_key_changed_are_not_read(settings):
    request = RequestFactory().get(START)
    request.COOKIES[answers.COOKIE_NAME] = answers.encode({"emergency-signs": ["none"]})
    assert answers.read(request) == {"emergency-signs": ["none"]}
    settings.SECRET_KEY = "a-new-secret-key-after-a-rotation-" + "k" * 20
    assert answers.read(request) == {}
