"""The engine, over the default questionnaire: every journey the flow allows."""

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.triage.journeys import journeys
from triage.engine import LEVELS, evaluate, level_rank

# The engine needs no database, but the shared snapshot is built in the test database.
pytestmark = pytest.mark.django_db


@pytest.fixture
def default_questionnaire(questionnaire_snapshot):
    return questionnaire_snapshot[0]


@functools.cache
def journeys_of(questionnaire):
    # The snapshot is immutable and hashable, so the walk is done once for all the tests.
    return list(journeys(questionnaire))


@pytest.fixture
def all_journeys(default_questionnaire):
    return journeys_of(default_questionnaire)


def chosen(progress):
    return [choice for answer in progress.path for choice in answer.choices]


def section_keys(progress):
    return [(r.section.article_slug, r.section.slug) for r in progress.outcome.recommendations]


def finish(questionnaire, answers):
    """Answer every remaining question with its first choice, keeping the given answers."""
    answers = dict(answers)
    progress = evaluate(questionnaire, answers)
    while progress.next_question:
        question = progress.next_question
        answers[question.slug] = answers.get(question.slug) or [question.choices[0].slug]
        progress = evaluate(questionnaire, answers)
    return progress


QUIET = {
    "emergency-signs": ["none"],
    "urgent-signs": ["none"],
    "when-started": ["last-3-days"],
    "trigger": ["lifting"],
    "where": ["back-only"],
    "one-leg": ["no"],
    "everyday-life": ["some-things"],
    "spasms-before": ["first-time"],
    "tried": ["nothing"],
    "coping": ["no"],
}


def test_every_journey_ends_in_a_result_with_a_level(all_journeys):
    assert len(all_journeys) > 40_000
    for _, progress in all_journeys:
        assert progress.next_question is None
        assert progress.outcome.level in LEVELS[1:]
        assert progress.outcome.reasons, "every result says why"


def test_every_emergency_sign_gives_emergency_and_ends_the_form_at_once(all_journeys):
    emergency_journeys = [
        progress
        for _, progress in all_journeys
        if any(choice.level == "emergency" for choice in chosen(progress))
    ]
    assert len(emergency_journeys) == 2**6 - 1
    for progress in emergency_journeys:
        assert progress.outcome.level == "emergency"
        assert [answer.question.slug for answer in progress.path] == ["emergency-signs"]
        assert {reason.level for reason in progress.outcome.reasons} == {"emergency"}


def test_every_urgent_sign_gives_at_least_urgent(all_journeys):
    urgent = [p for _, p in all_journeys if any(c.level == "urgent" for c in chosen(p))]
    assert len(urgent) == 2**8 - 1
    for progress in urgent:
        assert level_rank(progress.outcome.level) >= level_rank("urgent")


def test_the_level_is_the_most_urgent_answer_and_its_reasons_are_those_answers(all_journeys):
    for _, progress in all_journeys:
        most_urgent = max((c.level for c in chosen(progress)), key=level_rank)
        assert progress.outcome.level == most_urgent
        expected = [c for c in chosen(progress) if c.level == most_urgent and c.reason]
        assert list(progress.outcome.reasons) == expected


def test_every_recommended_section_exists_and_is_published(all_journeys, questionnaire_snapshot):
    _, published = questionnaire_snapshot
    reached = set()
    for _, progress in all_journeys:
        keys = section_keys(progress)
        assert len(keys) == len(set(keys)), "a section is recommended once"
        reached.update(keys)
    assert reached <= published
    assert {("ice-and-heat", "ice"), ("ice-and-heat", "heat")} <= reached


def test_same_answers_always_give_the_same_outcome(default_questionnaire, all_journeys):
    for answers, progress in all_journeys[::97]:
        shuffled = dict(reversed(list(answers.items())))
        assert evaluate(default_questionnaire, shuffled) == progress
        assert evaluate(default_questionnaire, answers) == progress


def test_a_quiet_journey_is_self_care_led_by_cold_in_the_first_days(default_questionnaire):
    outcome = evaluate(default_questionnaire, QUIET).outcome
    assert outcome.level == "self-care"
    assert [reason.slug for reason in outcome.reasons] == ["none", "none"]
    keys = section_keys(evaluate(default_questionnaire, QUIET))
    assert keys[0] == ("ice-and-heat", "ice")
    assert ("ice-and-heat", "heat") not in keys
    assert ("moving-and-resting", "stay-gently-active") in keys
    assert ("moving-and-resting", "gentle-lengthening") in keys
    assert ("preventing-back-spasms", "lifting-and-posture") in keys
    assert all(reco.why for reco in outcome.recommendations)


