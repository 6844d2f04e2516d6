"""The engine, over the default questionnaire: every journey the flow allows."""

import functools
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.triage.journeys import PLAIN_BACK_SPASM, journeys, kind_of_answer
from triage.engine import LEVELS, evaluate, level_rank

# The engine needs no database, but the shared snapshot is built in the test database. The
# walk through every journey takes a while, so these tests share one test process (with
# pytest-xdist's --dist loadgroup, set in pyproject.toml) and walk it once.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("every-journey")]


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


# Nothing tried yet, so no advice depends on what was.
QUIET = {**PLAIN_BACK_SPASM, "tried": ["nothing"]}
RED_FLAG_QUESTIONS = ["emergency-signs", "health", "urgent-signs"]


def rules_met(questionnaire, progress):
    """The combination rules the journey's answers meet, worked out here from the data."""
    picked = {(a.question.slug, c.slug) for a in progress.path for c in a.choices}
    return [
        rule
        for rule in questionnaire.rules
        if rule.groups and all(set(group) & picked for group in rule.groups)
    ]


def test_every_journey_ends_in_a_result_with_a_level(all_journeys):
    assert len(all_journeys) > 10_000
    for _, progress in all_journeys:
        assert progress.next_question is None
        assert progress.outcome.level in LEVELS[1:]
        assert progress.outcome.reasons, "every result says why"


def test_no_journey_gives_a_lower_level_than_its_most_urgent_answer_or_rule(
    default_questionnaire, all_journeys
):
    for answers, progress in all_journeys:
        met = rules_met(default_questionnaire, progress)
        most_urgent = max(
            [c.level for c in chosen(progress)] + [r.level for r in met], key=level_rank
        )
        assert level_rank(progress.outcome.level) >= level_rank(most_urgent), answers
        # ...and no higher either: the level always comes from an answer or a rule.
        assert progress.outcome.level == max(most_urgent, "self-care", key=level_rank), answers
        assert set(progress.outcome.rules) == set(met), answers
        expected = [r for r in met if r.level == most_urgent and r.reason]
        expected += [c for c in chosen(progress) if c.level == most_urgent and c.reason]
        assert list(progress.outcome.reasons) == expected, answers


def test_every_combination_of_emergency_signs_gives_emergency_at_once(default_questionnaire):
    question = default_questionnaire.question("emergency-signs")
    signs = [choice.slug for choice in question.choices if not choice.exclusive]
    for size in range(1, len(signs) + 1):
        for combo in combinations(signs, size):
            for picked in [list(combo), ["none", *combo]]:
                progress = evaluate(default_questionnaire, {"emergency-signs": picked})
                assert progress.outcome.level == "emergency", picked
                assert [answer.question.slug for answer in progress.path] == ["emergency-signs"]
                assert {reason.level for reason in progress.outcome.reasons} == {"emergency"}


def test_an_emergency_ends_the_form_on_the_question_that_showed_it(all_journeys):
    for answers, progress in all_journeys:
        if progress.outcome.level == "emergency":
            assert progress.outcome.ended_early, answers
            assert set(answers) == {answer.question.slug for answer in progress.path}
            assert len(progress.path) <= len(RED_FLAG_QUESTIONS), "only red flags were asked"


def test_every_urgent_sign_gives_at_least_urgent(all_journeys):
    urgent = [p for _, p in all_journeys if any(c.level == "urgent" for c in chosen(p))]
    assert urgent
    for progress in urgent:
        assert level_rank(progress.outcome.level) >= level_rank("urgent")


def test_anything_urgent_in_the_red_flags_ends_the_form_after_them(all_journeys):
    for answers, progress in all_journeys:
        asked = [answer.question.slug for answer in progress.path]
        red_flags = [c for a in progress.path[:3] for c in a.choices]
        if any(level_rank(c.level) >= level_rank("urgent") for c in red_flags):
            assert asked == RED_FLAG_QUESTIONS[: len(asked)], answers


