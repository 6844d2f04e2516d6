"""Reading the site's pages the way a reader's browser would: links, assets and forms.

Shared by the load run (over HTTP, against gunicorn) and the query probe (in process,
through Django's test client), so both walk the symptom form the same way.
"""

import http.client
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

# Answers that lead to the calmest result, so a walk reaches self-care advice when it can.
CALM_ANSWERS = ("no", "none", "none-of-these", "not-sure", "false", "0")
# <link> relations a browser downloads while loading the page (not canonical, alternate...).
FETCHED_LINK_RELATIONS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
ASSET_ATTRIBUTES = {
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
}


@dataclass
class Form:
    method: str
    action: str
    hidden: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)  # name -> (type, [values])
    buttons: list = field(default_factory=list)  # (name, value) of named submit buttons

    @property
    def asks_a_question(self):
        return bool(self.choices)

    def calm_answers(self):
        data = dict(self.hidden)
        for name, (_kind, values) in self.choices.items():
            calm = [value for value in values if value.lower() in CALM_ANSWERS]
            data[name] = calm[0] if calm else values[0]
        if self.buttons:
            name, value = self.buttons[0]
            data[name] = value
        return data


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.stylesheets = []
        self.scripts = []
        self.assets = []
        self.forms = []
        self.search_box = None  # (form action, field name) of the first search box
        self._select = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        address = attributes.get(ASSET_ATTRIBUTES.get(tag, ""))
        relations = set(attributes.get("rel", "").lower().split())
        if address and (tag != "link" or relations & FETCHED_LINK_RELATIONS):
            self.assets.append(address)
            if "stylesheet" in relations:
                self.stylesheets.append(address)
            if tag == "script":
                self.scripts.append(address)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self.forms.append(
                Form(
                    method=attributes.get("method", "get").lower(),
                    action=attributes.get("action", ""),
                )
            )
        elif self.forms:
            self._form_field(self.forms[-1], tag, attributes)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None

    def _form_field(self, form, tag, attributes):
        name = attributes.get("name")
        kind = attributes.get("type", "text").lower()
        if tag == "input" and name:
            if form.method == "get" and self.search_box is None and kind in ("search", "text"):
                self.search_box = (form.action, name)
            if kind == "hidden":
                form.hidden[name] = attributes.get("value", "")
            elif kind in ("radio", "checkbox"):
                form.choices.setdefault(name, (kind, []))[1].append(attributes.get("value", "on"))
            elif kind == "submit":
                form.buttons.append((name, attributes.get("value", "")))
        elif tag == "button" and name and kind == "submit":
            form.buttons.append((name, attributes.get("value", "")))
        elif tag == "select" and name:
            self._select = form.choices.setdefault(name, ("select", []))[1]
        elif tag == "option" and self._select is not None:
            self._select.append(attributes.get("value", ""))

    def post_form(self):
        return next((form for form in self.forms if form.method == "post"), None)


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("location", "")


class HttpBrowser:
    """Plain HTTP/1.1 to the server under test, keeping cookies and never following redirects."""

    def __init__(self, base_url):
        parts = urlsplit(base_url)
        self.base_url = base_url
        self.host, self.port = parts.hostname, parts.port
        self.cookies = {}

    @property
    def cookie_header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {**(headers or {})}
        if self.cookies:
            headers["Cookie"] = self.cookie_header
        try:
            connection.request(method, path, body=body, headers=headers)
            reply = connection.getresponse()
            response = Response(
                reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
            )
            for header, value in reply.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
        finally:
            connection.close()
        return response

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, data):
        """POST a form: ``data`` is a dict, or a list of (name, value) pairs when names repeat."""
        return self.request(
            "POST",
            path,
            body=urlencode(data),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )


def local_path(address, current):
    """The path (and query) of a same-site address, relative to the page it was found on."""
    parts = urlsplit(urljoin(current, address))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def first_question(browser, start_path, max_steps=5):
    """Follow the symptom form from its start page to its first question.

    Returns (question path, form), or None when the site has no symptom form.
    """
    path = start_path
    for _ in range(max_steps):
        response = browser.get(path)
        if response.status == 404:
            return None
        if response.status in (301, 302, 303):
            path = local_path(response.location, path)
            continue
        page = Page(response.text)
        form = page.post_form()
        if form and form.asks_a_question:
            return path, form
        if form:
            # A "start now" button that posts before the first question.
            reply = browser.post(local_path(form.action, path) or path, form.calm_answers())
            path = local_path(reply.location, path)
            continue
        onward = [
            link
            for link in page.links
            if local_path(link, path).startswith(start_path) and local_path(link, path) != path
        ]
        if not onward:
            raise RuntimeError(f"{path}: no question and no way on from the symptom form start")
        path = local_path(onward[0], path)
    raise RuntimeError(f"no question within {max_steps} pages of {start_path}")


def answer_until_result(browser, path, form, max_steps=40):
    """Answer each question with the calmest answer; return the path of the result page."""
    for _ in range(max_steps):
        action = local_path(form.action, path) or path
        reply = browser.post(action, form.calm_answers())
        if reply.status not in (301, 302, 303):
            raise RuntimeError(f"POST {action} answered {reply.status}, not a redirect")
        path = local_path(reply.location, action)
        response = browser.get(path)
        if response.status != 200:
            raise RuntimeError(f"GET {path} answered {response.status}")
        page = Page(response.text)
        form = page.post_form()
        if not (form and form.asks_a_question):
            # A "check your answers" page links on to the result.
            onward = [local_path(link, path) for link in page.links if "result" in link]
            return onward[0] if onward else path
    raise RuntimeError(f"no result within {max_steps} questions")
