"""Generate a large corpus of published articles, to measure how the site behaves as it grows.

    python -m bench.corpus 10000

Each article has 6 sections and a source, like the real ones. The text is recombined from
the sentences of fixtures/articles.yaml, so pages and search results have realistic length
and vocabulary. Articles go into topics of 100, which are listed after the real topics.

Only for throwaway benchmark databases: the articles are published at once, and marked as
generated in their "reviewed by" field.
"""

import argparse
import math
import os
import random
import re
from pathlib import Path

import yaml

CONTENT_FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "articles.yaml"
SECTIONS_PER_ARTICLE = 6
ARTICLES_PER_TOPIC = 100
# Rendering Markdown is the slow part, so bodies come from a pool and each is rendered once.
DISTINCT_BODIES = 600
GENERATED_MARK = "Generated for benchmarks"
AUDIENCES = [
    "for desk workers",
    "after lifting",
    "in older adults",
    "during pregnancy",
    "for runners",
    "at night",
    "for gardeners",
    "after a long drive",
    "for carers",
    "in cold weather",
    "for new parents",
    "after sport",
]


class SourceText:
    """The sentences, list items, headings and summaries of the real articles."""

    def __init__(self, fixture_path=CONTENT_FIXTURE):
        records = yaml.safe_load(fixture_path.read_text(encoding="utf-8"))
        sections = [r["fields"] for r in records if r["model"] == "articles.section"]
        articles = [r["fields"] for r in records if r["model"] == "articles.article"]
        self.headings = sorted({s["heading"] for s in sections})
        self.section_summaries = [s["summary"] for s in sections]
        self.article_summaries = [a["summary"] for a in articles]
        self.titles = [a["title"].rstrip("?") for a in articles]
        self.sentences = []
        self.list_items = []
        for section in sections:
            for block in section["body"].split("\n\n"):
                lines = block.strip().splitlines()
                items = [line[2:] for line in lines if line.startswith("- ")]
                if items:
                    self.list_items.extend(items)
                elif lines and not lines[0].startswith(("#", "|", ">")):
                    sentences = re.split(r"(?<=[.!?:])\s+", " ".join(lines))
                    # A sentence ending in a colon introduces a list; out of place on its own.
                    self.sentences.extend(s for s in sentences if not s.endswith(":"))

    def body(self, rng):
        paragraphs = [
            " ".join(rng.sample(self.sentences, rng.randint(2, 4)))
            for _ in range(rng.randint(2, 4))
        ]
        if rng.random() < 0.4:
            items = rng.sample(self.list_items, rng.randint(3, 5))
            paragraphs.insert(1, "\n".join(f"- {item}" for item in items))
        return "\n\n".join(paragraphs)


def generate(count, seed=20261125):
    """Create `count` published articles with their sections and sources; return the count."""
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from articles import reviews
    from articles.models import Article, Section, Source, Topic
    from articles.rendering import render_markdown
    from search import index as search_index
    from site_config.caching import content_changed

    rng = random.Random(seed)
    text = SourceText()
    bodies = [text.body(rng) for _ in range(min(DISTINCT_BODIES, count * SECTIONS_PER_ARTICLE))]
    rendered = [render_markdown(body) for body in bodies]
    now = timezone.now()
    today = timezone.localdate()

    with transaction.atomic():
        first_topic = Topic.objects.count() + 1
        topics = Topic.objects.bulk_create(
            Topic(
                name=f"{rng.choice(text.titles)} {number}",
                slug=f"generated-topic-{number}",
                order=100 + number,
                description="More articles on this subject.",
            )
            for number in range(first_topic, first_topic + math.ceil(count / ARTICLES_PER_TOPIC))
        )
        articles = Article.objects.bulk_create(
            Article(
                title=f"{rng.choice(text.titles)} {rng.choice(AUDIENCES)} ({number})",
                slug=f"generated-{number}",
                summary=rng.choice(text.article_summaries),
                topic=topics[number // ARTICLES_PER_TOPIC],
                status=Article.Status.PUBLISHED,
                published_at=now,
                last_reviewed=today,
                next_review_due=reviews.next_review_due(today),
                reviewed_by=GENERATED_MARK,
            )
            for number in range(count)
        )
        sections = []
        for article in articles:
            for order, heading in enumerate(rng.sample(text.headings, SECTIONS_PER_ARTICLE), 1):
                body = rng.randrange(len(bodies))
                sections.append(
                    Section(
                        article=article,
                        order=order,
                        heading=heading,
                        slug=slugify(heading),
                        summary=rng.choice(text.section_summaries),
                        body=bodies[body],
                        body_html=rendered[body],
                    )
                )
        Section.objects.bulk_create(sections, batch_size=2000)
        Source.objects.bulk_create(
            Source(
                article=article,
                order=1,
                title="Back pain",
                publisher="NHS",
                url="https://www.nhs.uk/conditions/back-pain/",
                accessed=today,
            )
            for article in articles
        )
        # Bulk creation sends no signals: index the new articles and retire cached pages.
        search_index.rebuild()
        content_changed()
    return len(articles)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many articles to create")
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")
    import django

    django.setup()
    created = generate(arguments.count)
    print(f"Created {created} articles of {SECTIONS_PER_ARTICLE} sections.")


if __name__ == "__main__":
    main()
