from django.core.management.base import BaseCommand

from articles import search_index
from articles.caching import content_changed


class Command(BaseCommand):
    help = (
        "Index every article for search afresh. Saving through the site keeps the index up "
        "to date; run this after changing articles in bulk some other way."
    )

    def handle(self, *args, **options):
        search_index.rebuild()
        content_changed()
        self.stdout.write("The search index is up to date.")
