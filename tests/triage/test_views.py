"""The symptom form as a person uses it: each page, back, change, errors and bad input."""

import logging
import time

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Section
from site_config.caching import content_changed
from tests.triage.journeys import PLAIN_BACK_SPASM
from triage import answers
from triage.models import Choice

START = reverse("triage:start")
CHECK = reverse("triage:check_answers")
RESULT = reverse("triage:result")
START_AGAIN = reverse("triage:start_again")

SELF_CARE_ANSWERS = list(PLAIN_BACK_SPASM.items())


def url(slug):
    return reverse("triage:question", args=[slug])


def answer(client, slug, values, change=False):
    return client.post(url(slug) + ("?change=1" if change else ""), {"answer": values})


def answer_all(client, answers):
    response = None
    for slug, values in answers:
        response = answer(client, slug, values)
        assert response.status_code == 302, (slug, response.status_code)
    return response


def result_after(client, answers):
    """The result page's HTML after answering ``answers`` in order."""
    answer_all(client, answers)
    return client.get(RESULT).content.decode()


def saved_answers(client):
    """The answers the browser holds, as the server signed them."""
    cookie = client.cookies.get(answers.COOKIE_NAME)
    if cookie is None or not cookie.value:
        return {}
    return answers.decode(cookie.value)


@pytest.fixture
def form(default_questionnaire):
    return default_questionnaire


@override_settings(SITE_EMERGENCY_NUMBER="999")
def test_start_page_explains_the_form_and_gives_the_emergency_number(client, form):
    response = client.get(START)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Check your back pain symptoms</h1>" in content
    assert "not a diagnosis" in content
    assert "about 2 minutes" in content
    assert "answers are not stored on our website" in content
    assert 'href="tel:999"' in content
    assert f'href="{url("emergency-signs")}"' in content


def test_question_page_has_the_question_as_the_heading_in_the_legend(client, form):
    content = client.get(url("emergency-signs")).content.decode()
    assert '<legend class="fieldset__legend"><h1 class="fieldset__heading">' in content
    assert "Do you have any of these with your back pain?" in content
    assert content.count('type="checkbox"') == 8
    assert "The area that would touch a saddle" in content
    assert '<div class="choices__divider">or</div>' in content
    assert ">Continue</button>" in content
    assert f'class="back-link" href="{START}"' in content


def test_single_choice_questions_use_radio_buttons(client, form):
    answer_all(client, SELF_CARE_ANSWERS[:4])
    content = client.get(url("when-started")).content.decode()
    assert content.count('type="radio"') == 5
    assert 'type="checkbox"' not in content


def test_each_answer_leads_to_the_next_question_and_back_links_follow_the_path(client, form):
    response = answer(client, "emergency-signs", ["none"])
    assert response.url == url("health")
    response = answer(client, "health", ["none"])
    assert response.url == url("urgent-signs")
    response = answer(client, "urgent-signs", ["none"])
    assert response.url == url("age")
    content = client.get(url("age")).content.decode()
    assert f'class="back-link" href="{url("urgent-signs")}"' in content


def test_going_back_shows_the_answers_already_given(client, form):
    answer_all(client, SELF_CARE_ANSWERS[:7])
    content = client.get(url("when-started")).content.decode()
    assert 'value="last-3-days" checked' in content
    assert saved_answers(client)["leg"] == ["none"], "later answers are kept"


def test_an_emergency_sign_ends_the_form_on_the_emergency_result(client, form):
    response = answer(client, "emergency-signs", ["saddle-numbness", "chest-pain"])
    assert response.url == RESULT
    content = client.get(RESULT).content.decode()
    assert "Call 999 now" in content
    assert "you have numbness or tingling around your genitals or bottom" in content
    assert "you have chest pain as well as back pain" in content
    assert client.get(url("urgent-signs")).url == RESULT, "no further questions"


