"""An article's sections and sources, saved one row at a time.

Each section's anchor (and each source's URL) is unique within its article. Rows saved one
by one would collide when two swap values, or when one takes the value of a row deleted in
the same save, so the rows that change first move onto placeholders no one can type.
"""

from articles.models import Section, Source, parked_value

UNIQUE_FIELDS = {Section: "slug", Source: "url"}


def unique_field(*, model):
    """The field unique within an article for this kind of part, or None."""
    return UNIQUE_FIELDS.get(model)


def park_unique_values(*, parts, purpose):
    """Move these rows' anchors (or URLs) onto unique placeholders until they are saved.

    `parts` is a queryset of sections or of sources; `purpose` names the placeholders.
    """
    field = UNIQUE_FIELDS[parts.model]
    parts.update(**{field: parked_value(field, purpose)})
