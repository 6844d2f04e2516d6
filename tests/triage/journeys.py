"""Every journey through a questionnaire, for exhaustive tests of the engine.

Two answers to a question are interchangeable for the level, the reasons' levels and the
questions asked when the engine treats them alike: the same level, the same "ends the form",
"None of these" and "not for this form" flags, the same places in the combination rules,
and no follow-up question of their own. The walk tries one answer of each such kind, and
for checklists every combination of kinds, so every path (which questions are asked,
which level and which rules apply) is enumerated without trying every equal twin. Which
sections each single answer brings is tested separately.
"""

from itertools import combinations

from triage.engine import MULTIPLE, evaluate

# A plain back spasm, answered as a person would: no red flags, 16 to 49, a few days since
# lifting something, nothing in the leg, ice and painkillers tried. It ends in self-care.
PLAIN_BACK_SPASM = {
    "emergency-signs": ["none"],
    "health": ["none"],
    "urgent-signs": ["none"],
    "age": ["16-to-49"],
    "when-started": ["last-3-days"],
    "trigger": ["lifting"],
    "leg": ["none"],
    "everyday-life": ["none"],
    "spasms-before": ["first-time"],
    "tried": ["ice", "painkillers"],
}


def kind_of_answer(questionnaire, question, choice):
    answer = (question.slug, choice.slug)
    places_in_rules = tuple(
        (rule.slug, position)
        for rule in questionnaire.rules
        for position, group in enumerate(rule.groups)
        if answer in group
    )
    has_follow_up = any(q.shown_if == answer for q in questionnaire.questions)
    return (
        choice.level,
        choice.ends_form,
        choice.exclusive,
        choice.out_of_scope,
        places_in_rules,
        choice.slug if has_follow_up else None,
    )


def one_of_each_kind(questionnaire, question, choices):
    kinds = {}
    for choice in choices:
        kinds.setdefault(kind_of_answer(questionnaire, question, choice), choice.slug)
    return list(kinds.values())


def answer_options(questionnaire, question):
    """Every answer worth trying for a question: one of each kind, and for checklists every
    combination of kinds, "None of these" alone, and "None of these" with each kind of sign
    (which the form accepts when the sign is more urgent)."""
    if question.kind != MULTIPLE:
        return [[slug] for slug in one_of_each_kind(questionnaire, question, question.choices)]
    exclusive = [choice.slug for choice in question.choices if choice.exclusive]
    others = [choice for choice in question.choices if not choice.exclusive]
    kinds = one_of_each_kind(questionnaire, question, others)
    options = [
        list(combo) for size in range(1, len(kinds) + 1) for combo in combinations(kinds, size)
    ]
    options += [[slug] for slug in exclusive]
    options += [[none, sign] for none in exclusive for sign in kinds]
    return [option for option in options if question.accepts(option)]


def journeys(questionnaire, answers=None):
    """Yield (answers, progress) for every finished journey the flow allows."""
    answers = answers or {}
    progress = evaluate(questionnaire, answers)
    if progress.outcome:
        yield answers, progress
        return
    question = progress.next_question
    for option in answer_options(questionnaire, question):
        yield from journeys(questionnaire, {**answers, question.slug: option})