def test_everyone_past_the_red_flags_is_asked_their_age_next(all_journeys):
    for answers, progress in all_journeys:
        asked = [answer.question.slug for answer in progress.path]
        if len(asked) > len(RED_FLAG_QUESTIONS):
            assert asked[: len(RED_FLAG_QUESTIONS) + 1] == [*RED_FLAG_QUESTIONS, "age"], answers


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


@pytest.mark.parametrize("started", ["4-days-to-2-weeks", "2-to-6-weeks", "over-12-weeks"])
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
        {"when-started": ["2-to-6-weeks"], "getting-better": ["no"]},
        {"when-started": ["2-to-6-weeks"], "getting-better": ["worse"]},
        {"when-started": ["6-to-12-weeks"]},
        {"when-started": ["over-12-weeks"]},
        {"leg": ["below-knee"]},
        {"leg": ["numbness-or-weakness"]},
        {"age": ["50-to-64"], "trigger": ["not-sure"]},
        {"age": ["65-or-over"], "trigger": ["lifting"], "spasms-before": ["keep-coming-back"]},
        {"everyday-life": ["a-lot"]},
        {"spasms-before": ["keep-coming-back"]},
        {"tried": ["muscle-relaxants"], "muscle-relaxants-for": ["2-weeks-or-more"]},
        {"everyday-life": ["worried"]},
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
        st.sampled_from([*QUIET, "getting-better", "muscle-relaxants-for", "nonsense"]),
        st.lists(
            st.sampled_from(
                ["none", "yes", "no", "lifting", "nothing", "chest-pain", "cancer", "", "x" * 300]
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
    for answers, progress in all_journeys:
        keys = section_keys(progress)
        level = progress.outcome.level
        if progress.outcome.out_of_scope or any(r.level == level for r in progress.outcome.rules):
            continue  # the under-16 page and rules' results lead with their own wording
        if level in first_for_level:
            assert keys[0] == first_for_level[level], answers
        else:
            assert ("seeing-a-doctor", "when-to-book") not in keys, answers


def test_pregnant_people_are_never_pointed_at_advice_unsafe_in_pregnancy(
    default_questionnaire, all_journeys
):
    pregnant = default_questionnaire.question("health").choice("pregnant")
    assert {("ice-and-heat", "heat"), ("medicines", "painkillers")} <= set(pregnant.unsuitable)
    pregnant_journeys = [
        progress for answers, progress in all_journeys if "pregnant" in answers.get("health", [])
    ]
    assert pregnant_journeys
    for progress in pregnant_journeys:
        assert not set(section_keys(progress)) & set(pregnant.unsuitable)
        assert pregnant.note in progress.outcome.notes
    everything = finish(
        default_questionnaire,
        {**QUIET, "health": ["pregnant"], "when-started": ["2-to-6-weeks"], "tried": ["heat"]},
    )
    assert not set(section_keys(everything)) & set(pregnant.unsuitable)


def test_answers_of_the_same_kind_are_interchangeable_so_the_walk_misses_no_path(
    default_questionnaire, all_journeys
):
    """The walk tries one answer of each kind (see journeys.py); swapping in any other
    answer of that kind must give the same questions, level and rules."""
    twins = {}
    for question in default_questionnaire.questions:
        for choice in question.choices:
            kind = kind_of_answer(default_questionnaire, question, choice)
            twins.setdefault((question.slug, kind), []).append(choice.slug)
    swapped = 0
    for answers, progress in all_journeys[::101]:
        for question_slug, picked in answers.items():
            question = default_questionnaire.question(question_slug)
            for slug in picked:
                kind = kind_of_answer(default_questionnaire, question, question.choice(slug))
                for twin in twins[(question_slug, kind)]:
                    if twin in picked:
                        continue
                    changed = [twin if s == slug else s for s in picked]
                    other = evaluate(default_questionnaire, {**answers, question_slug: changed})
                    assert [a.question for a in other.path] == [a.question for a in progress.path]
                    assert other.outcome.level == progress.outcome.level
                    assert other.outcome.rules == progress.outcome.rules
                    swapped += 1
    assert swapped > 300
