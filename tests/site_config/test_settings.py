"""Settings are read from the environment; these tests start real Python processes."""

import pytest


def test_refuses_to_start_without_a_secret_key_when_debug_is_off(run_django):
    result = run_django("print('started')")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr
    assert "started" not in result.stdout


def test_starts_without_a_secret_key_in_debug_mode(run_django):
    result = run_django("print('started')", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_reads_database_cache_and_site_settings_from_the_environment(run_django, tmp_path):
    result = run_django(
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "s.SITE_EMERGENCY_NUMBER, s.SITE_NAME, s.ALLOWED_HOSTS, s.DEBUG)",
        DJANGO_SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/example",
        REDIS_URL="redis://127.0.0.1:6379/1",
        SITE_EMERGENCY_NUMBER="999",
        SITE_NAME="Back Help",
        DJANGO_ALLOWED_HOSTS="example.org,www.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "django.core.cache.backends.redis.RedisCache",
        "999",
        "Back",
        "Help",
        "['example.org',",
        "'www.example.org']",
        "False",
    ]


@pytest.mark.parametrize("value", ["", "0", "false", "no"])
def test_debug_is_off_unless_switched_on(run_django, value):
    result = run_django(
        "from django.conf import settings; print(settings.DEBUG)",
        DJANGO_DEBUG=value,
        DJANGO_SECRET_KEY="x" * 50,
    )
    assert result.stdout.strip() == "False", result.stderr


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(run_django, tmp_path):
    result = run_django(
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], "
        "c.execute('PRAGMA busy_timeout').fetchone()[0])",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000"]


def test_hashed_static_files_are_served_compressed_with_long_lived_caching(run_django, tmp_path):
    script = (
        "from django.core.management import call_command; "
        "call_command('collectstatic', interactive=False, verbosity=0); "
        "from django.templatetags.static import static; "
        "from django.test import Client; "
        "url = static('css/site.css'); "
        "response = Client().get(url, HTTP_ACCEPT_ENCODING='gzip', secure=True); "
        "print(url, response.status_code, response.headers.get('Content-Encoding'), "
        "response.headers['Cache-Control'])"
    )
    result = run_django(
        script,
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    url, status, encoding, cache_control = result.stdout.strip().split(" ", 3)
    assert url.startswith("/static/css/site.") and url != "/static/css/site.css"
    assert status == "200"
    assert encoding == "gzip"
    assert "immutable" in cache_control
    assert "max-age=31536000" in cache_control
