"""Admin sign-in throttling: django-axes, switched on here as it is in production."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.db.models import F
from django.test import Client, override_settings

from site_config.middleware import client_ip_address

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_enabled")]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def axes_enabled():
    with override_settings(AXES_ENABLED=True):
        yield


@pytest.fixture
def editor():
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True)


def sign_in(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def fail_five_times(client, username="editor"):
    """Four failures get the usual error; the fifth starts the lockout."""
    for _ in range(4):
        response = sign_in(client, username, "wrong password")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    assert sign_in(client, username, "wrong password").status_code == 429


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


def test_a_correct_password_signs_in(editor):
    client = Client()
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_after_five_failures_even_the_right_password_is_refused_with_a_clear_page(editor):
    client = Client()
    fail_five_times(client)

    response = sign_in(client, "editor", PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many attempts to sign in" in page
    assert "paused for 15 minutes" in page
    assert "Skip to main content" in page, "the page uses the site's own look"
    assert not is_signed_in(client)


def test_the_lockout_is_for_that_username_from_that_address_only(editor):
    User.objects.create_user("publisher", password=PASSWORD, is_staff=True)
    fail_five_times(Client(REMOTE_ADDR="198.51.100.7"))

    other_user_same_address = Client(REMOTE_ADDR="198.51.100.7")
    assert sign_in(other_user_same_address, "publisher", PASSWORD).status_code == 302
    same_user_other_address = Client(REMOTE_ADDR="203.0.113.9")
    assert sign_in(same_user_other_address, "editor", PASSWORD).status_code == 302


def test_one_address_trying_many_usernames_is_paused_too(editor, settings):
    address = "198.51.100.7"
    usernames = [f"guess{number}" for number in range(settings.AXES_ADDRESS_FAILURE_LIMIT)]
    for username in usernames[:-1]:
        assert sign_in(Client(REMOTE_ADDR=address), username, "wrong").status_code == 200
    assert sign_in(Client(REMOTE_ADDR=address), usernames[-1], "wrong").status_code == 429

    response = sign_in(Client(REMOTE_ADDR=address), "editor", PASSWORD)

    assert response.status_code == 429
    assert "from this device is paused" in response.content.decode()
    assert sign_in(Client(REMOTE_ADDR="203.0.113.9"), "editor", PASSWORD).status_code == 302


def test_signing_in_works_again_once_the_cooling_off_period_is_over(editor):
    client = Client()
    fail_five_times(client)
    assert sign_in(client, "editor", PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=16))

    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_failures_before_a_successful_sign_in_are_forgotten(editor):
    client = Client()
    for _ in range(4):
        sign_in(client, "editor", "wrong password")
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "editor", "wrong password")
    assert sign_in(client, "editor", PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.5"),
        (1, "192.0.2.1, 203.0.113.9", "203.0.113.9"),
        (2, "192.0.2.1, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, "", "10.0.0.5"),
    ],
)
def test_the_client_address_is_read_through_the_trusted_proxies_only(
    rf, settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip_address(request) == expected


@override_settings(AXES_COOLOFF_TIME=datetime.timedelta(minutes=1))
def test_the_lockout_page_names_the_cooling_off_period_in_plain_english(editor):
    client = Client()
    fail_five_times(client)
    assert "paused for 1 minute." in sign_in(client, "editor", PASSWORD).content.decode()
