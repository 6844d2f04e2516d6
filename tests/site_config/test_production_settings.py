"""Production security settings, checked in fresh processes with production variables."""

import json

import pytest

PRODUCTION = {
    "DJANGO_SECRET_KEY": "p7!kq2#vz9@m4$wx8^rt6&yb3*hn5(jd1)fs0-lc_ge+ua=oi.Zr4",
    "DJANGO_ALLOWED_HOSTS": "backspasm.example.org",
    "DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
}

# Requests a browser would make to the production site, reported as JSON by the child process.
# Static files are served without collectstatic's manifest, which these pages do not need.
REQUEST_SCRIPT = """
import json
from django.test import Client, override_settings
override_settings(
    STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()
client = Client(HTTP_HOST="backspasm.example.org")
def seen(response):
    return {
        "status": response.status_code,
        "location": response.headers.get("Location"),
        "headers": {name: value for name, value in response.headers.items()},
        "cookies": {
            name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"]),
                   "samesite": c["samesite"]}
            for name, c in response.cookies.items()
        },
    }
print(json.dumps({
    "plain_http": seen(client.get("/admin/login/")),
    "healthz_over_http": seen(client.get("/healthz")),
    "proxied_https": seen(client.get("/admin/login/", HTTP_X_FORWARDED_PROTO="https")),
}))
"""


def deployment_check(manage, tmp_path, **environment):
    """`check --deploy` as a deploy runs it: warnings fail it."""
    return manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **PRODUCTION,
        **environment,
    )


def test_deployment_check_finds_nothing_to_warn_about(manage, tmp_path):
    result = deployment_check(manage, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_switching_off_hsts_preload_is_a_deliberate_choice_the_check_accepts(manage, tmp_path):
    result = deployment_check(manage, tmp_path, DJANGO_SECURE_HSTS_PRELOAD="0")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (1 silenced)" in result.stdout


def test_local_http_mode_is_reported_by_the_deployment_check(manage, tmp_path):
    result = deployment_check(manage, tmp_path, DJANGO_LOCAL_HTTP="1")
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr
    assert "SESSION_COOKIE_SECURE" in result.stderr


@pytest.fixture
def production_responses(run_django, tmp_path):
    result = run_django(
        REQUEST_SCRIPT, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **PRODUCTION
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_plain_http_is_redirected_to_https(production_responses):
    response = production_responses["plain_http"]
    assert response["status"] == 301
    assert response["location"] == "https://backspasm.example.org/admin/login/"


def test_the_health_check_answers_over_plain_http_for_load_balancers(production_responses):
    assert production_responses["healthz_over_http"]["status"] != 301


def test_https_from_the_proxy_gets_hsts_and_secure_httponly_cookies(production_responses):
    response = production_responses["proxied_https"]
    assert response["status"] == 200
    assert response["headers"]["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    csrf_cookie = response["cookies"]["__Host-csrftoken"]
    assert csrf_cookie == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_https_pages_forbid_framing_sniffing_and_cross_origin_openers(production_responses):
    headers = production_responses["proxied_https"]["headers"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_session_cookie_is_secure_httponly_and_lax(run_django, tmp_path):
    result = run_django(
        "from django.conf import settings as s; print(s.SESSION_COOKIE_NAME, "
        "s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE)",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **PRODUCTION,
    )
    assert result.stdout.split() == ["__Host-sessionid", "True", "True", "Lax"], result.stderr


def test_images_may_come_from_the_media_origin(run_django, tmp_path):
    result = run_django(
        "from django.conf import settings as s; "
        "print(*s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_MEDIA_URL="https://media.example.org/uploads/",
        **PRODUCTION,
    )
    assert result.stdout.split() == ["'self'", "https://media.example.org"], result.stderr


def test_the_admin_address_is_configurable(run_django, tmp_path):
    result = run_django(
        "from django.test import Client; c = Client(HTTP_HOST='localhost'); "
        "print(c.get('/back-office/login/').status_code, c.get('/admin/login/').status_code)",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_ADMIN_URL="back-office/",
        DJANGO_DEBUG="1",
    )
    assert result.stdout.splitlines()[-1].split() == ["200", "404"], result.stderr


def test_forms_may_be_trusted_from_the_public_origin_behind_a_renaming_proxy(run_django, tmp_path):
    result = run_django(
        "from django.conf import settings; print(*settings.CSRF_TRUSTED_ORIGINS)",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://www.example.org, https://example.org",
        **PRODUCTION,
    )
    assert result.stdout.split() == ["https://www.example.org", "https://example.org"]
