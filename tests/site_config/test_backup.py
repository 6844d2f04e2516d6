"""backup_db and restore_db, run as an operator would, against a real SQLite file."""

import shutil
import sqlite3

import pytest


@pytest.fixture(scope="module")
def migrated_database(manage, tmp_path_factory):
    """A migrated SQLite file, built once; each test works on its own copy."""
    path = tmp_path_factory.mktemp("template") / "db.sqlite3"
    result = manage("migrate", "--noinput", DJANGO_DEBUG="1", DATABASE_URL=f"sqlite:///{path}")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def database(migrated_database, tmp_path):
    path = tmp_path / "db.sqlite3"
    shutil.copy(migrated_database, path)
    return path


def topic_names(path):
    with sqlite3.connect(path) as connection:
        return [
            row[0] for row in connection.execute("SELECT name FROM articles_topic ORDER BY slug")
        ]


def add_topic(connection, slug, name):
    connection.execute(
        """INSERT INTO articles_topic (name, slug, "order", description) VALUES (?, ?, 0, '')""",
        (name, slug),
    )


def test_a_backup_restores_the_data_as_it_was(manage, database, tmp_path):
    env = {"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"}
    with sqlite3.connect(database) as connection:
        add_topic(connection, "relief", "Relief right now")
    backup = tmp_path / "backups" / "before-edit.sqlite3"

    result = manage("backup_db", str(backup), **env)
    assert result.returncode == 0, result.stderr
    assert f"Backed up the database to {backup}" in result.stdout

    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE articles_topic SET name = 'Renamed by mistake'")
        add_topic(connection, "extra", "Added after the backup")
    assert topic_names(database) == ["Added after the backup", "Renamed by mistake"]

    result = manage("restore_db", str(backup), "--noinput", **env)
    assert result.returncode == 0, result.stderr
    assert topic_names(database) == ["Relief right now"]


def test_a_backup_is_consistent_while_the_site_is_writing(manage, database, tmp_path):
    env = {"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"}
    with sqlite3.connect(database) as connection:
        add_topic(connection, "saved", "Saved before the backup")
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    add_topic(writer, "unsaved", "Still being written")
    try:
        result = manage("backup_db", str(tmp_path / "during-write.sqlite3"), **env)
    finally:
        writer.execute("COMMIT")
        writer.close()

    assert result.returncode == 0, result.stderr
    assert topic_names(tmp_path / "during-write.sqlite3") == ["Saved before the backup"]


def test_an_existing_backup_is_never_overwritten(manage, database, tmp_path):
    env = {"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"}
    target = tmp_path / "nightly.sqlite3"
    assert manage("backup_db", str(target), **env).returncode == 0

    again = manage("backup_db", str(target), **env)
    assert again.returncode != 0
    assert "already exists" in again.stderr


def test_restore_refuses_a_file_that_is_not_a_database(manage, database, tmp_path):
    env = {"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"}
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("not a database")

    result = manage("restore_db", str(bogus), "--noinput", **env)

    assert result.returncode != 0
    assert "is not a readable SQLite database" in result.stderr
    assert topic_names(database) == []


def test_restore_asks_before_replacing_the_data(run_django, database, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    shutil.copy(database, backup)
    with sqlite3.connect(database) as connection:
        add_topic(connection, "kept", "Kept because the restore was cancelled")

    result = run_django(
        "import builtins; builtins.input = lambda prompt: 'no'; "
        "from django.core.management import call_command; "
        f"call_command('restore_db', {str(backup)!r})",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{database}",
    )

    assert "Restore cancelled; nothing was changed." in result.stderr
    assert topic_names(database) == ["Kept because the restore was cancelled"]


@pytest.mark.parametrize("command", ["backup_db", "restore_db"])
def test_postgresql_is_pointed_to_its_own_tools(manage, command, tmp_path):
    result = manage(
        command,
        str(tmp_path / "backup.sqlite3"),
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused",
    )
    assert result.returncode != 0
    assert "not SQLite" in result.stderr
    assert "pg_dump" in result.stderr
