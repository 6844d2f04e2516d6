"""Where a person's answers are kept while they fill in the symptom form: in their own browser.

The answers travel in one cookie, signed with the site's secret key so that nobody can
change them, sent only to the symptom form's pages, and unreadable by scripts. The server
keeps no copy: nothing is written to the database or a cache, so nothing is left behind
for anyone to clear, and any app server can carry on a journey another one began.

The browser deletes the cookie after IDLE_LIMIT_SECONDS without activity (every page of
the form renews it); the server also refuses a cookie older than that, in case a browser
keeps it longer.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

COOKIE_NAME = "symptom_answers"
SALT = "triage.answers"
IDLE_LIMIT_SECONDS = 60 * 60


class Expired(Exception):
    """The answers are older than the idle limit."""


def read(request):
    """The answers in the request: a dict of question slug -> list of choice slugs.

    {} when there are none or they were tampered with; raises Expired when they are too old.
    """
    value = request.COOKIES.get(COOKIE_NAME)
    if not value:
        return {}
    try:
        answers = signing.loads(value, salt=SALT, max_age=IDLE_LIMIT_SECONDS)
    except signing.SignatureExpired as error:
        raise Expired from error
    except signing.BadSignature:
        return {}
    return answers if isinstance(answers, dict) else {}


def keep(response, answers):
    """Store `answers` in the response's cookie, renewing the idle limit."""
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(answers, salt=SALT, compress=True),
        max_age=IDLE_LIMIT_SECONDS,
        path=_form_path(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def forget(response):
    response.delete_cookie(COOKIE_NAME, path=_form_path(), samesite="Lax")
    return response


def _form_path():
    # Only the form's own pages need the answers; article pages stay free of them.
    return reverse("triage:start")
