"""The back plan's dates and summary, from the answers and a given day (no clock, no server)."""

import datetime

import pytest

from triage import plan
from triage.engine import evaluate

D = datetime.date


@pytest.fixture
def questionnaire(db, questionnaire_snapshot):
    return questionnaire_snapshot[0]


def self_care_answers(when_started):
    return {"when-started": [when_started]}


@pytest.mark.parametrize(
    ("when_started", "today", "check_on"),
    [
        # New pain: 3 weeks from the earliest day it may have started (3 days ago).
        ("last-3-days", D(2026, 12, 5), D(2026, 12, 23)),
        # Across the end of a month and of a year.
        ("4-days-to-2-weeks", D(2026, 4, 28), D(2026, 5, 5)),
        ("4-days-to-2-weeks", D(2026, 12, 28), D(2027, 1, 4)),
        ("last-3-days", D(2026, 12, 31), D(2027, 1, 18)),
        # Onto 29 February in a leap year, and past its place in other years.
        ("4-days-to-2-weeks", D(2028, 2, 22), D(2028, 2, 29)),
        ("4-days-to-2-weeks", D(2027, 2, 22), D(2027, 3, 1)),
        ("last-3-days", D(2028, 2, 29), D(2028, 3, 18)),
        # Older pain that is getting better: a week of self-care, then check.
        ("over-2-weeks", D(2026, 12, 5), D(2026, 12, 12)),
        ("2-to-6-weeks", D(2026, 12, 5), D(2026, 12, 12)),
    ],
)
def test_self_care_check_date_is_three_weeks_from_the_earliest_start_and_at_least_a_week_away(
    when_started, today, check_on
):
    onset = plan.onset(self_care_answers(when_started))
    assert plan.recheck_date("self-care", onset, today) == check_on


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"when-started": ["a-while-ago"]},
        {"when-started": "last-3-days"},
        {"when-started": ["last-3-days", "over-2-weeks"]},
        {"when-started": [3]},
        {"when-started": [["last-3-days"]]},
        {"when-started": None},
    ],
)
def test_an_unknown_start_falls_back_to_the_soonest_check_and_a_timeline_from_today(answers):
    today = D(2026, 12, 31)
    onset = plan.onset(answers)
    assert onset == plan.UNKNOWN_ONSET
    check_on = plan.recheck_date("self-care", onset, today)
    assert check_on == D(2027, 1, 7)
    entries = plan.timeline(onset, today, check_on, "Check")
    assert entries[0].title == "The first 3 days"
    assert entries[0].now


def test_the_soonest_check_is_never_later_than_any_known_answer_gives():
    today = D(2026, 6, 1)
    unknown = plan.recheck_date("self-care", plan.UNKNOWN_ONSET, today)
    for days in plan.ONSET_DAYS.values():
        assert unknown <= plan.recheck_date("self-care", plan.Onset(*days), today)


def test_soon_means_a_doctor_within_days_and_urgent_means_today():
    onset = plan.onset(self_care_answers("last-3-days"))
    assert plan.recheck_date("soon", onset, D(2026, 12, 30)) == D(2027, 1, 2)
    assert plan.recheck_date("soon", onset, D(2028, 2, 27)) == D(2028, 3, 1)
    assert plan.recheck_date("urgent", onset, D(2028, 2, 29)) == D(2028, 2, 29)


def test_the_date_is_written_out_with_the_year_only_when_it_is_next_year():
    assert plan.long_date(D(2026, 12, 14), D(2026, 12, 5)) == "Monday 14 December"
    assert plan.long_date(D(2027, 1, 4), D(2026, 12, 28)) == "Monday 4 January 2027"
    assert plan.long_date(D(2028, 2, 29), D(2028, 2, 22)) == "Tuesday 29 February"


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("self-care", "If your back is no better by Monday 14 December, book an appointment"),
        ("soon", "If you have not been able to see one by Monday 14 December"),
        ("urgent", "Get medical help today, Monday 14 December."),
    ],
)
def test_the_check_message_names_the_day_and_what_to_do(settings, level, expected):
    settings.SITE_URGENT_SERVICE = "the nurse line"
    settings.SITE_URGENT_NUMBER = "1234"
    message = plan.recheck_message(level, D(2026, 12, 14), D(2026, 12, 5))
    assert expected in message
    assert "{" not in message
    if level != "self-care":
        assert "the nurse line on 1234" in message


