"""The questionnaire check, the admin, protected sections and the fixture itself."""

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db.models import ProtectedError
from django.template.loader import render_to_string

from articles.models import Article, Section
from site_config import care_routes
from tests.triage.conftest import load_default_questionnaire
from triage.checks import (
    EMERGENCY_DOES_NOT_END,
    EMERGENCY_NOT_FIRST,
    NO_SAFETY_NET_WORDING,
    NOT_IN_SITE_WIDE_LIST,
    QUESTION_WITHOUT_CHOICES,
    RULE_NEVER_APPLIES,
    SITE_WIDE_LIST,
    UNPUBLISHED_SECTION,
    UNREACHABLE_QUESTION,
    questionnaire_problems,
)
from triage.models import (
    Choice,
    Question,
    Recommendation,
    Review,
    Rule,
    RuleAnswer,
    RuleRecommendation,
)
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
    # Now before "When did this back pain start?", whose answer it follows up.
    Question.objects.filter(slug="getting-better").update(order=38)
    problems = questionnaire_problems(load_questionnaire())
    assert (
        UNREACHABLE_QUESTION,
        "'Is your back getting better?' can never be reached.",
    ) in problems


def test_questions_after_one_that_always_ends_the_form_are_unreachable(default_questionnaire):
    Choice.objects.filter(question__slug="when-started").update(ends_form=True)
    problems = questionnaire_problems(load_questionnaire())
    unreachable = [message for check_id, message in problems if check_id == UNREACHABLE_QUESTION]
    later = Question.objects.filter(order__gt=Question.objects.get(slug="when-started").order)
    assert len(unreachable) == later.count()
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
    assert "You told us about a sign that needs emergency help." in content
    for field in ["Safety-net wording", "Sections never recommended", "not for people who pick"]:
        assert field in content, field


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
            list(Rule.objects.values()),
            list(RuleAnswer.objects.values()),
            list(RuleRecommendation.objects.values()),
            list(Choice.unsuitable_sections.through.objects.values()),
        )

    before = everything()
    load_default_questionnaire()
    assert everything() == before
    assert all(before), "every kind of row is in the fixture"


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


def test_an_emergency_rule_that_does_not_end_the_form_is_reported(default_questionnaire):
    Rule.objects.filter(slug="spinal-infection").update(ends_form=False)
    problems = questionnaire_problems(load_questionnaire())
    assert [check_id for check_id, _ in problems] == [EMERGENCY_DOES_NOT_END]
    assert "'spinal-infection'" in problems[0][1]


def test_a_rule_without_answers_is_reported(default_questionnaire):
    Rule.objects.create(slug="empty", name="Empty", level="urgent", reason="x")
    assert (RULE_NEVER_APPLIES, "The rule 'empty' can never apply: it looks for no answers.") in (
        questionnaire_problems(load_questionnaire())
    )


def test_a_rule_needing_two_answers_to_a_one_answer_question_is_reported(default_questionnaire):
    rule = Rule.objects.create(slug="two-ages", name="Two ages", level="urgent", reason="x")
    for group, slug in enumerate(["16-to-49", "65-or-over"], start=1):
        RuleAnswer.objects.create(
            rule=rule, group=group, choice=Choice.objects.get(question__slug="age", slug=slug)
        )
    problems = questionnaire_problems(load_questionnaire())
    assert problems == [
        (
            RULE_NEVER_APPLIES,
            "The rule 'two-ages' can never apply: it needs two different answers to a "
            "question that takes one.",
        )
    ]


def test_a_rule_whose_first_answers_end_the_form_is_reported(default_questionnaire):
    rule = Rule.objects.create(slug="late", name="Too late", level="urgent", reason="x")
    RuleAnswer.objects.create(
        rule=rule,
        group=1,
        choice=Choice.objects.get(question__slug="urgent-signs", slug="lump-or-shape"),
    )
    RuleAnswer.objects.create(
        rule=rule, group=2, choice=Choice.objects.get(question__slug="tried", slug="heat")
    )
    problems = questionnaire_problems(load_questionnaire())
    assert problems == [
        (
            RULE_NEVER_APPLIES,
            "The rule 'late' can never apply: the form ends before it asks for all of its answers.",
        )
    ]


def test_an_answer_a_rule_needs_cannot_be_deleted(default_questionnaire):
    with pytest.raises(ProtectedError):
        Choice.objects.get(question__slug="health", slug="steroid-tablets").delete()


def test_an_emergency_sign_without_safety_net_wording_is_reported(default_questionnaire):
    Choice.objects.filter(slug="chest-pain").update(safety_net="")
    problems = questionnaire_problems(load_questionnaire())
    assert problems == [
        (
            NO_SAFETY_NET_WORDING,
            "'Chest pain as well as back pain' (emergency-signs) is an emergency sign with no "
            "safety-net wording.",
        )
    ]


@pytest.mark.parametrize(
    ("model", "slug"), [(Choice, "aortic-aneurysm"), (Rule, "spinal-infection")]
)
def test_an_emergency_sign_missing_from_the_list_on_every_page_is_reported(
    default_questionnaire, model, slug
):
    model.objects.filter(slug=slug).update(safety_net="a sign nobody listed")
    problems = questionnaire_problems(load_questionnaire())
    assert [check_id for check_id, _ in problems] == [NOT_IN_SITE_WIDE_LIST]
    assert "'a sign nobody listed' is not in the list of emergency signs" in problems[0][1]


def test_every_emergency_sign_is_in_the_list_on_every_page(default_questionnaire):
    listed = " ".join(render_to_string(SITE_WIDE_LIST, care_routes.context()).lower().split())
    questionnaire = load_questionnaire()
    signs = [c for q in questionnaire.questions for c in q.choices] + list(questionnaire.rules)
    emergency = [sign.safety_net for sign in signs if sign.level == "emergency"]
    assert emergency
    for wording in emergency:
        assert wording.lower() in listed, wording


def test_the_admin_edits_combination_rules_with_their_answers(admin_client, default_questionnaire):
    rule = Rule.objects.get(slug="spinal-infection")
    content = admin_client.get(f"/admin/triage/rule/{rule.pk}/change/").content.decode()
    assert "Possible infection in the spine" in content
    assert "any one of them is enough" in content
    assert content.count('name="answers-') > 0


def test_a_clinical_review_records_who_reviewed_which_version_and_when(
    admin_client, admin_user, default_questionnaire
):
    content = admin_client.get(ADMIN_LIST).content.decode()
    assert "have not been clinically reviewed yet" in content
    response = admin_client.post(
        "/admin/triage/review/add/",
        # Who, when and which version are never taken from the form.
        {"notes": "Checked against NICE NG59.", "reviewed_by": "999", "version": "forged"},
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.reviewed_by == admin_user
    assert review.version == load_questionnaire().version != "forged"
    assert "was clinically reviewed on" in admin_client.get(ADMIN_LIST).content.decode()
    Choice.objects.filter(slug="chest-pain").update(label="Pain in your chest")
    assert "have changed since their last clinical review" in (
        admin_client.get(ADMIN_LIST).content.decode()
    )
    change = admin_client.post(f"/admin/triage/review/{review.pk}/change/", {"notes": "Edited"})
    assert change.status_code == 403
    assert Review.objects.get().notes == "Checked against NICE NG59."
