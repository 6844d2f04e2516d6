"""One test per finding of the clinical review of the symptom form, as a person sees it.

Each drives the form's pages with the answers a person would give and reads the result.
"""

import zlib

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.triage.journeys import PLAIN_BACK_SPASM
from tests.triage.test_views import RESULT, START, answer_all, result_after, url
from triage import answers

NO_RED_FLAGS = [("emergency-signs", ["none"]), ("health", ["none"]), ("urgent-signs", ["none"])]
PLAIN_SPASM = list({**PLAIN_BACK_SPASM, "tried": ["nothing"]}.items())
EMERGENCY = "Call 999 now"
URGENT = "Get medical help today"
SOON = "Book an appointment with a doctor"
SELF_CARE = "You can look after your back yourself"


@pytest.fixture
def form(default_questionnaire):
    return default_questionnaire


def with_changes(**changed):
    return [(slug, changed.get(slug.replace("-", "_"), picked)) for slug, picked in PLAIN_SPASM]


def test_1_a_burst_aortic_aneurysm_is_an_emergency_sign(client, form):
    page = client.get(url("emergency-signs")).content.decode()
    assert "Sudden, severe pain in your back or tummy" in page
    content = result_after(client, [("emergency-signs", ["aortic-aneurysm"])])
    assert EMERGENCY in content
    assert "feeling faint, dizzy, sweaty, pale or clammy" in content


def test_2_new_problems_with_sex_are_part_of_the_saddle_area_sign(client, form):
    page = client.get(url("emergency-signs")).content.decode()
    assert "new problems with sex" in page
    assert "not being able to get an erection or ejaculate" in page
    content = result_after(client, PLAIN_SPASM)
    assert "no feeling in your genitals or not being able to get an erection" in content


@pytest.mark.parametrize(
    "risk", ["weak-immune-system", "steroid-tablets", "injects-drugs", "spine-procedure"]
)
def test_3_a_high_temperature_with_a_risk_of_infection_is_an_emergency(client, form, risk):
    content = result_after(
        client,
        [
            ("emergency-signs", ["none"]),
            ("health", [risk]),
            ("urgent-signs", ["high-temperature"]),
        ],
    )
    assert EMERGENCY in content
    assert "this can be a sign of an infection in the spine" in content


@pytest.mark.parametrize(
    ("age", "health", "trigger"),
    [
        ("65-or-over", "none", "small-fall"),
        ("65-or-over", "none", "not-sure"),
        ("50-to-64", "osteoporosis", "small-fall"),
        ("16-to-49", "osteoporosis", "not-sure"),
        ("50-to-64", "osteoporosis", "lifting"),
        ("65-or-over", "osteoporosis", "sudden-movement"),
    ],
)
def test_4_a_possible_fragility_fracture_never_ends_in_self_care(
    client, form, age, health, trigger
):
    steps = with_changes(age=[age], health=[health], trigger=[trigger])
    answer_all(client, steps[:6])
    content = client.get(RESULT).content.decode()
    assert URGENT in content
    assert "broken bone in the spine" in content


@pytest.mark.parametrize(
    "risk", ["weak-immune-system", "steroid-tablets", "injects-drugs", "spine-procedure"]
)
def test_4_new_back_pain_with_a_risk_of_infection_or_weak_bones_is_checked_today(
    client, form, risk
):
    content = result_after(client, [*with_changes(health=[risk])[:3]])
    assert URGENT in content
    assert "new back pain should be checked the same day" in content


def test_pain_when_peeing_is_a_sign_of_a_kidney_infection_that_needs_help_today(client, form):
    page = answer_all(client, NO_RED_FLAGS[:2])
    assert (
        "Pain or burning when you pee, or blood in your pee"
        in client.get(page.url).content.decode()
    )
    content = result_after(client, [("urgent-signs", ["peeing"])])
    assert URGENT in content
    assert "this can be a sign of a kidney infection" in content
    assert 'href="/articles/serious-causes/#kidney-problems"' in content


def test_4_everyone_is_asked_their_age_straight_after_the_red_flags(client, form):
    response = answer_all(client, NO_RED_FLAGS)
    assert response.url == url("age")


def test_4_cancer_weak_immunity_steroids_and_drugs_are_separate_answers(client, form):
    answer_all(client, NO_RED_FLAGS[:1])
    page = client.get(url("health")).content.decode()
    for label in [
        "You have had cancer",
        "You have a weakened immune system",
        "You have taken steroid tablets for 3 months or more",
        "You inject drugs",
    ]:
        assert f">{label}</label>" in page


def test_4_a_first_episode_over_50_with_no_clear_cause_needs_a_doctor(client, form):
    content = result_after(client, with_changes(age=["50-to-64"], trigger=["not-sure"]))
    assert SOON in content
    assert "this is your first back pain, you are over 50 and there is no clear cause" in content


def test_5_the_start_page_says_who_the_form_is_for(client, form):
    assert "This form is for people aged 16 and over" in client.get(START).content.decode()


def test_5_under_16s_are_sent_to_a_gp_or_pharmacist_after_the_red_flags(client, form):
    response = answer_all(client, [*NO_RED_FLAGS, ("age", ["under-16"])])
    assert response.url == RESULT
    content = client.get(RESULT).content.decode()
    assert "See a GP or a pharmacist" in content
    assert "This form is for people aged 16 and over" in content
    assert "If things get worse" in content, "the emergency signs still apply"
    assert 'href="/articles/children-and-teenagers/#when-to-see-a-gp"' in content


