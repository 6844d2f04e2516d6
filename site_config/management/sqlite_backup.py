"""Copying a live SQLite database, page by page, with SQLite's online backup API."""

import sqlite3

from django.core.management.base import CommandError
from django.db import connections

PG_DUMP_HINT = (
    "This site's database is {vendor}, not SQLite: back it up with that database's own "
    "tools, for PostgreSQL pg_dump (see README.md, Data safety)."
)


def sqlite_path(database="default"):
    """The file of the SQLite database in use, or a clear refusal for any other database."""
    connection = connections[database]
    if connection.vendor != "sqlite":
        raise CommandError(PG_DUMP_HINT.format(vendor=connection.display_name))
    return str(connection.settings_dict["NAME"])


def copy_database(source_path, target_path):
    """Copy one SQLite database over another as a single consistent snapshot.

    All pages are copied in one step, inside one read transaction, so the copy is the
    database as it was at one moment even while the site keeps writing (in WAL mode
    readers and writers do not block each other).
    """
    source = sqlite3.connect(source_path)
    try:
        target = sqlite3.connect(target_path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def check_integrity(path):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise CommandError(f"{path} is not a readable SQLite database: {error}") from error
    finally:
        connection.close()
    if result != "ok":
        raise CommandError(f"{path} failed SQLite's integrity check: {result}")
