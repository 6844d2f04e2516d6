"""The content version's move from the articles app to site_config keeps its table and row."""

import sqlite3

import pytest

CONTENT_VERSION = (
    "from django.contrib.contenttypes.models import ContentType; "
    "from site_config.caching import content_version; "
    "from site_config.models import ContentVersion; "
    "print(content_version(), ContentVersion.objects.count(), "
    "sorted(ContentType.objects.filter(model='contentversion')"
    ".values_list('app_label', flat=True)))"
)


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "db.sqlite3"
    return path, {"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{path}"}


def test_a_fresh_database_gets_the_content_version_table(manage, run_django, database):
    path, env = database
    result = manage("migrate", "--noinput", **env)
    assert result.returncode == 0, result.stderr

    changed = run_django(
        f"from site_config.caching import content_changed; content_changed(); {CONTENT_VERSION}",
        **env,
    )

    assert changed.returncode == 0, changed.stderr
    token, rows, content_types = changed.stdout.split(maxsplit=2)
    assert len(token) == 32
    assert rows == "1"
    assert content_types.strip() == "['site_config']"


def test_the_current_token_survives_the_move(manage, run_django, database):
    path, env = database
    before = manage("migrate", "--noinput", "articles", "0014", **env)
    assert before.returncode == 0, before.stderr
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO articles_contentversion (id, token) VALUES (1, 'kept')")
        # Migrating made the model's content type, as on a database from before the move.
        assert connection.execute(
            "SELECT app_label FROM django_content_type WHERE model = 'contentversion'"
        ).fetchall() == [("articles",)]

    after = manage("migrate", "--noinput", **env)
    assert after.returncode == 0, after.stderr

    moved = run_django(CONTENT_VERSION, **env)
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.split(maxsplit=2) == ["kept", "1", "['site_config']\n"]


def test_the_move_can_be_undone_without_losing_the_row(manage, run_django, database):
    path, env = database
    assert manage("migrate", "--noinput", **env).returncode == 0
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO articles_contentversion (id, token) VALUES (1, 'kept')")

    back = manage("migrate", "--noinput", "site_config", "zero", **env)
    assert back.returncode == 0, back.stderr

    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT id, token FROM articles_contentversion").fetchall()
    assert rows == [(1, "kept")]