def test_5_an_under_16_with_an_emergency_sign_gets_the_emergency_result(client, form):
    assert EMERGENCY in result_after(client, [("emergency-signs", ["both-legs"])])


def test_5_pregnant_people_get_the_maternity_warning_signs_and_safe_advice(client, form):
    steps = with_changes(health=["pregnant"], when_started=["4-days-to-2-weeks"])
    steps.insert(4, ("pregnancy-signs", ["none"]))
    content = result_after(client, steps)
    assert SELF_CARE in content
    assert "contact your midwife or maternity unit straight away" in content.lower()
    assert "do not use a hot tub" in content.lower()
    assert "/articles/ice-and-heat/#heat" not in content, "the heat section suggests a hot tub"
    assert "/articles/medicines/#painkillers" not in content


def test_5_bleeding_in_pregnancy_sends_to_the_maternity_unit_today(client, form):
    steps = [*with_changes(health=["pregnant"])[:4], ("pregnancy-signs", ["bleeding"])]
    content = result_after(client, steps)
    assert URGENT in content
    assert "contact your midwife or maternity unit now" in content


@pytest.mark.parametrize("started", ["6-to-12-weeks", "over-12-weeks"])
def test_6_pain_for_more_than_6_weeks_goes_to_a_doctor(client, form, started):
    content = result_after(client, with_changes(when_started=[started]))
    assert SOON in content


def test_6_constant_pain_that_keeps_getting_worse_needs_help_today(client, form):
    steps = [*NO_RED_FLAGS[:2], ("urgent-signs", ["constant-and-worse"])]
    assert URGENT in result_after(client, steps)


def test_6_leg_symptoms_that_are_getting_worse_need_help_today(client, form):
    answer_all(client, with_changes(leg=["getting-worse"])[:7])
    assert URGENT in client.get(RESULT).content.decode()


@override_settings(
    SITE_EMERGENCY_NUMBER="999", SITE_URGENT_SERVICE="NHS 111", SITE_URGENT_NUMBER="111"
)
def test_7_the_urgent_result_sends_people_to_the_urgent_route_not_the_emergency_number(
    client, form
):
    content = result_after(client, [*NO_RED_FLAGS[:2], ("urgent-signs", ["weight-loss"])])
    card = content[content.index("care-card--urgent") : content.index("Why we gave")]
    assert 'href="tel:111"' in card and "NHS 111" in card
    assert 'href="tel:999"' not in card
    assert "only if you get any of the emergency signs" in card


def test_8_a_red_flag_with_none_of_these_gives_the_red_flag_and_says_so(client, form):
    content = result_after(client, [("emergency-signs", ["none", "bladder-or-bowel"])])
    assert EMERGENCY in content
    assert "To be safe, we went by the sign you selected." in content


def test_9_safety_netting_uses_each_signs_own_wording(client, form):
    content = result_after(client, PLAIN_SPASM)
    net = content[content.index("If things get worse") :]
    assert "<li>chest pain</li>" in net
    assert "<li>you start losing weight without trying</li>" in net
    assert "This back pain is new" not in net
    assert "None of these" not in net


def test_10_the_emergency_question_does_not_call_every_sign_a_nerve_problem(client, form):
    page = client.get(url("emergency-signs")).content.decode()
    assert "problem with the nerves" not in page


def test_a_plain_back_spasm_reaches_its_result_in_ten_question_pages(client, form):
    answers_by_question = dict(PLAIN_SPASM)
    asked = []
    location = url("emergency-signs")
    while location != reverse("triage:check_answers"):
        slug = location.rstrip("/").rsplit("/", 1)[-1]
        assert client.get(location).status_code == 200
        asked.append(slug)
        location = client.post(location, {"answer": answers_by_question[slug]}).url
    assert len(asked) <= 10, asked
    assert SELF_CARE in client.get(RESULT).content.decode()


def test_the_result_shows_the_version_of_the_questions_and_their_last_review(
    client, form, admin_client
):
    content = result_after(client, PLAIN_SPASM)
    assert f"These questions: version {form.version}." in content
    assert "Not clinically reviewed yet." in content
    admin_client.post("/admin/triage/review/add/", {"notes": "Checked."})
    content = client.get(RESULT).content.decode()
    assert "Last clinically reviewed on" in content


@pytest.mark.parametrize(
    "packed",
    [
        b"[" * 100_000 + b"]" * 100_000,  # nested far beyond Python's recursion limit
        b'{"emergency-signs": "none"}',  # not a list of answers
        b'{"emergency-signs": [["none"]]}',
        b'["emergency-signs"]',
        b"\xff\xfe not json",
    ],
)
def test_an_odd_answers_cookie_counts_as_no_answers(client, form, packed):
    client.cookies[answers.COOKIE_NAME] = answers._fernet().encrypt(zlib.compress(packed)).decode()
    response = client.get(url("trigger"))
    assert response.status_code == 302
    assert response.url == url("emergency-signs")


def test_an_answers_cookie_that_unpacks_to_a_huge_value_counts_as_no_answers(client, form):
    huge = zlib.compress(b'{"a":["' + b"x" * 10_000_000 + b'"]}')
    client.cookies[answers.COOKIE_NAME] = answers._fernet().encrypt(huge).decode()
    assert client.get(url("trigger")).url == url("emergency-signs")