def test_the_timeline_starts_at_the_first_days_for_new_pain_with_dates_from_today():
    today = D(2026, 12, 30)
    onset = plan.onset(self_care_answers("last-3-days"))
    check_on = plan.recheck_date("self-care", onset, today)
    entries = plan.timeline(onset, today, check_on, "Check now")
    assert [(entry.title, entry.starts, entry.ends, entry.now) for entry in entries] == [
        ("The first 3 days", D(2026, 12, 30), D(2027, 1, 1), True),
        ("Days 4 to 14", D(2027, 1, 2), D(2027, 1, 12), False),
        ("Weeks 3 to 6", D(2027, 1, 13), D(2027, 2, 9), False),
        ("Your check date", D(2027, 1, 17), None, False),
        ("After 6 weeks", D(2027, 2, 10), None, False),
    ]
    assert entries[3].recheck and entries[3].text == "Check now"


def test_the_timeline_leaves_out_stages_already_over():
    today = D(2028, 2, 29)
    onset = plan.onset(self_care_answers("2-to-6-weeks"))
    entries = plan.timeline(onset, today, plan.recheck_date("self-care", onset, today), "")
    assert [entry.title for entry in entries] == [
        "Weeks 3 to 6",
        "Your check date",
        "After 6 weeks",
    ]
    assert entries[0].now and entries[0].starts == today
    assert entries[1].starts == D(2028, 3, 7)


def test_every_answer_to_when_it_started_has_its_days(questionnaire):
    question = questionnaire.question(plan.ONSET_QUESTION)
    assert question is not None
    assert {choice.slug for choice in question.choices} <= set(plan.ONSET_DAYS)


def finished(questionnaire, **overrides):
    """Answers that reach a result: the given ones, and otherwise the calmest answer."""
    answers = {}
    for _ in questionnaire.questions:
        progress = evaluate(questionnaire, answers)
        if progress.outcome:
            return answers, progress
        question = progress.next_question
        calm = [c for c in question.choices if c.level in {"none", "self-care"}]
        calm.sort(key=lambda choice: not choice.exclusive)
        answers[question.slug] = overrides.get(question.slug.replace("-", "_"), [calm[0].slug])
    raise AssertionError("the form did not finish")


def test_the_doctor_summary_says_yes_or_no_for_every_red_flag_and_lists_the_rest(questionnaire):
    answers, progress = finished(
        questionnaire, when_started=["last-3-days"], tried=["ice", "painkillers"]
    )
    summary = plan.doctor_summary(progress)
    emergency = questionnaire.question("emergency-signs")
    signs = [choice.label for choice in emergency.choices if not choice.exclusive]
    lines = {line.label: line.answer for line in summary.red_flags}
    assert all(lines[sign] == "you said no" for sign in signs)
    others = {line.label: line.answer for line in summary.other_answers}
    assert others["When it started"] == "In the last 3 days"
    assert others["What you have tried"] == "Ice or a cold pack, Painkillers"
    assert not summary.ended_early


def test_an_urgent_plan_says_yes_to_the_sign_and_has_no_timeline(questionnaire):
    answers, progress = finished(questionnaire, urgent_signs=["weight-loss"])
    assert progress.outcome.level == "urgent"
    made = plan.make(progress, answers, D(2026, 12, 5))
    lines = {line.label: line.answer for line in made.summary.red_flags}
    assert lines["You are losing weight without trying"] == "you said yes"
    assert made.summary.ended_early
    assert made.timeline == ()
    assert made.recheck_date == D(2026, 12, 5)


def test_no_plan_for_an_emergency(questionnaire):
    _, progress = finished(questionnaire, emergency_signs=["chest-pain"])
    assert progress.outcome.level == "emergency"
    assert not plan.offered(progress.outcome)
