"""The form's pages reuse the questionnaire they built, until anything in it changes."""

from articles.models import Article, Section
from tests.triage.journeys import PLAIN_BACK_SPASM
from tests.triage.test_views import result_after
from triage.models import Choice, Question, Recommendation


def question_page(client, slug="emergency-signs"):
    return client.get(f"/check-your-symptoms/questions/{slug}/").content.decode()


def test_a_reworded_answer_shows_on_the_next_page_view(client, default_questionnaire):
    assert "Chest pain as well as back pain" in question_page(client)
    choice = Choice.objects.get(question__slug="emergency-signs", slug="chest-pain")
    choice.label = "Pain in your chest as well as your back"
    choice.save()
    content = question_page(client)
    assert "Pain in your chest as well as your back" in content
    assert "Chest pain as well as back pain" not in content


def test_a_reworded_question_shows_on_the_next_page_view(client, default_questionnaire):
    question_page(client)
    question = Question.objects.get(slug="emergency-signs")
    question.text = "Do you have any of these warning signs?"
    question.save()
    assert "Do you have any of these warning signs?" in question_page(client)


def test_a_removed_answer_disappears_on_the_next_page_view(client, default_questionnaire):
    question_page(client)
    Choice.objects.get(question__slug="emergency-signs", slug="chest-pain").delete()
    assert "Chest pain as well as back pain" not in question_page(client)


def self_care_result(client):
    return result_after(client, list(PLAIN_BACK_SPASM.items()))


def test_a_recommended_section_edited_shows_on_the_next_result(client, default_questionnaire):
    assert "What to know about ice." in self_care_result(client)
    section = Section.objects.get(article__slug="ice-and-heat", slug="ice")
    section.summary = "Cold eases a fresh spasm."
    section.save()
    content = self_care_result(client)
    assert "Cold eases a fresh spasm." in content
    assert "What to know about ice." not in content


def test_a_recommended_article_unpublished_leaves_the_next_result(client, default_questionnaire):
    assert 'href="/articles/ice-and-heat/#ice"' in self_care_result(client)
    article = Article.objects.get(slug="ice-and-heat")
    article.status = Article.Status.DRAFT
    article.save()
    content = self_care_result(client)
    assert "/articles/ice-and-heat/" not in content
    assert "/articles/moving-and-resting/#stay-gently-active" in content


def test_a_new_recommendation_shows_on_the_next_result(client, default_questionnaire):
    assert "/articles/seeing-a-doctor/#when-to-book" not in self_care_result(client)
    Recommendation.objects.create(
        choice=Choice.objects.get(question__slug="everyday-life", slug="none"),
        section=Section.objects.get(article__slug="seeing-a-doctor", slug="when-to-book"),
        why="so you know when to book",
        rank=1,
    )
    assert "/articles/seeing-a-doctor/#when-to-book" in self_care_result(client)
