from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from site_config.seeding import seed


class Command(BaseCommand):
    help = (
        "Add the shipped starting content (fixtures/*.yaml) that the database does not have yet. "
        "Never changes or replaces anything already there: content belongs to the editors."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "fixtures",
            nargs="*",
            help="Fixture files to seed from. Default: every fixtures/*.yaml, in name order.",
        )

    def handle(self, *args, fixtures=(), **options):
        paths = [Path(name) for name in fixtures] or sorted(
            (Path(settings.BASE_DIR) / "fixtures").glob("*.yaml")
        )
        missing = [str(path) for path in paths if not path.is_file()]
        if missing:
            raise CommandError(f"No such fixture file: {', '.join(missing)}")
        report = seed(paths)
        added = sum(report.added.values())
        kept = sum(report.kept.values())
        self.stdout.write(
            f"Added {added} rows of shipped content; kept {kept} that were already there."
        )
        for label, count in sorted(report.added.items()):
            self.stdout.write(f"  added {count} {label}", style_func=self.style.SUCCESS)
