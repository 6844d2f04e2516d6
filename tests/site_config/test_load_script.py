"""The load test script, run briefly against the test server with the real content.

One connection only: the test database is SQLite in memory, which locks whole tables, so
concurrent writers there fail in ways a real SQLite file in WAL mode or PostgreSQL does not.
The full run is `make loadtest` against `make serve`.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load_test.py"


@pytest.fixture
def real_site(live_server, site_content):
    call_command("loaddata", "questionnaire", verbosity=0)
    return live_server


def run_load_test(server, *options):
    port = server.url.rsplit(":", 1)[1]
    return subprocess.run(
        [sys.executable, SCRIPT, "--port", port, "--duration", "3", "--connections", "1", *options],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_reads_articles_searches_and_posts_symptom_form_answers(real_site):
    result = run_load_test(real_site)
    assert result.returncode == 0, result.stdout + result.stderr
    report = result.stdout
    assert "errors:        0 (target 0)" in report
    assert "server errors: 0 (target 0)" in report
    posted = int(report.split("answers posted to the symptom form: ")[1].split()[0])
    assert posted > 0


def test_it_fails_when_the_symptom_form_cannot_be_used(real_site):
    result = run_load_test(real_site, "--form-path", "/no-such-form/")
    assert result.returncode == 1
    assert "unexpected 404" in result.stdout
    assert "No answer could be posted to the symptom form." in result.stdout
