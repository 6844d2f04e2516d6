import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


def _run(arguments, env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="site_config.settings")
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="session")
def run_django():
    """Run Python code in a fresh process with the real settings and only the given env."""

    def run(code, **env):
        return _run(["-c", f"import django; django.setup(); {code}"], env)

    return run


@pytest.fixture(scope="session")
def manage():
    """Run a manage.py command in a fresh process with the real settings and the given env."""

    def run(*arguments, **env):
        return _run(["manage.py", *arguments], env)

    return run
