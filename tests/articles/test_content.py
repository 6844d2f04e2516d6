"""The published library: complete, original, plain English, and medically careful."""

import re
from pathlib import Path

import pytest
import textstat
import yaml
from django.core import serializers
from django.core.management import call_command
from django.utils.html import strip_tags

from articles import reviews
from articles.models import Article, Section, Source, Topic
from tests.articles.originality import copied_runs, load_source_hashes, word_run_hashes

PROJECT = Path(__file__).resolve().parents[2]
PUBLISHED_SLUGS = [
    entry["fields"]["slug"]
    for entry in yaml.safe_load((PROJECT / "fixtures" / "articles.yaml").read_text())
    if entry["model"] == "articles.article"
]
CONTENT_FOLDERS = [PROJECT / "fixtures", PROJECT / "templates"]

# Sections the symptom form links to: each piece of advice is its own anchor.
REQUIRED_SECTIONS = {
    "ice-and-heat": {"ice", "heat"},
    "moving-and-resting": {"stay-gently-active", "gentle-lengthening", "resting-positions"},
    "fluids-and-electrolytes": {"drink-enough", "electrolytes-after-sweating"},
    "medicines": {"creams", "painkillers", "muscle-relaxants"},
    "hands-on-treatments": {"massage", "chiropractic-care", "acupuncture"},
    "when-to-get-help": {"emergency-signs", "urgent-signs", "see-a-doctor-soon"},
    "stretches-after-a-flare-up": {"knee-to-chest", "both-knees-to-chest", "pelvic-tilt"},
    "preventing-back-spasms": {"lifting-and-posture", "weight", "stress"},
}


def content_files():
    suffixes = {".yaml", ".html", ".md", ".txt", ".json"}
    return [
        path
        for folder in CONTENT_FOLDERS
        for path in sorted(folder.rglob("*"))
        if path.suffix in suffixes
    ]


def article_text(article):
    parts = [article.title, article.summary]
    for section in article.sections.all():
        parts += [section.heading, strip_tags(section.body_html)]
    return "\n".join(parts).replace("{emergency_number}", "911")


def all_text():
    return "\n".join(path.read_text(encoding="utf-8") for path in content_files()).lower()


def test_the_originality_check_finds_a_copied_run():
    borrowed = "a long run of exactly eight borrowed words here"
    hashes = word_run_hashes(borrowed)
    text = f"Our own opening. {borrowed.upper()}! Our own ending."
    assert copied_runs(text, hashes) == [
        "a long run of exactly eight borrowed words",
        "long run of exactly eight borrowed words here",
    ]
    assert copied_runs("Only seven of those borrowed words here.", hashes) == []


@pytest.mark.parametrize("path", content_files(), ids=lambda path: path.name)
def test_no_run_of_eight_words_is_copied_from_the_source_document(path):
    text = path.read_text(encoding="utf-8")
    assert copied_runs(text, load_source_hashes()) == []


def test_loading_the_content_twice_changes_nothing(site_content):
    def snapshot():
        models = [Topic, Article, Section, Source]
        return [
            serializers.serialize(
                "json", model.objects.order_by("pk"), use_natural_foreign_keys=True
            )
            for model in models
        ]

    first = snapshot()
    call_command("loaddata", "articles", verbosity=0)
    assert snapshot() == first


def test_every_article_is_published_dated_and_sourced(site_content):
    topics = Topic.objects.all()
    assert topics, "the shipped content has no topics"
    for topic in topics:
        assert topic.articles.exists(), f"topic {topic.slug} has no articles"
    articles = Article.objects.prefetch_related("sources", "sections", "related")
    assert articles, "the shipped content has no articles"
    for article in articles:
        assert article.is_published, article.slug
        assert article.published_at is not None
        assert article.summary.count(". ") == 0 and article.summary.endswith((".", "?")), (
            f"{article.slug}: the summary should be one sentence"
        )
        assert article.last_reviewed is not None, article.slug
        assert (
            article.last_reviewed
            < article.next_review_due
            <= reviews.next_review_due(article.last_reviewed, years=article.review_interval_years)
        ), f"{article.slug}: the next review must fall within the review interval"
        assert article.sections.count() >= 2
        assert article.related.exists(), f"{article.slug} has no related articles"
        sources = article.sources.all()
        assert len(sources) >= 2, f"{article.slug} cites {len(sources)} sources"
        for source in sources:
            assert source.title and source.publisher and source.url.startswith("https://")
            assert source.accessed <= article.last_reviewed, f"{article.slug}: {source.url}"


def test_every_piece_of_advice_the_form_may_point_to_has_its_own_section(site_content):
    for article_slug, section_slugs in REQUIRED_SECTIONS.items():
        found = set(
            Section.objects.filter(article__slug=article_slug).values_list("slug", flat=True)
        )
        assert section_slugs <= found, f"{article_slug} lacks {section_slugs - found}"


