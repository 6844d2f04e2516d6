"""Fixtures refer to rows by natural keys (slugs, not ids), so that content loads the same
into any database. One manager finds a row by the fields its key is made of."""

from django.db import models


class NaturalKeyManager(models.Manager):
    """``get_by_natural_key(*values)`` for the fields in ``key_fields``, in order."""

    key_fields = ("slug",)

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.key_fields, values, strict=True)))