@pytest.mark.parametrize(
    ("answers", "heading"),
    [
        ([("emergency-signs", ["both-legs"])], "Call 999 now"),
        (
            [
                ("emergency-signs", ["none"]),
                ("health", ["none"]),
                ("urgent-signs", ["weight-loss"]),
            ],
            "Get medical help today",
        ),
        (
            list({**PLAIN_BACK_SPASM, "everyday-life": ["worried"]}.items()),
            "Book an appointment with a doctor",
        ),
        (SELF_CARE_ANSWERS, "You can look after your back yourself"),
    ],
)
def test_a_result_of_every_level_has_a_care_card_reasons_and_safety_netting(
    client, form, answers, heading
):
    answer_all(client, answers)
    content = client.get(RESULT).content.decode()
    assert heading in content
    assert "Because you told us:" in content
    assert f'action="{START_AGAIN}"' in content
    if heading != "Call 999 now":
        assert "If things get worse" in content
        assert "<li>chest pain</li>" in content, "safety-netting lists the signs"


def test_the_self_care_result_links_to_the_sections_that_fit_most_relevant_first(client, form):
    answer_all(client, SELF_CARE_ANSWERS)
    assert client.get(CHECK).status_code == 200
    content = client.get(RESULT).content.decode()
    ice = content.index('href="/articles/ice-and-heat/#ice"')
    active = content.index('href="/articles/moving-and-resting/#stay-gently-active"')
    lifting = content.index('href="/articles/preventing-back-spasms/#lifting-and-posture"')
    assert ice < active < lifting
    assert "cold helps most in the first 48 to 72 hours" in content
    assert "What to know about ice." in content
    assert "you have none of the signs that need help straight away" in content
    assert "<li>you start losing weight without trying</li>" in content, "safety-netting"
    assert "your back spasms keep coming back" in content


def test_an_unpublished_section_is_never_linked(client, form, unpublish):
    unpublish("ice-and-heat")
    answer_all(client, SELF_CARE_ANSWERS)
    content = client.get(RESULT).content.decode()
    assert "/articles/ice-and-heat/" not in content
    assert "/articles/moving-and-resting/#stay-gently-active" in content


def test_check_answers_lists_every_answer_with_a_change_link(client, form):
    response = answer_all(client, SELF_CARE_ANSWERS)
    assert response.url == CHECK
    content = client.get(CHECK).content.decode()
    assert content.count('class="summary-list__row"') == len(SELF_CARE_ANSWERS)
    assert "<li>Ice or a cold pack</li>" in content and "<li>Painkillers</li>" in content
    assert (
        f'<a href="{url("leg")}?change=1">Change<span class="visually-hidden"> your answer to: '
        "Do you have any of these in one leg?</span></a>"
    ) in content


def test_changing_an_answer_returns_to_check_answers(client, form):
    answer_all(client, SELF_CARE_ANSWERS)
    content = client.get(url("leg") + "?change=1").content.decode()
    assert f'class="back-link" href="{CHECK}"' in content
    response = answer(client, "leg", ["below-knee"], change=True)
    assert response.url == CHECK
    assert "Book an appointment with a doctor" in client.get(RESULT).content.decode()


def test_a_change_that_adds_a_follow_up_question_asks_it_then_returns(client, form):
    answer_all(client, SELF_CARE_ANSWERS)
    response = answer(client, "tried", ["muscle-relaxants"], change=True)
    assert response.url == url("muscle-relaxants-for") + "?change=1"
    response = answer(client, "muscle-relaxants-for", ["2-weeks-or-more"], change=True)
    assert response.url == CHECK


def test_a_follow_up_question_that_no_longer_applies_leaves_no_answer_behind(client, form):
    answer_all(client, SELF_CARE_ANSWERS[:-1])
    answer_all(
        client, [("tried", ["muscle-relaxants"]), ("muscle-relaxants-for", ["2-weeks-or-more"])]
    )
    answer(client, "tried", ["heat"], change=True)
    assert "muscle-relaxants-for" not in saved_answers(client)
    assert (
        "How long have you been taking muscle relaxants" not in client.get(CHECK).content.decode()
    )
    assert client.get(url("muscle-relaxants-for")).url == CHECK


