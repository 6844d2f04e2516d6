"""When an article's next review falls due."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from articles import reviews
from articles.models import Article


def test_a_review_on_29_february_is_due_on_28_february_three_years_on():
    assert reviews.next_review_due(datetime.date(2028, 2, 29)) == datetime.date(2031, 2, 28)


def test_a_review_on_29_february_keeps_its_day_in_the_next_leap_year():
    assert reviews.years_after(datetime.date(2028, 2, 29), 4) == datetime.date(2032, 2, 29)


def test_a_review_on_the_last_day_of_the_year_stays_on_it():
    assert reviews.next_review_due(datetime.date(2027, 12, 31)) == datetime.date(2030, 12, 31)


@given(day=st.dates(max_value=datetime.date(9000, 12, 31)), years=st.integers(1, 10))
def test_a_review_is_due_in_the_right_year_and_never_after_its_anniversary(day, years):
    due = reviews.years_after(day, years)
    assert due.year == day.year + years
    assert (due.month, due.day) <= (day.month, day.day)
    assert (due - day).days in range(365 * years, 366 * years + 1)


def test_an_article_saved_without_a_review_date_gets_one(make_article):
    article = make_article(last_reviewed=datetime.date(2028, 2, 29), next_review_due=None)

    assert Article.objects.get(pk=article.pk).next_review_due == datetime.date(2031, 2, 28)


def test_a_review_date_an_editor_chose_is_kept(make_article):
    article = make_article(
        last_reviewed=datetime.date(2028, 2, 29), next_review_due=datetime.date(2029, 2, 28)
    )
    article.save()

    assert Article.objects.get(pk=article.pk).next_review_due == datetime.date(2029, 2, 28)


def test_an_article_reviewed_yearly_is_due_a_year_on(make_article):
    article = make_article(
        last_reviewed=datetime.date(2028, 2, 29), next_review_due=None, review_interval_years=1
    )

    assert Article.objects.get(pk=article.pk).next_review_due == datetime.date(2029, 2, 28)
