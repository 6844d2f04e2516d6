"""Count the SQL queries each kind of page runs, in process, against the benchmark's database.

    python -m bench.probe '{"home": "/", "article": "/articles/x/", ...}' [symptom start path]

Each page is requested twice: the first view shows the work of an empty cache, the repeat
view what most readers get. Prints JSON for bench/run.py.
"""

import json
import os
import sys

from bench.pages import Response, answer_until_result, first_question, local_path


class ClientBrowser:
    """The same interface as bench.pages.HttpBrowser, over Django's test client."""

    def __init__(self):
        from django.test import Client

        self.client = Client(HTTP_HOST="127.0.0.1")
        self.queries = []

    def _capture(self, send):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as context:
            reply = send()
        self.queries.append(len(context.captured_queries))
        return Response(reply.status_code, {k.lower(): v for k, v in reply.items()}, reply.content)

    def get(self, path, headers=None):
        return self._capture(lambda: self.client.get(path))

    def post(self, path, data):
        return self._capture(lambda: self.client.post(path, data))


def count_queries(pages, symptom_start=None):
    counts = {}
    for kind, path in pages.items():
        browser = ClientBrowser()
        statuses = {browser.get(path).status, browser.get(path).status}
        counts[kind] = {"first": browser.queries[0], "repeat": browser.queries[1]}
        if statuses != {200}:
            counts[kind]["status"] = sorted(statuses)
    if symptom_start and first_question(ClientBrowser(), symptom_start):
        browser = ClientBrowser()
        question_path, form = first_question(browser, symptom_start)
        reply = browser.post(
            local_path(form.action, question_path) or question_path, form.calm_answers()
        )
        browser.get(local_path(reply.location, question_path))
        counts["symptom step"] = {"post": browser.queries[-2], "next question": browser.queries[-1]}
        browser = ClientBrowser()
        result_path = answer_until_result(browser, *first_question(browser, symptom_start))
        browser.get(result_path)
        counts["symptom result"] = {"first": browser.queries[-1]}
    return counts


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")
    import django

    django.setup()
    pages = json.loads(sys.argv[1])
    symptom_start = sys.argv[2] if len(sys.argv) > 2 else None
    print(json.dumps(count_queries(pages, symptom_start)))


if __name__ == "__main__":
    main()