@pytest.mark.parametrize("started", ["4-days-to-2-weeks", "over-2-weeks"])
def test_after_3_days_heat_is_recommended_instead_of_cold(default_questionnaire, started):
    progress = finish(default_questionnaire, {**QUIET, "when-started": [started]})
    keys = section_keys(progress)
    assert ("ice-and-heat", "heat") in keys
    assert ("ice-and-heat", "ice") not in keys


@pytest.mark.parametrize(
    ("changed", "section"),
    [
        (
            {"trigger": ["sport-or-exercise"]},
            ("fluids-and-electrolytes", "electrolytes-after-sweating"),
        ),
        ({"trigger": ["heavy-sweating"]}, ("fluids-and-electrolytes", "drink-enough")),
        ({"trigger": ["lifting"]}, ("preventing-back-spasms", "lifting-and-posture")),
        ({"tried": ["creams"]}, ("medicines", "creams")),
        ({"tried": ["massage"]}, ("hands-on-treatments", "massage")),
    ],
)
def test_answers_lead_to_the_sections_that_fit_them(default_questionnaire, changed, section):
    progress = finish(default_questionnaire, {**QUIET, **changed})
    assert progress.outcome.level == "self-care"
    assert section in section_keys(progress)


@pytest.mark.parametrize(
    "changed",
    [
        {"when-started": ["over-2-weeks"], "getting-better": ["no"]},
        {"trigger": ["not-sure"], "age": ["under-20"]},
        {"trigger": ["not-sure"], "age": ["over-50"]},
        {"where": ["below-knee"]},
        {"one-leg": ["yes"]},
        {"everyday-life": ["a-lot"]},
        {"spasms-before": ["keep-coming-back"]},
        {"tried": ["muscle-relaxants"], "muscle-relaxants-for": ["2-weeks-or-more"]},
        {"coping": ["yes"]},
    ],
)
def test_signs_that_need_a_doctor_soon(default_questionnaire, changed):
    progress = finish(default_questionnaire, {**QUIET, **changed})
    assert progress.outcome.level == "soon"
    assert section_keys(progress)[0] == ("seeing-a-doctor", "when-to-book")
    assert len(progress.outcome.reasons) == 1


def test_spasms_that_keep_coming_back_lead_to_prevention(default_questionnaire):
    progress = finish(default_questionnaire, {**QUIET, "spasms-before": ["keep-coming-back"]})
    keys = section_keys(progress)
    assert ("preventing-back-spasms", "stretching-and-strengthening") in keys
    assert ("preventing-back-spasms", "stress") in keys


def test_age_is_asked_only_when_the_cause_is_unclear(default_questionnaire):
    asked = {a.question.slug for a in finish(default_questionnaire, QUIET).path}
    assert "age" not in asked
    unclear = finish(default_questionnaire, {**QUIET, "trigger": ["not-sure"]})
    assert "age" in {a.question.slug for a in unclear.path}


def test_an_answer_to_a_question_no_longer_shown_is_dropped(default_questionnaire):
    answers = {**QUIET, "tried": ["ice"], "muscle-relaxants-for": ["2-weeks-or-more"]}
    progress = evaluate(default_questionnaire, answers)
    assert "muscle-relaxants-for" not in progress.kept_answers
    assert progress.outcome.level == "self-care"


def test_answers_after_a_gap_do_not_skip_the_gap(default_questionnaire):
    answers = {key: value for key, value in QUIET.items() if key != "urgent-signs"}
    progress = evaluate(default_questionnaire, answers)
    assert progress.next_question.slug == "urgent-signs"
    assert progress.outcome is None


@given(
    answers=st.dictionaries(
        st.sampled_from([*QUIET, "age", "getting-better", "muscle-relaxants-for", "nonsense"]),
        st.lists(
            st.sampled_from(
                ["none", "yes", "no", "lifting", "nothing", "chest-pain", "", "x" * 300]
            ),
            max_size=4,
        ),
    )
)
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_answers_at_all_give_a_next_question_or_an_outcome(default_questionnaire, answers):
    progress = evaluate(default_questionnaire, answers)
    assert (progress.next_question is None) != (progress.outcome is None)
    for slug, picked in progress.kept_answers.items():
        assert default_questionnaire.question(slug).accepts(picked)
    assert evaluate(default_questionnaire, answers) == progress


def test_the_first_recommended_section_matches_the_level(all_journeys):
    first_for_level = {
        "emergency": ("when-to-get-help", "emergency-signs"),
        "urgent": ("when-to-get-help", "urgent-signs"),
        "soon": ("seeing-a-doctor", "when-to-book"),
    }
    for _, progress in all_journeys:
        keys = section_keys(progress)
        if progress.outcome.level in first_for_level:
            assert keys[0] == first_for_level[progress.outcome.level]
        else:
            assert keys[0][0] == "ice-and-heat"
            assert ("seeing-a-doctor", "when-to-book") not in keys