def test_section_anchors_are_unique_within_each_article(site_content):
    for article in Article.objects.all():
        slugs = list(article.sections.values_list("slug", flat=True))
        assert len(slugs) == len(set(slugs)), article.slug


def test_links_between_articles_point_to_sections_that_exist(site_content):
    anchors = {
        (article_slug, section_slug)
        for article_slug, section_slug in Section.objects.values_list("article__slug", "slug")
    }
    articles = set(Article.objects.values_list("slug", flat=True))
    for section in Section.objects.all():
        for slug, anchor in re.findall(
            r'href="/articles/([\w-]+)/(?:#([\w-]+))?"', section.body_html
        ):
            assert slug in articles, f"{section}: link to unknown article {slug}"
            if anchor:
                assert (slug, anchor) in anchors, f"{section}: link to unknown #{anchor}"


@pytest.mark.parametrize("article_slug", PUBLISHED_SLUGS)
def test_articles_read_at_grade_eight_or_below(site_content, article_slug):
    article = Article.objects.get(slug=article_slug)
    assert textstat.flesch_kincaid_grade(article_text(article)) <= 8


@pytest.mark.parametrize(
    "claim",
    [
        r"high blood pressure",
        r"caused by the heat",
        r"inflammation caused",
        r"heat (can |may )?cause[sd]? inflammation",
        r"50 ?%",
        r"cerebellum",
        r"golgi",
        r"reduces? swelling",
        r"pin on",
        r"xresearch",
        r"top 10",
        r"loaded with help",
        r"\bdr\.? [a-z]+",
    ],
)
def test_dropped_or_corrected_claims_are_absent(claim):
    assert not re.search(claim, all_text()), claim


def test_the_emergency_number_is_never_written_into_the_content():
    text = all_text()
    for number in ("911", "999", "112", "000"):
        assert not re.search(rf"\b{number}\b", text), number


def test_the_warning_signs_are_reviewed_every_year(site_content):
    article = Article.objects.get(slug="when-to-get-help")
    assert article.review_interval_years == 1
    assert article.next_review_due <= reviews.next_review_due(article.last_reviewed, years=1)


def test_paracetamol_is_also_named_acetaminophen(site_content):
    text = "\n".join(article_text(article) for article in Article.objects.all())
    assert "paracetamol (acetaminophen)" in text.lower()


def test_every_red_flag_is_on_the_when_to_get_help_article_at_its_level(site_content):
    sections = {
        section.slug: strip_tags(section.body_html).lower()
        for section in Section.objects.filter(article__slug="when-to-get-help")
    }
    emergency = [
        "both legs",
        "genitals",
        "problems with sex",
        "erection",
        "peeing",
        "bladder or bowels",
        "chest pain",
        "serious accident",
        "bad fall",
        "walking",
        "came on suddenly and is severe",
        "faint",
        "clammy",
        "high temperature and a weak immune system",
        "operation or injection in your spine",
    ]
    urgent = [
        "high temperature",
        "hot and shivery",
        "losing weight",
        "lump or swelling",
        "worse at night",
        "sneeze, cough",
        "shoulder blades",
        "cancer",
        "immune system",
        "inject drugs",
        "steroid tablets",
        "keeps getting worse",
        "one leg is getting worse",
        "small fall",
        "65 or over",
        "osteoporosis",
    ]
    soon = [
        "2 to 3 weeks",
        "keep coming back",
        "everyday things",
        "below your knee",
        "one leg",
        "more than 6 weeks",
        "over 50, this is your first back pain",
        "under 20",
        "muscle relaxants",
        "worried",
    ]
    for level, signs in [
        ("emergency-signs", emergency),
        ("urgent-signs", urgent),
        ("see-a-doctor-soon", soon),
    ]:
        for sign in signs:
            assert sign in sections[level], f"{level} does not mention {sign!r}"
    assert "call {emergency_number} now" in sections["emergency-signs"]
    # Urgent help that is not an emergency has its own route.
    assert "{urgent_service}" in sections["urgent-signs"]
    assert "call {urgent_number}" in sections["urgent-signs"]


def test_every_picture_in_an_article_is_our_own_file_with_alt_text(site_content):
    pictures = [
        (section, alt, src)
        for section in Section.objects.all()
        for alt, src in re.findall(r'<img alt="([^"]*)" src="([^"]+)"', section.body_html)
    ]
    assert pictures, "the exercise cards have pictures"
    every_picture = sum(section.body_html.count("<img") for section in Section.objects.all())
    assert len(pictures) == every_picture, "a picture without alt text"
    for section, alt, src in pictures:
        assert src.startswith("/static/"), f"{section}: {src} is not served from our own files"
        assert (PROJECT / src.removeprefix("/")).is_file(), f"{section}: {src} does not exist"
        assert len(alt.split()) >= 5, f"{section}: {src} needs alt text that describes it"
