"""Seeding the shipped content never overwrites what editors have done in the admin."""

import io

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Section, Source, Topic
from search.models import IndexedTerm, Synonym
from triage.models import Choice, Question, Recommendation, Rule, RuleAnswer, RuleRecommendation

pytestmark = pytest.mark.django_db

CONTENT = [Topic, Article, Section, Source, Question, Choice]


def seed():
    output = io.StringIO()
    call_command("seed_content", stdout=output)
    return output.getvalue()


def dump():
    return {
        model._meta.label: serializers.serialize(
            "json",
            model.objects.order_by("pk"),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        for model in CONTENT
    }


def test_an_empty_site_gets_the_same_content_as_loading_the_fixtures():
    seed()
    seeded = dump()
    # Straight SQL deletes: the answers and rules protect each other from the ORM's delete.
    # The search index goes too, as it refers to the articles.
    shipped = [
        RuleRecommendation,
        RuleAnswer,
        Rule,
        Recommendation,
        IndexedTerm,
        *reversed(CONTENT),
    ]
    links = [
        m2m.remote_field.through for model in shipped for m2m in model._meta.local_many_to_many
    ]
    for model in links + shipped:
        model.objects.all()._raw_delete(model.objects.db)
    call_command("loaddata", "articles", "questionnaire", verbosity=0)

    assert dump() == seeded


def test_seeding_twice_changes_nothing():
    seed()
    before = dump()

    output = seed()

    assert dump() == before
    assert output.startswith("Added 0 rows")


def test_an_editors_changes_survive_seeding_and_stay_the_current_version():
    seed()
    article = Article.objects.get(slug="ice-and-heat")
    article.title = "Heat and cold: our editor's title"
    article.save()
    section = article.sections.get(slug="heat")
    section.body = "The editor's own advice on heat."
    section.save()
    topic = Topic.objects.get(slug="relief-right-now")
    topic.description = "The editor's description."
    topic.save()

    seed()

    article.refresh_from_db()
    assert article.title == "Heat and cold: our editor's title"
    assert article.history.first().title == article.title
    assert Section.objects.get(pk=section.pk).body == "The editor's own advice on heat."
    assert Topic.objects.get(slug="relief-right-now").description == "The editor's description."


def test_a_part_an_editor_deleted_does_not_come_back():
    seed()
    section = Section.objects.filter(recommendations=None, rule_recommendations=None).first()
    # An answer with recommended sections: they are parts of it, and must not come back
    # either, nor stop the rest from loading.
    choice = (
        Choice.objects.filter(rule_answers=None, follow_up_questions=None)
        .exclude(recommendations=None)
        .last()
    )
    section.delete()
    choice.delete()

    seed()

    assert not Section.objects.filter(article=section.article, slug=section.slug).exists()
    assert not Choice.objects.filter(question=choice.question, slug=choice.slug).exists()
    assert not Recommendation.objects.filter(
        choice__question=choice.question, choice__slug=choice.slug
    ).exists()


def test_a_synonym_an_editor_wrote_again_is_kept_as_theirs():
    seed()
    # Deleted and written again in the admin: the same words, under a new id.
    Synonym.objects.get(words="tablets").delete()
    Synonym.objects.create(words="tablets", search_for="paracetamol")

    seed()

    assert list(Synonym.objects.filter(words="tablets").values_list("search_for", flat=True)) == [
        "paracetamol"
    ]


def test_a_missing_article_is_added_with_its_parts_and_a_first_history_version():
    seed()
    Article.objects.get(slug="sleeping-with-back-pain").delete()

    output = seed()

    article = Article.objects.get(slug="sleeping-with-back-pain")
    assert article.sections.exists() and article.sources.exists()
    assert article.related.exists()
    assert article.history.first().history_change_reason == "Shipped content"
    assert "added 1 articles.Article" in output


def test_a_missing_fixture_file_is_a_clear_error():
    with pytest.raises(CommandError, match="No such fixture file"):
        call_command("seed_content", "fixtures/nothing-here.yaml")
