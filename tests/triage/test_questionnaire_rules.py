"""The questionnaire check, the admin, protected sections and the fixture itself."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db.models import ProtectedError

from articles.models import Article, Section
from tests.triage.conftest import load_default_questionnaire
from triage.checks import (
    EMERGENCY_DOES_NOT_END,
    EMERGENCY_NOT_FIRST,
    QUESTION_WITHOUT_CHOICES,
    UNPUBLISHED_SECTION,
    UNREACHABLE_QUESTION,
    questionnaire_problems,
)
from triage.models import Choice, Question, Recommendation
from triage.snapshot import load_questionnaire

ADMIN_LIST = "/admin/triage/question/"


def problem_ids():
    return [check_id for check_id, _ in questionnaire_problems(load_questionnaire())]


def test_the_default_questionnaire_passes_the_check(default_questionnaire):
    assert questionnaire_problems(default_questionnaire) == []
    assert checks.run_checks(tags=["triage"]) == []


def test_manage_py_check_reports_an_emergency_answer_that_does_not_end_the_form(
    default_questionnaire,
):
    Choice.objects.filter(question__slug="emergency-signs", slug="chest-pain").update(
        ends_form=False
    )
    warnings = checks.run_checks(tags=["triage"])
    assert [warning.id for warning in warnings] == [EMERGENCY_DOES_NOT_END]
    assert "Chest pain as well as back pain" in warnings[0].msg
    with pytest.raises(SystemCheckError, match="triage.W002"):
        call_command("check", fail_level="WARNING")


def test_a_question_without_answers_is_reported(default_questionnaire):
    Question.objects.create(
        slug="empty", order=200, text="Empty?", error_message="Pick", summary_label="Empty"
    )
    assert QUESTION_WITHOUT_CHOICES in problem_ids()


def test_a_section_in_an_unpublished_article_is_reported(default_questionnaire, unpublish):
    unpublish("medicines")
    problems = questionnaire_problems(load_questionnaire())
    assert {check_id for check_id, _ in problems} == {UNPUBLISHED_SECTION}
    assert any("'Creams' in the unpublished article 'medicines'" in m for _, m in problems)


def test_a_follow_up_to_a_later_question_is_unreachable(default_questionnaire):
    Question.objects.filter(slug="age").update(order=45)  # now before "What set it off?"
    problems = questionnaire_problems(load_questionnaire())
    assert (UNREACHABLE_QUESTION, "'How old are you?' can never be reached.") in problems


def test_questions_after_one_that_always_ends_the_form_are_unreachable(default_questionnaire):
    Choice.objects.filter(question__slug="when-started").update(ends_form=True)
    problems = questionnaire_problems(load_questionnaire())
    unreachable = [message for check_id, message in problems if check_id == UNREACHABLE_QUESTION]
    assert len(unreachable) == 10
    assert "'What set it off?' can never be reached." in unreachable


def test_emergency_signs_asked_after_other_questions_are_reported(default_questionnaire):
    Question.objects.filter(slug="emergency-signs").update(order=25)
    assert problem_ids().count(EMERGENCY_NOT_FIRST) == 2


def test_the_admin_shows_the_check_results_above_the_questions(admin_client, default_questionnaire):
    content = admin_client.get(ADMIN_LIST).content.decode()
    assert "Questionnaire check" in content
    assert "No problems found" in content
    Choice.objects.filter(slug="both-legs").update(ends_form=False)
    content = admin_client.get(ADMIN_LIST).content.decode()
    assert "does not end the form" in content
    assert EMERGENCY_DOES_NOT_END in content


def test_the_admin_edits_questions_with_their_answers_inline(admin_client, default_questionnaire):
    question = Question.objects.get(slug="emergency-signs")
    content = admin_client.get(f"{ADMIN_LIST}{question.pk}/change/").content.decode()
    assert "Pain, weakness, numbness or tingling in both legs" in content
    assert "Every emergency answer must end the form." in content
    choice = Choice.objects.get(question=question, slug="both-legs")
    content = admin_client.get(f"/admin/triage/choice/{choice.pk}/change/").content.decode()
    explanation = "You told us about a sign that needs emergency help. This lists every such sign."
    assert explanation in content


def test_a_recommended_section_cannot_be_deleted(default_questionnaire):
    section = Section.objects.get(article__slug="ice-and-heat", slug="ice")
    with pytest.raises(ProtectedError):
        section.delete()
    with pytest.raises(ProtectedError):
        Article.objects.get(slug="ice-and-heat").delete()
    assert Section.objects.filter(pk=section.pk).exists()


def test_an_answer_that_a_follow_up_question_depends_on_cannot_be_deleted(default_questionnaire):
    with pytest.raises(ProtectedError):
        Choice.objects.get(question__slug="tried", slug="muscle-relaxants").delete()


def test_loading_the_fixture_twice_changes_nothing(default_questionnaire):
    def everything():
        return (
            list(Question.objects.values()),
            list(Choice.objects.values()),
            list(Recommendation.objects.values()),
        )

    before = everything()
    load_default_questionnaire()
    assert everything() == before
    assert len(before[0]) == 13 and len(before[2]) == 58


def test_the_questionnaire_fits_the_real_article_content(site_content):
    load_default_questionnaire()
    assert questionnaire_problems(load_questionnaire()) == []
    section = Recommendation.objects.select_related("section__article").first().section
    assert section.article.is_published


def test_changes_to_an_answer_are_kept_in_its_history(admin_client, default_questionnaire):
    choice = Choice.objects.get(question__slug="emergency-signs", slug="chest-pain")
    assert choice.history.count() == 0, "loading the fixture records no history"
    choice.label = "Chest pain with back pain"
    choice.save()
    content = admin_client.get(f"/admin/triage/choice/{choice.pk}/history/").content.decode()
    assert "Chest pain with back pain" in content
    assert choice.history.count() == 1
