"""When an article's next review falls due."""

import datetime

# Articles are checked against their sources at least this often; an editor may choose a
# shorter interval (the warning signs are reviewed every year) or an earlier date.
REVIEW_INTERVAL_YEARS = 3
# The back office lists articles whose review falls due within this many days.
REVIEW_WARNING_DAYS = 30


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same date `years` on. 29 February moves back to 28 February in a year without
    it, so a review is never due later than its interval allows."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def next_review_due(
    last_reviewed: datetime.date, years: int = REVIEW_INTERVAL_YEARS
) -> datetime.date:
    return years_after(last_reviewed, years)
