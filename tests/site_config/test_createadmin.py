"""The createadmin command, which sets up the first administrator of a fresh deployment."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def admin_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_ADMIN_USERNAME", "siteadmin")
    monkeypatch.setenv("DJANGO_ADMIN_EMAIL", "admin@example.org")
    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", PASSWORD)


def run():
    output = io.StringIO()
    call_command("createadmin", stdout=output)
    return output.getvalue()


def test_creates_a_superuser_who_can_sign_in(admin_environment, client):
    output = run()

    user = User.objects.get(username="siteadmin")
    assert "Created the administrator 'siteadmin'" in output
    assert user.is_superuser and user.is_staff
    assert user.email == "admin@example.org"
    assert client.login(username="siteadmin", password=PASSWORD)


def test_running_again_changes_nothing(admin_environment, monkeypatch):
    run()
    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "a different long password")

    output = run()

    assert "already exists. Nothing was changed." in output
    assert User.objects.count() == 1
    assert User.objects.get().check_password(PASSWORD)


@pytest.mark.parametrize("missing", ["DJANGO_ADMIN_USERNAME", "DJANGO_ADMIN_PASSWORD"])
def test_a_missing_variable_is_named(admin_environment, monkeypatch, missing):
    monkeypatch.delenv(missing)

    with pytest.raises(CommandError, match=f"Set {missing} to create the first administrator"):
        run()
    assert not User.objects.exists()


def test_a_weak_password_is_refused(admin_environment, monkeypatch):
    monkeypatch.setenv("DJANGO_ADMIN_PASSWORD", "password")

    with pytest.raises(CommandError, match="DJANGO_ADMIN_PASSWORD is not strong enough"):
        run()
    assert not User.objects.exists()
