from django.db import models


class ContentVersion(models.Model):
    """One row whose token changes whenever anything a reader can see changes.

    Cached public pages carry the token in their cache key, so a change makes every
    cached page stale at once, on every app server, whatever the cache backend. The
    token is random rather than a counter, so a database restored from a backup never
    brings back a token that already labels newer pages.
    """

    token = models.CharField(max_length=32, default="")

    class Meta:
        # The table keeps the name it was created with in the articles app: renaming it would
        # break the instances still running the older code during a rolling deploy.
        db_table = "articles_contentversion"

    def __str__(self):
        return self.token
