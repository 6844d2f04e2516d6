#!/usr/bin/env python3
"""Load test: many readers at once against a site running on this machine (`make serve`).

Each simulated reader opens article pages, searches, and fills in the symptom form the way
a browser does: it gets a question page (and with it the CSRF cookie and token), posts an
answer and follows the redirect to the next page. Traffic only ever goes to 127.0.0.1; the
run is bounded both in time and in number of requests.

    python scripts/load_test.py                   # 64 connections for 60 seconds
    python scripts/load_test.py --duration 10 --connections 8

Prints the number of requests, errors and server errors (5xx) and exits with status 1 when
any error or 5xx was seen, or when no symptom-form answer could be posted.
"""

import argparse
import http.client
import random
import statistics
import sys
import threading
import time
from collections import Counter
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

HOST = "127.0.0.1"
SEARCH_TERMS = ["back spasm", "ice", "heat", "stretch", "painkillers", "sleep", "lifting", "zzzz"]
MOST_FORM_STEPS = 12


class PageParser(HTMLParser):
    """Finds the links to articles, a start link, and the first form that posts."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.form = None
        self._in_form = False
        self._current_link = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self._current_link = [attributes["href"], ""]
            self.links.append(self._current_link)
        elif tag == "form" and self.form is None and attributes.get("method", "").lower() == "post":
            self.form = {"action": attributes.get("action") or "", "fields": [], "choices": {}}
            self._in_form = True
        elif self._in_form and tag in {"input", "button"}:
            self._add_field(attributes)

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "a":
            self._current_link = None

    def handle_data(self, data):
        if self._current_link is not None:
            self._current_link[1] += data

    def _add_field(self, attributes):
        name, value = attributes.get("name"), attributes.get("value", "")
        if not name:
            return
        kind = attributes.get("type", "text").lower()
        if kind in {"radio", "checkbox"}:
            self.form["choices"].setdefault(name, (kind, []))[1].append(value)
        elif kind == "hidden":
            self.form["fields"].append((name, value))


def parse(html):
    parser = PageParser()
    parser.feed(html)
    return parser


class Reader:
    """One simulated reader with its own connection and cookies."""

    def __init__(self, port, stats, answer_randomly, deadline):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.cookies = {}
        self.stats = stats
        self.random = answer_randomly
        self.deadline = deadline

    @property
    def may_go_on(self):
        return time.monotonic() < self.deadline and self.stats.budget_left

    def request(self, method, path, body=None, expected=(200,)):
        headers = {"User-Agent": "back-spasm-guide-load-test"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.stats.record(method, path, None, time.perf_counter() - started, repr(error))
            return None, None, None
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        problem = None if response.status in expected else f"unexpected {response.status}"
        self.stats.record(method, path, response.status, time.perf_counter() - started, problem)
        return response.status, response.headers, content

    def read_article(self, articles):
        self.request("GET", self.random.choice(articles))

    def search(self, search_path):
        self.request("GET", f"{search_path}?{urlencode({'q': self.random.choice(SEARCH_TERMS)})}")

    def choose(self, kind, values):
        """Mostly "none" of a list of symptoms, as most people have none, so journeys go on."""
        if kind == "checkbox" and "none" in values and self.random.random() < 0.85:
            return "none"
        return self.random.choice(values)

    def fill_in_symptom_form(self, form_path):
        """Answer questions at random, as a person would, until the form has no more."""
        self.cookies.clear()
        status, _, html = self.request("GET", form_path)
        if status != 200:
            return
        page = parse(html)
        if page.form is None:
            start = next(
                (
                    href
                    for href, text in page.links
                    if "start" in text.lower() and href.startswith(form_path)
                ),
                None,
            )
            if start is None:
                self.stats.record("GET", form_path, status, 0, "no form and no start link")
                return
            path = local_path(start, form_path)
            status, _, html = self.request("GET", path)
            page = parse(html or "")
        else:
            path = form_path
        for _ in range(MOST_FORM_STEPS):
            if status != 200 or page.form is None or not self.may_go_on:
                return
            action = local_path(page.form["action"], path)
            fields = list(page.form["fields"])
            fields += [
                (name, self.choose(kind, values))
                for name, (kind, values) in page.form["choices"].items()
            ]
            status, headers, _ = self.request(
                "POST", action, body=urlencode(fields), expected=(302, 303)
            )
            if status not in (302, 303):
                return
            self.stats.count_answer()
            path = local_path(headers["Location"], action)
            status, _, html = self.request("GET", path)
            page = parse(html or "")


def local_path(url, current_path):
    """The path of a link on this site; anything pointing elsewhere is refused."""
    parts = urlsplit(url)
    if parts.hostname not in (None, HOST, "localhost"):
        raise ValueError(f"refusing to follow a link off this machine: {url}")
    if not parts.path:
        return current_path
    path = (
        parts.path
        if parts.path.startswith("/")
        else current_path.rsplit("/", 1)[0] + "/" + parts.path
    )
    return path + (f"?{parts.query}" if parts.query else "")


class Stats:
    def __init__(self, most_requests):
        self.lock = threading.Lock()
        self.most_requests = most_requests
        self.requests = 0
        self.answers_posted = 0
        self.statuses = Counter()
        self.errors = Counter()
        self.durations = []

    def record(self, method, path, status, duration, problem):
        with self.lock:
            self.requests += 1
            self.statuses[status] += 1
            self.durations.append(duration)
            if problem:
                self.errors[f"{method} {path.split('?')[0]}: {problem}"] += 1

    def count_answer(self):
        with self.lock:
            self.answers_posted += 1

    @property
    def budget_left(self):
        return self.requests < self.most_requests

    @property
    def server_errors(self):
        return sum(count for status, count in self.statuses.items() if status and status >= 500)


def discover_articles(port):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", "/")
    response = connection.getresponse()
    html = response.read().decode("utf-8", "replace")
    if response.status != 200:
        sys.exit(f"The home page answered {response.status}; is `make serve` running?")
    articles = sorted({href for href, _ in parse(html).links if href.startswith("/articles/")})
    if not articles:
        sys.exit("The home page links to no articles; load the content first (make serve does).")
    return articles


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (8000)")
    parser.add_argument("--duration", type=float, default=60, help="seconds to run (60)")
    parser.add_argument("--connections", type=int, default=64, help="readers at once (64)")
    parser.add_argument(
        "--max-requests", type=int, default=250_000, help="stop after this many requests"
    )
    parser.add_argument("--search-path", default="/search/", help="search page (/search/)")
    parser.add_argument(
        "--form-path",
        default="/check-your-symptoms/",
        help="symptom form start page (/check-your-symptoms/)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed for the choices")
    options = parser.parse_args()

    articles = discover_articles(options.port)
    stats = Stats(options.max_requests)
    deadline = time.monotonic() + options.duration
    scenarios = ["article"] * 3 + ["search", "form"]

    def run_reader(number):
        # Repeatable choices of pages and answers, not secrets.
        choices = random.Random(options.seed * 1000 + number)  # noqa: S311
        reader = Reader(options.port, stats, choices, deadline)
        while reader.may_go_on:
            scenario = reader.random.choice(scenarios)
            try:
                if scenario == "article":
                    reader.read_article(articles)
                elif scenario == "search":
                    reader.search(options.search_path)
                else:
                    reader.fill_in_symptom_form(options.form_path)
            except ValueError as error:
                stats.record("GET", options.form_path, None, 0, str(error))

    print(
        f"{options.connections} connections for {options.duration:g} s against "
        f"http://{HOST}:{options.port} ({len(articles)} articles) ..."
    )
    started = time.monotonic()
    threads = [
        threading.Thread(target=run_reader, args=(number,), daemon=True)
        for number in range(options.connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        # A reader finishes its current step after the deadline; 30 s is the request timeout.
        thread.join(timeout=max(0, deadline - time.monotonic()) + 35)
    elapsed = time.monotonic() - started

    durations = sorted(stats.durations) or [0]
    print(f"requests:      {stats.requests} in {elapsed:.1f} s ({stats.requests / elapsed:.0f}/s)")
    print(f"answers posted to the symptom form: {stats.answers_posted}")
    print(
        "statuses:      "
        + ", ".join(f"{s}: {n}" for s, n in sorted(stats.statuses.items(), key=str))
    )
    print(
        f"latency:       median {statistics.median(durations) * 1000:.0f} ms, "
        f"95th percentile {durations[int(len(durations) * 0.95) - 1] * 1000:.0f} ms, "
        f"slowest {durations[-1] * 1000:.0f} ms"
    )
    print(f"errors:        {sum(stats.errors.values())} (target 0)")
    print(f"server errors: {stats.server_errors} (target 0)")
    for problem, count in stats.errors.most_common(10):
        print(f"  {count} x {problem}")
    if stats.errors or stats.server_errors or not stats.answers_posted:
        if not stats.answers_posted:
            print("No answer could be posted to the symptom form.")
        sys.exit(1)


if __name__ == "__main__":
    main()
