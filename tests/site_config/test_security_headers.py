from html.parser import HTMLParser

import pytest
from django.core.management import call_command


class InlineCodeFinder(HTMLParser):
    """Collects what a strict Content-Security-Policy would block: inline scripts and styles."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # Data blocks such as JSON-LD (type="application/ld+json") are never run.
        runs = attributes.get("type", "text/javascript") in {"text/javascript", "module", ""}
        if tag == "script" and runs and "src" not in attributes:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        self.found += [
            f"{tag} {name}=" for name, _ in attrs if name == "style" or name.startswith("on")
        ]
        self.found += [
            f"{tag} {name}=javascript:"
            for name, value in attrs
            if value and value.strip().lower().startswith("javascript:")
        ]


def inline_code(html):
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.found


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", ["/", "/no-such-page/", "/admin/login/"])
def test_every_page_has_a_strict_content_security_policy(client, db, path):
    policy = directives(client.get(path))
    assert policy == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "report-uri": ["/csp-report/"],
    }


def test_pages_deny_camera_microphone_and_geolocation(client, db):
    response = client.get("/")
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"


def test_pages_cannot_be_framed_or_sniffed(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_real_site_has_no_inline_scripts_or_styles(client, site_content):
    call_command("loaddata", "questionnaire", verbosity=0)
    pages = [
        "/",
        "/topics/relief-right-now/",
        "/articles/ice-and-heat/",
        "/search/?q=ice",
        "/search/?q=",
        "/check-your-symptoms/",
        "/check-your-symptoms/questions/emergency-signs/",
        "/nowhere/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        assert inline_code(response.content.decode()) == [], path
    client.post("/check-your-symptoms/questions/emergency-signs/", {"answer": ["chest-pain"]})
    result = client.get("/check-your-symptoms/result/")
    assert result.status_code == 200
    assert inline_code(result.content.decode()) == []


def test_the_inline_code_finder_sees_what_the_policy_would_block():
    html = (
        '<script>alert(1)</script><script src="/static/a.js"></script><style>p{}</style>'
        '<script type="application/ld+json">{"name": "Ice packs"}</script>'
        '<p style="color:red" onclick="x()"><a href="javascript:alert(1)">x</a></p>'
    )
    assert inline_code(html) == [
        "<script> without src",
        "<style>",
        "p style=",
        "p onclick=",
        "a href=javascript:",
    ]
