""" "My back plan": the symptom form's result as a plan a person can keep.

Pure functions over the engine's result, the answers and a `today` passed in by the view
(in the site's time zone), so the date arithmetic can be tested on any day without a
server. Nothing here is stored: the plan is made again from the answers cookie on every
request.
"""

import datetime
import uuid
from dataclasses import dataclass

from icalendar import Alarm, Calendar, Event

from site_config import care_routes
from triage.engine import MULTIPLE
from triage.levels import RED_FLAG_LEVELS, Level

# How many days ago the pain may have started, for each answer to "When did this back pain
# start?": (fewest, most); None means no upper limit. The only place that reads this
# question, so a change to its answers is made here.
ONSET_QUESTION = "when-started"
ONSET_DAYS = {
    "last-3-days": (0, 3),
    "4-days-to-2-weeks": (4, 14),
    "over-2-weeks": (15, None),
    "2-to-6-weeks": (15, 42),
    "6-to-12-weeks": (43, 84),
    "over-12-weeks": (85, None),
}

# Most back pain is much better within 2 to 3 weeks of self-care; if it is not, it should be
# checked. Counted from the earliest day the answer allows, so the date is never late.
SELF_CARE_DAYS = 21
# Pain that started longer ago (or at an unknown time) gets a week of self-care before the check.
AT_LEAST_DAYS = 7
# "A doctor should check your back in the next few days."
SOON_DAYS = 3

YES = "you said yes"
NO = "you said no"


@dataclass(frozen=True)
class Onset:
    """When the pain started, as far as the answers tell: between `fewest_days` and
    `most_days` ago (`most_days` is None when there is no upper limit)."""

    fewest_days: int
    most_days: int | None
    known: bool = True


# An answer this module does not know (the question was reworded, or not asked): the
# timeline counts from today and the check comes after AT_LEAST_DAYS, the soonest any
# self-care answer gives.
UNKNOWN_ONSET = Onset(0, None, known=False)


@dataclass(frozen=True)
class Stage:
    """A stretch of the usual course of a back spasm, counted in days since it started."""

    first_day: int
    last_day: int | None
    title: str
    text: str


# Days are counted from 0, the day the pain started.
STAGES = (
    Stage(
        0,
        2,
        "The first 3 days",
        "The pain is often at its worst. Keep moving gently and do not stay in bed. "
        "A cold pack wrapped in a cloth for up to 20 minutes at a time may ease it.",
    ),
    Stage(
        3,
        13,
        "Days 4 to 14",
        "The spasm often eases within days. Heat for 15 to 20 minutes may help now. "
        "Do a little more each day. You can go back to work before the pain has gone.",
    ),
    Stage(
        14,
        41,
        "Weeks 3 to 6",
        "Most back pain is much better within a few weeks. Keep active. "
        "Wait until the pain settles before you start stretching or strengthening exercises.",
    ),
    Stage(
        42,
        None,
        "After 6 weeks",
        "Pain that lasts more than 6 weeks should be checked by a doctor.",
    ),
)


@dataclass(frozen=True)
class TimelineEntry:
    title: str
    text: str
    starts: datetime.date
    ends: datetime.date | None
    now: bool = False
    recheck: bool = False


@dataclass(frozen=True)
class SummaryLine:
    label: str
    answer: str


@dataclass(frozen=True)
class DoctorSummary:
    red_flags: tuple[SummaryLine, ...]
    other_answers: tuple[SummaryLine, ...]
    ended_early: bool


@dataclass(frozen=True)
class Plan:
    today: datetime.date
    level: str
    onset: Onset
    recheck_date: datetime.date
    recheck_message: str
    timeline: tuple[TimelineEntry, ...]
    summary: DoctorSummary


def offered(outcome):
    """Emergency results keep the person on the call-now card: no plan to read first.
    Nor is there one for people the form is not for (under 16s): adult self-care does
    not apply to them."""
    return outcome is not None and outcome.level != Level.EMERGENCY and not outcome.out_of_scope


def onset(answers):
    """When the pain started, from the answers dict; UNKNOWN_ONSET for anything unexpected."""
    picked = answers.get(ONSET_QUESTION)
    if not isinstance(picked, list | tuple) or len(picked) != 1:
        return UNKNOWN_ONSET
    days = ONSET_DAYS.get(picked[0]) if isinstance(picked[0], str) else None
    return Onset(*days) if days else UNKNOWN_ONSET


def recheck_date(level, onset, today):
    """The day to get checked if the back is no better (or, for "urgent", today)."""
    if level == Level.URGENT:
        return today
    if level == Level.SOON:
        return today + datetime.timedelta(days=SOON_DAYS)
    most_days = SELF_CARE_DAYS if onset.most_days is None else onset.most_days
    return today + datetime.timedelta(days=max(SELF_CARE_DAYS - most_days, AT_LEAST_DAYS))


