from django.core.management.commands import loaddata

from search import index


class Command(loaddata.Command):
    """Django's loaddata, indexing each loaded article for search once, at the end, rather
    than again for every section saved."""

    def handle(self, *args, **options):
        with index.deferred():
            super().handle(*args, **options)
