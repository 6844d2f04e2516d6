"""Every journey through a questionnaire, for exhaustive tests of the engine."""

from itertools import combinations

from triage.engine import MULTIPLE, evaluate


def red_flag_question(question):
    return any(choice.level in {"emergency", "urgent"} for choice in question.choices)


def answer_options(question):
    """Every answer worth trying for a question.

    Red-flag lists: every combination the form accepts. Other checklists: each box on its
    own and all the non-exclusive boxes together. The outcome's level is the most urgent
    level picked and its sections are the union of those picked, so single boxes plus the
    full set reach every level and every section a larger combination could.
    """
    slugs = [choice.slug for choice in question.choices]
    if question.kind != MULTIPLE:
        return [[slug] for slug in slugs]
    exclusive = [choice.slug for choice in question.choices if choice.exclusive]
    others = [slug for slug in slugs if slug not in exclusive]
    if red_flag_question(question):
        subsets = [
            list(combo)
            for size in range(1, len(others) + 1)
            for combo in combinations(others, size)
        ]
    else:
        subsets = [[slug] for slug in others] + ([others] if len(others) > 1 else [])
    return subsets + [[slug] for slug in exclusive]


def journeys(questionnaire, answers=None):
    """Yield (answers, progress) for every finished journey the flow allows."""
    answers = answers or {}
    progress = evaluate(questionnaire, answers)
    if progress.outcome:
        yield answers, progress
        return
    question = progress.next_question
    for option in answer_options(question):
        yield from journeys(questionnaire, {**answers, question.slug: option})
