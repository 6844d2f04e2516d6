from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from site_config.management.sqlite_backup import check_integrity, copy_database, sqlite_path


class Command(BaseCommand):
    help = (
        "Replace the SQLite database with a backup written by backup_db. "
        "Stop the site first. For PostgreSQL use pg_restore (see README.md, Data safety)."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A file written by backup_db.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, backup, interactive=True, **options):
        target = sqlite_path()
        source = Path(backup)
        if not source.is_file():
            raise CommandError(f"{source} does not exist.")
        check_integrity(source)
        if interactive:
            answer = input(
                f"Every change made to {target} since the backup was written will be lost.\n"
                "Type 'yes' to restore the backup: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        copy_database(str(source), target)
        self.stdout.write(self.style.SUCCESS(f"Restored {target} from {source}"))
