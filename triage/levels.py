"""How urgently to get help: the one list of levels the form's data, rules and pages share.

The values are stored in the database (each answer's and combination rule's level) and
named in templates, so they never change; the labels are what editors pick from.
"""

from django.db.models import TextChoices


class Level(TextChoices):
    """How urgently to get help, from least to most urgent."""

    NONE = "none", "No change to the level"
    SELF_CARE = "self-care", "Self-care"
    SOON = "soon", "See a doctor soon"
    URGENT = "urgent", "Get medical help today"
    EMERGENCY = "emergency", "Emergency: call now"


# From least to most urgent; the outcome is the most urgent level among the answers.
LEVELS = tuple(Level.values)
# Signs to watch for: every page lists them, and an answer at these levels needs wording.
RED_FLAG_LEVELS = frozenset({Level.EMERGENCY, Level.URGENT})


def level_rank(level):
    return LEVELS.index(level)