def test_no_answer_shows_an_error_summary_and_keeps_earlier_answers(client, form):
    answer_all(client, SELF_CARE_ANSWERS[:4])
    response = client.post(url("when-started"), {})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: When did this back pain start?" in content
    assert "There is a problem" in content
    assert '<a href="#answer-1">Select when your back pain started</a>' in content
    assert 'id="answer-error"' in content and 'id="answer-1"' in content
    assert 'aria-describedby="answer-error"' in content
    assert list(saved_answers(client)) == ["emergency-signs", "health", "urgent-signs", "age"]


def test_none_of_these_with_a_red_flag_gives_the_red_flag_and_says_so(client, form):
    response = answer(client, "emergency-signs", ["none", "chest-pain"])
    assert response.url == RESULT
    content = client.get(RESULT).content.decode()
    assert "Call 999 now" in content
    assert "you have chest pain as well as back pain" in content
    assert "You selected 'None of these'" in content
    assert "To be safe, we went by the sign you selected." in content
    summary = client.get(CHECK).content.decode()
    assert "Chest pain as well as back pain" in summary
    assert "You also selected 'None of these'. To be safe" in summary


def test_none_of_these_with_an_answer_that_is_not_a_sign_is_explained(client, form):
    answer_all(client, SELF_CARE_ANSWERS[:5])
    response = answer(client, "trigger", ["not-sure", "lifting"])
    content = response.content.decode()
    assert response.status_code == 200
    assert "Select &#x27;I&#x27;m not sure&#x27; on its own" in content
    assert 'value="lifting" checked' in content and 'value="not-sure" checked' in content
    assert "trigger" not in saved_answers(client)


@pytest.mark.parametrize(
    ("slug", "data"),
    [
        ("emergency-signs", {"answer": ["made-up"]}),
        ("emergency-signs", {"answer": ["last-3-days"]}),  # a choice from another question
        ("emergency-signs", {"answer": ["x" * 5000]}),
        ("when-started", {"answer": ["last-3-days", "2-to-6-weeks"]}),
    ],
)
def test_forged_answers_get_a_friendly_400_and_lose_nothing(client, form, slug, data):
    if slug == "when-started":
        answer_all(client, SELF_CARE_ANSWERS[:4])
    before = saved_answers(client)
    response = client.post(url(slug), data)
    assert response.status_code == 400
    assert "Sorry, we could not use that answer" in response.content.decode()
    assert saved_answers(client) == before


@pytest.mark.parametrize("target", [url("leg"), url("muscle-relaxants-for"), CHECK, RESULT])
def test_jumping_ahead_redirects_to_the_first_unanswered_question(client, form, target):
    answer_all(client, SELF_CARE_ANSWERS[:5])
    assert client.get(target).url == url("trigger")
    response = client.post(target, {"answer": ["below-knee"]})
    assert response.status_code in {302, 405}
    assert "leg" not in saved_answers(client)


def test_an_unknown_question_is_not_found(client, form):
    assert client.get(url("no-such-question")).status_code == 404


def test_answers_expire_after_an_hour_without_activity(client, form, monkeypatch):
    answer_all(client, SELF_CARE_ANSWERS[:3])
    an_hour_later = time.time() + answers.IDLE_LIMIT_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: an_hour_later)
    response = client.get(url("trigger"), follow=True)
    assert response.redirect_chain[-1][0] == url("emergency-signs")
    assert "not used for 1 hour" in response.content.decode()
    assert saved_answers(client) == {}


@override_settings(SESSION_COOKIE_SECURE=True)
def test_the_answers_travel_only_over_https_where_the_site_uses_it(client, form):
    response = answer(client, "emergency-signs", ["none"])
    assert response.cookies[answers.COOKIE_NAME]["secure"] is True


def test_the_browser_is_told_to_delete_the_answers_after_an_hour(client, form):
    response = answer(client, "emergency-signs", ["none"])
    cookie = response.cookies[answers.COOKIE_NAME]
    assert cookie["max-age"] == answers.IDLE_LIMIT_SECONDS
    assert cookie["path"] == START, "article pages never receive the answers"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_answers_are_kept_within_the_hour(client, form):
    answer_all(client, SELF_CARE_ANSWERS[:5])
    assert client.get(url("trigger")).status_code == 200


