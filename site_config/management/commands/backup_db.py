import datetime
import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from site_config.management.sqlite_backup import check_integrity, copy_database, sqlite_path


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the SQLite database while the site keeps serving. "
        "For PostgreSQL use pg_dump (see README.md, Data safety)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            help="File to write. Default: var/backups/db-<date and time>.sqlite3",
        )

    def handle(self, *args, destination=None, **options):
        source = sqlite_path()
        if destination:
            target = Path(destination)
        else:
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
            target = Path(settings.BASE_DIR) / "var" / "backups" / f"db-{stamp}.sqlite3"
        if target.exists():
            raise CommandError(f"{target} already exists; choose another file name.")
        target.parent.mkdir(parents=True, exist_ok=True)

        # Written under a temporary name and renamed once checked, so a file with the
        # final name is always a complete backup.
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        try:
            copy_database(source, partial)
            check_integrity(partial)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(self.style.SUCCESS(f"Backed up the database to {target}"))
