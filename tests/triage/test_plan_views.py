"""The back plan page and its calendar file, as a browser gets them from the answers cookie."""

import datetime

import icalendar
import pytest
import time_machine
from django.urls import reverse

from articles.models import Section
from tests.triage.journeys import PLAIN_BACK_SPASM
from triage import answers

PLAN = reverse("triage:plan")
CALENDAR = reverse("triage:plan_calendar")
RESULT = reverse("triage:result")

SELF_CARE = PLAIN_BACK_SPASM
SOON = {**SELF_CARE, "everyday-life": ["worried"]}
URGENT = {"emergency-signs": ["none"], "health": ["none"], "urgent-signs": ["weight-loss"]}
EMERGENCY = {"emergency-signs": ["chest-pain"]}
# Saturday 5 December 2026, noon in London.
NOON = datetime.datetime(2026, 12, 5, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def form(default_questionnaire, settings):
    settings.SITE_EMERGENCY_NUMBER = "112"
    settings.SITE_URGENT_SERVICE = "the nurse line"
    settings.SITE_URGENT_NUMBER = "1234"
    Section.objects.filter(article__slug="ice-and-heat", slug="ice").update(
        body_html="<p>Wrap the ice pack in a tea towel.</p>"
    )
    return default_questionnaire


def with_answers(client, given):
    client.cookies[answers.COOKIE_NAME] = answers.encode(given)
    return client


def no_store(response):
    return "no-store" in response.headers.get("Cache-Control", "")


def calendar_event(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    return event


@time_machine.travel(NOON, tick=False)
def test_the_plan_sets_out_what_to_do_why_the_steps_and_the_check_date(client, form):
    response = with_answers(client, SELF_CARE).get(PLAN)
    content = response.content.decode()
    assert response.status_code == 200
    assert no_store(response)
    assert "You can look after your back yourself" in content
    assert "you have none of the signs that need help straight away" in content
    # The advice itself, not only a link to it.
    assert "Wrap the ice pack in a tea towel." in content
    assert "If your back is no better by Wednesday 23 December, book an appointment" in content
    assert "Made on Saturday 5 December 2026" in content
    assert "The first 3 days" in content
    assert "Call 112 now if you get:" in content
    assert "http://testserver/" in content
    assert '<link rel="stylesheet" href="/static/css/plan.css">' in content


@time_machine.travel(NOON, tick=False)
def test_the_summary_for_a_doctor_lists_each_red_flag_when_it_started_and_what_was_tried(
    client, form
):
    content = with_answers(client, SELF_CARE).get(PLAN).content.decode()
    summary = content[content.index("For a doctor or physio") :]
    assert "<dt>Chest pain as well as back pain</dt><dd>you said no</dd>" in summary
    assert "<dt>You are losing weight without trying</dt><dd>you said no</dd>" in summary
    assert "<dt>When it started</dt><dd>In the last 3 days</dd>" in summary
    assert "<dt>What you have tried</dt><dd>Ice or a cold pack, Painkillers</dd>" in summary


@time_machine.travel(NOON, tick=False)
def test_a_soon_plan_says_to_book_now_with_a_date_and_the_urgent_route(client, form):
    content = with_answers(client, SOON).get(PLAN).content.decode()
    assert "Book an appointment with a doctor now." in content
    assert "by Tuesday 8 December, ask again or call the nurse line on 1234." in content


@time_machine.travel(NOON, tick=False)
def test_an_urgent_plan_says_today_shows_the_yes_and_no_timeline(client, form):
    content = with_answers(client, URGENT).get(PLAN).content.decode()
    assert "Get medical help today, Saturday 5 December." in content
    assert "<dt>You are losing weight without trying</dt><dd>you said yes</dd>" in content
    assert "What to expect" not in content


@pytest.mark.parametrize("url", [PLAN, CALENDAR])
def test_an_emergency_gets_no_plan_but_goes_back_to_the_call_now_result(client, form, url):
    response = with_answers(client, EMERGENCY).get(url)
    assert response.status_code == 302
    assert response.url == RESULT
    assert no_store(response)


def test_the_result_offers_the_plan_except_in_an_emergency(client, form):
    assert f'href="{PLAN}"' in with_answers(client, SELF_CARE).get(RESULT).content.decode()
    assert f'href="{PLAN}"' in with_answers(client, URGENT).get(RESULT).content.decode()
    emergency = with_answers(client, EMERGENCY).get(RESULT).content.decode()
    assert "Call 112 now" in emergency
    assert f'href="{PLAN}"' not in emergency


@pytest.mark.parametrize("url", [PLAN, CALENDAR])
@pytest.mark.parametrize(
    "cookie",
    [None, "not an encrypted cookie", answers.encode({"emergency-signs": ["none"]})],
)
def test_without_complete_answers_the_plan_is_refused_with_a_redirect(client, form, url, cookie):
    if cookie:
        client.cookies[answers.COOKIE_NAME] = cookie
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("triage:start"))
    assert no_store(response)
    assert b"BEGIN:VCALENDAR" not in response.content


def test_plan_pages_only_answer_get_and_head(client, form):
    with_answers(client, SELF_CARE)
    assert client.post(PLAN).status_code == 405
    assert client.head(PLAN).status_code == 200


@time_machine.travel(NOON, tick=False)
def test_the_calendar_file_holds_the_check_date_and_the_signs_to_watch_for(client, form):
    response = with_answers(client, SELF_CARE).get(CALENDAR)
    assert response.status_code == 200
    assert no_store(response)
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="my-back-plan.ics"'
    event = calendar_event(response)
    assert event.start == datetime.date(2026, 12, 23)
    assert event.end == datetime.date(2026, 12, 24)
    description = str(event["DESCRIPTION"])
    assert "If your back is no better by Wednesday 23 December" in description
    assert "Call 112 now if you get:" in description
    assert "the nurse line (1234)" in description
    assert event.walk("VALARM")


@time_machine.travel(NOON, tick=False)
def test_the_calendar_file_for_an_urgent_result_is_for_today(client, form):
    event = calendar_event(with_answers(client, URGENT).get(CALENDAR))
    assert event.start == datetime.date(2026, 12, 5)
    assert "Get medical help today" in str(event["SUMMARY"])


@pytest.mark.parametrize(
    ("time_zone", "made_on", "check_on"),
    [
        # 11:30 on 31 December in London is already New Year's Day in Auckland...
        ("Europe/London", "Thursday 31 December 2026", datetime.date(2027, 1, 18)),
        ("Pacific/Auckland", "Friday 1 January 2027", datetime.date(2027, 1, 19)),
    ],
)
def test_today_is_the_date_in_the_sites_time_zone_around_midnight(
    client, form, settings, time_zone, made_on, check_on
):
    settings.TIME_ZONE = time_zone
    with time_machine.travel(datetime.datetime(2026, 12, 31, 11, 30, tzinfo=datetime.UTC)):
        with_answers(client, SELF_CARE)
        assert f"Made on {made_on}" in client.get(PLAN).content.decode()
        assert calendar_event(client.get(CALENDAR)).start == check_on


def test_late_evening_in_new_york_is_still_the_day_before_in_utc_terms(client, form, settings):
    settings.TIME_ZONE = "America/New_York"
    # 04:59 UTC on 1 March 2028 is 23:59 on 29 February in New York.
    with time_machine.travel(datetime.datetime(2028, 3, 1, 4, 59, tzinfo=datetime.UTC)):
        with_answers(client, SOON)
        assert "Made on Tuesday 29 February 2028" in client.get(PLAN).content.decode()
        assert calendar_event(client.get(CALENDAR)).start == datetime.date(2028, 3, 3)


def test_someone_the_form_is_not_for_gets_no_plan(client, form):
    under_16 = {**SELF_CARE, "age": ["under-16"]}
    response = with_answers(client, under_16).get(PLAN)
    assert response.status_code == 302
    assert response.url == RESULT
    assert f'href="{PLAN}"' not in client.get(RESULT).content.decode()


def test_the_plan_carries_the_notes_for_a_pregnant_person_and_the_questions_version(client, form):
    pregnant = {**SELF_CARE, "health": ["pregnant"], "pregnancy-signs": ["none"]}
    content = with_answers(client, pregnant).get(PLAN).content.decode()
    assert "You told us you are pregnant." in content
    assert f"Questions version {form.version}." in content