def test_start_again_clears_the_answers(client, form):
    answer_all(client, SELF_CARE_ANSWERS)
    assert client.get(START_AGAIN).status_code == 405
    response = client.post(START_AGAIN)
    assert response.url == START
    assert response.cookies[answers.COOKIE_NAME]["max-age"] == 0
    assert saved_answers(client) == {}
    assert client.get(RESULT).url == url("emergency-signs")


def test_a_post_without_csrf_token_gets_the_friendly_expired_form_page(form):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url("emergency-signs"), {"answer": ["none"]})
    assert response.status_code == 403
    assert "Sorry, your form has expired" in response.content.decode()


def test_an_oversized_post_is_refused_with_a_400(client, form):
    response = client.post(url("emergency-signs"), {f"field{n}": "x" for n in range(1500)})
    assert response.status_code == 400
    response = client.post(url("emergency-signs"), {"answer": "x" * 3_000_000})
    assert response.status_code == 400


def test_answers_never_appear_in_urls_or_logs(client, form, caplog):
    caplog.set_level(logging.DEBUG)
    responses = [answer(client, slug, values) for slug, values in SELF_CARE_ANSWERS]
    responses.append(client.post(url("tried"), {"answer": ["chest-pain"]}))
    for response in responses:
        location = response.headers.get("Location", "")
        assert not any(value in location for _, values in SELF_CARE_ANSWERS for value in values)
    logged = caplog.text
    assert "painkillers" not in logged and "chest-pain" not in logged and "16-to-49" not in logged


@given(
    slug=st.sampled_from(
        ["emergency-signs", "urgent-signs", "when-started", "tried", "everyday-life"]
    ),
    data=st.dictionaries(
        st.sampled_from(["answer", "csrfmiddlewaretoken", "change", "", "answer[]"]),
        st.lists(
            st.one_of(
                st.sampled_from(["none", "chest-pain", "ice", "nothing", "yes", "last-3-days"]),
                st.text(max_size=30),
            ),
            max_size=5,
        ),
        max_size=4,
    ),
    change=st.booleans(),
)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_malformed_posts_never_cause_a_server_error(client, form, slug, data, change):
    response = client.post(url(slug) + ("?change=1" if change else ""), data)
    assert response.status_code in {200, 302, 400}
    for question_slug, values in saved_answers(client).items():
        assert form.question(question_slug).accepts(values)


@override_settings(SITE_EMERGENCY_NUMBER="112")
def test_the_emergency_number_placeholder_is_filled_in_wherever_editors_write_it(client, form):
    Choice.objects.filter(question__slug="emergency-signs", slug="chest-pain").update(
        hint="If in doubt, call {emergency_number}."
    )
    Section.objects.filter(slug="emergency-signs").update(summary="Call {emergency_number} now.")
    assert "If in doubt, call 112." in client.get(url("emergency-signs")).content.decode()
    answer(client, "emergency-signs", ["chest-pain"])
    content = client.get(RESULT).content.decode()
    assert "Call 112 now." in content
    assert "{emergency_number}" not in content


@pytest.mark.django_db
def test_without_questions_there_is_no_result_only_an_apology(client):
    content = client.get(START).content.decode()
    assert "the questions are not available at the moment" in content
    assert client.get(RESULT).url == START
    assert client.get(CHECK).url == START


def test_pages_load_the_questionnaire_in_a_fixed_number_of_queries(
    client, form, django_assert_max_num_queries
):
    answer_all(client, SELF_CARE_ANSWERS)
    for page in [url("tried"), CHECK, RESULT]:
        content_changed()  # so the questionnaire is read afresh
        # The content version, then one query each for questions, choices, their sections
        # and unsuitable sections, rules, their answers and sections, and the last review;
        # nothing for the answers, which come with the request.
        with django_assert_max_num_queries(9):
            assert client.get(page).status_code == 200
