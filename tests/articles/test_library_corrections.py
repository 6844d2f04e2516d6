"""Claims the clinical review corrected stay corrected, however an editor rewords them.

Each test looks for the meaning of a wrong claim (words that belong together in one
sentence), not for one exact string, so a reworded version of the old claim is caught too.
"""

import re

import pytest
from django.utils.html import strip_tags

from articles.models import Section

MUSCLE_RELAXANTS = r"cyclobenzaprine|carisoprodol|tizanidine|methocarbamol|baclofen|diazepam"


@pytest.fixture
def sentences(site_content):
    """Every sentence of every section and its summary, with where it comes from."""
    found = []
    for section in Section.objects.select_related("article"):
        text = f"{section.summary} " + strip_tags(section.body_html).replace("\n", " ")
        for sentence in re.split(r"(?<=[.!?:])\s+", text):
            found.append((f"{section.article.slug}#{section.slug}", sentence.lower()))
    return found


def sentences_matching(sentences, *patterns):
    return [
        (where, sentence)
        for where, sentence in sentences
        if all(re.search(pattern, sentence) for pattern in patterns)
    ]


def section_text(slug):
    section = Section.objects.get(slug=slug)
    return strip_tags(section.body_html).lower()


def test_no_section_puts_cold_before_heat(sentences):
    assert not sentences_matching(
        sentences, r"\b(ice|cold)\b", r"works best|choose (ice|cold)|first 48|first 2 to 3 days"
    )


def test_heat_is_said_to_have_the_better_evidence(site_content):
    text = section_text("choosing-between-them") + section_text("heat")
    assert re.search(r"heat has (the )?(better evidence|more research)", text)
    assert "whichever helps" in text


def test_a_hot_tub_is_only_mentioned_to_warn_against_it_in_pregnancy(sentences):
    for where, sentence in sentences_matching(sentences, r"hot tub"):
        assert "pregnant" in sentence and "do not" in sentence, where


def test_a_named_muscle_relaxant_comes_with_the_uk_and_us_difference(sentences, site_content):
    for where, _ in sentences_matching(sentences, MUSCLE_RELAXANTS):
        slug = where.split("#")[1]
        text = section_text(slug)
        assert re.search(r"\buk\b", text) and re.search(r"\bus\b", text), where
        assert "differ" in text, where


def test_muscle_relaxants_are_not_paired_with_rest(sentences):
    assert not sentences_matching(sentences, r"relaxant|\bthey are used\b", r"\brest\b")


def test_benzodiazepines_are_not_advised_for_sciatica(site_content):
    text = section_text("muscle-relaxants")
    assert re.search(r"not to offer diazepam[^.]*sciatica", text)


def test_no_claim_that_exercise_or_sweat_drains_the_minerals_muscles_need(sentences):
    assert not sentences_matching(
        sentences,
        r"sweat|exercise",
        r"\b(fall|falls|lower|lowers|drop|drops)\b",
        r"calcium|magnesium|potassium|minerals|electrolytes|levels",
    )


def test_no_claim_that_too_little_fluid_slows_recovery(sentences):
    assert not sentences_matching(sentences, r"slow", r"recover")


def test_no_claim_that_tilting_the_pelvis_sets_off_a_spasm(sentences):
    assert not sentences_matching(sentences, r"\btip", r"spasm")


def test_acupuncture_is_described_by_the_evidence_not_as_relaxing_muscles(site_content):
    text = section_text("acupuncture")
    assert "relax" not in text
    assert re.search(r"sham|fake", text)


def test_opioids_come_with_their_limits(site_content):
    text = section_text("painkillers")
    assert "codeine" in text
    assert "addicted" in text or "addiction" in text
    assert re.search(r"more than 3 months", text)


def test_medicines_the_uk_guideline_advises_against_are_named(site_content):
    text = section_text("painkillers")
    for medicine in ("antidepressants", "gabapentin", "pregabalin", "sciatica"):
        assert medicine in text, medicine


def test_anti_inflammatory_cautions_cover_age_and_blood_thinners(site_content):
    text = section_text("painkillers")
    assert "65 or over" in text
    assert "thin your blood" in text
    assert "gel" in section_text("creams")
