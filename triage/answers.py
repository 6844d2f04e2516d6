"""Where a person's answers are kept while they fill in the symptom form: in their own browser.

The answers travel in one cookie, encrypted and authenticated (Fernet, from the
cryptography library) with a key derived from the site's secret key: nobody can read or
change them without it, not even a proxy or a tool that records request headers. The
cookie is sent only to the symptom form's pages and is unreadable by scripts. The server
keeps no copy: nothing is written to the database or a cache, so nothing is left behind
for anyone to clear, and any app server can carry on a journey another one began.

The browser deletes the cookie after IDLE_LIMIT_SECONDS without activity (every page of
the form renews it); the server also refuses a cookie older than that, in case a browser
keeps it longer.
"""

import base64
import json
import time
import zlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac

COOKIE_NAME = "symptom_answers"
KEY_SALT = "triage.answers"
IDLE_LIMIT_SECONDS = 60 * 60
# Far more than the form can write (a few hundred bytes), so that a forged or corrupted
# cookie never costs more than this to unpack.
MAX_UNPACKED_BYTES = 64 * 1024
MAX_SLUG_LENGTH = 100


class Expired(Exception):
    """The answers are older than the idle limit."""


def read(request):
    """The answers in the request: a dict of question slug -> list of choice slugs.

    {} when there are none or they cannot be trusted or used, whatever the cookie holds;
    raises Expired when they are too old.
    """
    value = request.COOKIES.get(COOKIE_NAME)
    if not value:
        return {}
    try:
        written_at = _fernet().extract_timestamp(value.encode())
        if time.time() - written_at > IDLE_LIMIT_SECONDS:
            raise Expired
        answers = decode(value)
    except (InvalidToken, ValueError, zlib.error, RecursionError, UnicodeError):
        return {}
    return answers if _well_formed(answers) else {}


def _well_formed(answers):
    """Whether decoded answers have the shape encode() writes: slug -> list of slugs."""
    return isinstance(answers, dict) and all(
        _is_slug(question)
        and isinstance(choices, list)
        and all(_is_slug(choice) for choice in choices)
        for question, choices in answers.items()
    )


def _is_slug(value):
    return isinstance(value, str) and 0 < len(value) <= MAX_SLUG_LENGTH


def keep(response, answers):
    """Store `answers` in the response's cookie, renewing the idle limit."""
    response.set_cookie(
        COOKIE_NAME,
        encode(answers),
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


def encode(answers):
    packed = zlib.compress(json.dumps(answers, separators=(",", ":")).encode())
    return _fernet().encrypt(packed).decode()


def decode(value):
    """The answers in a cookie value; raises InvalidToken if it was not made by encode(),
    ValueError if it unpacks to more than MAX_UNPACKED_BYTES."""
    unpacker = zlib.decompressobj()
    packed = unpacker.decompress(_fernet().decrypt(value.encode()), MAX_UNPACKED_BYTES)
    if unpacker.unconsumed_tail:
        raise ValueError("The answers unpack to more than the form ever writes.")
    return json.loads(packed)


def _fernet():
    return _fernet_for(settings.SECRET_KEY)


@lru_cache(maxsize=4)
def _fernet_for(secret_key):
    # A key of its own, derived from the secret key, so it serves nothing but this cookie.
    # Derived once per secret key rather than three times on every page of the form.
    digest = salted_hmac(KEY_SALT, "fernet key", secret=secret_key, algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _form_path():
    # Only the form's own pages need the answers; article pages stay free of them.
    return reverse("triage:start")
