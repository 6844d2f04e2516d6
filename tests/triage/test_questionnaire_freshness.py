"""The form's pages reuse the questionnaire they built, until anything in it changes."""

from triage.models import Choice, Question


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
