from django.core.management.base import BaseCommand

from search import index
from site_config.caching import content_changed


class Command(BaseCommand):
    help = (
        "Index every published article for search afresh. Saving through the site keeps the "
        "index up to date; run this after changing articles in bulk some other way."
    )

    def handle(self, *args, **options):
        index.rebuild()
        # Whatever changed around the site may show on cached pages too.
        content_changed()
        self.stdout.write("The search index is up to date.")