def long_date(day, today):
    """'Monday 14 December', with the year when it is not this year's."""
    text = f"{day:%A} {day.day} {day:%B}"
    return f"{text} {day.year}" if day.year != today.year else text


def recheck_message(level, day, today):
    """What to do on the re-check date, in plain text with this site's help routes."""
    when = long_date(day, today)
    if level == Level.URGENT:
        text = (
            f"Get medical help today, {when}. If you cannot get help today, "
            "call {urgent_service} on {urgent_number}."
        )
    elif level == Level.SOON:
        text = (
            "Book an appointment with a doctor now. If you have not been able to see one "
            f"by {when}, ask again or call {{urgent_service}} on {{urgent_number}}."
        )
    else:
        text = f"If your back is no better by {when}, book an appointment with a doctor."
    return care_routes.fill_in(text)


def timeline(onset, today, recheck, message):
    """The stages still ahead (and the one under way), each with its dates, and the
    re-check day in date order. Stages are counted from the most recent day the answer
    allows, so advice for the first days is not skipped for someone whose pain is new."""
    started = today - datetime.timedelta(days=onset.fewest_days)
    entries = []
    for stage in STAGES:
        starts = started + datetime.timedelta(days=stage.first_day)
        ends = None
        if stage.last_day is not None:
            ends = started + datetime.timedelta(days=stage.last_day)
            if ends < today:
                continue
        now = starts <= today and (ends is None or today <= ends)
        entries.append(TimelineEntry(stage.title, stage.text, max(starts, today), ends, now))
    entries.append(
        TimelineEntry(
            "Your check date",
            message,
            recheck,
            None,
            recheck=True,
        )
    )
    # Stable sort: the re-check comes after a stage that starts on the same day.
    return tuple(sorted(entries, key=lambda entry: entry.starts))


def _is_red_flag(question):
    return any(choice.level in RED_FLAG_LEVELS for choice in question.choices)


def doctor_summary(progress):
    """What the person answered, for a doctor or physio: each red flag asked about with
    yes or no, then their other answers in the order they were asked."""
    red_flags = []
    others = []
    for answer in progress.path:
        question = answer.question
        picked = {choice.slug for choice in answer.choices}
        if _is_red_flag(question) and question.kind == MULTIPLE:
            red_flags += [
                SummaryLine(choice.label, YES if choice.slug in picked else NO)
                for choice in question.choices
                if not choice.exclusive
            ]
        else:
            lines = red_flags if _is_red_flag(question) else others
            labels = ", ".join(choice.label for choice in answer.choices)
            lines.append(SummaryLine(question.summary_label or question.text, labels))
    return DoctorSummary(tuple(red_flags), tuple(others), progress.outcome.ended_early)


def make(progress, answers, today):
    """The whole plan for a finished, non-emergency result."""
    level = progress.outcome.level
    when = onset(answers)
    recheck = recheck_date(level, when, today)
    message = recheck_message(level, recheck, today)
    return Plan(
        today=today,
        level=level,
        onset=when,
        recheck_date=recheck,
        recheck_message=message,
        # Someone who needs help today is not told how back pain usually settles.
        timeline=() if level == Level.URGENT else timeline(when, today, recheck, message),
        summary=doctor_summary(progress),
    )


def safety_net_text(level, emergency_signs, urgent_signs):
    """The signs to watch for, as the plan page lists them, in plain text."""
    paragraphs = ["Call {emergency_number} now if you get: " + "; ".join(emergency_signs)]
    if level != Level.URGENT:
        paragraphs.append(
            "Get medical help today from {urgent_service} ({urgent_number}) if you get: "
            + "; ".join(urgent_signs)
        )
    # Filled in after joining, so a placeholder in a sign's label is filled in too.
    return care_routes.fill_in("\n\n".join(paragraphs))


def calendar(plan, safety_net, site_name, site_address, stamped_at):
    """The check date as an all-day event with a morning reminder, as iCalendar bytes.

    Made for this request and never stored; the event's UID is random, so it links to
    nothing on the server.
    """
    description = "\n\n".join([plan.recheck_message, safety_net, f"{site_name}: {site_address}"])
    summary = "Get medical help today" if plan.level == Level.URGENT else "Check how your back is"
    reminder = Alarm.new(description=summary)
    reminder.add("action", "DISPLAY")
    # 9 in the morning of the all-day event, in whatever time zone the calendar is in.
    reminder.add("trigger", datetime.timedelta(hours=9))
    event = Event.new(
        uid=uuid.uuid4(),
        stamp=stamped_at,
        start=plan.recheck_date,
        end=plan.recheck_date + datetime.timedelta(days=1),
        summary=summary,
        description=description,
        url=site_address,
        subcomponents=[reminder],
    )
    return Calendar.new(prodid=f"-//{site_name}//My back plan//EN", subcomponents=[event]).to_ical()
