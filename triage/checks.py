"""The questionnaire check: mistakes an editor could make that would put people at risk.

Run by `manage.py check` and shown above the list of questions in the admin.
"""

from django.core import checks
from django.db import DatabaseError

QUESTION_WITHOUT_CHOICES = "triage.W001"
EMERGENCY_DOES_NOT_END = "triage.W002"
UNPUBLISHED_SECTION = "triage.W003"
UNREACHABLE_QUESTION = "triage.W004"
EMERGENCY_NOT_FIRST = "triage.W005"


def questionnaire_problems(questionnaire):
    """Return (check id, message) pairs for everything wrong with a questionnaire snapshot."""
    problems = []
    questions = questionnaire.questions
    for question in questions:
        if not question.choices:
            problems.append((QUESTION_WITHOUT_CHOICES, f"'{question.text}' has no answers."))
        for choice in question.choices:
            if choice.level == "emergency" and not choice.ends_form:
                problems.append(
                    (
                        EMERGENCY_DOES_NOT_END,
                        f"The emergency answer '{choice.label}' ({question.slug}) does not "
                        "end the form: people with it would be asked more questions.",
                    )
                )
            for recommendation in choice.recommendations:
                section = recommendation.section
                if not section.published:
                    problems.append(
                        (
                            UNPUBLISHED_SECTION,
                            f"'{choice.label}' ({question.slug}) recommends "
                            f"'{section.heading}' in the unpublished article "
                            f"'{section.article_slug}'.",
                        )
                    )
    problems += [
        (UNREACHABLE_QUESTION, f"'{question.text}' can never be reached.")
        for question in _unreachable(questions)
    ]
    problems += _emergency_order_problems(questions)
    return problems


def _unreachable(questions):
    """Questions no set of answers can lead to.

    A question is reachable when its condition (if any) is a non-ending answer to an
    earlier reachable question, and no earlier question that everyone is asked either
    has no answers or ends the form whatever is picked.
    """
    reachable = {}
    blocked = False
    for position, question in enumerate(questions):
        if question.shown_if:
            condition_question, condition_choice = question.shown_if
            earlier = {q.slug: q for q in questions[:position]}
            parent = earlier.get(condition_question)
            choice = parent.choice(condition_choice) if parent else None
            ok = bool(parent and reachable.get(parent.slug) and choice and not choice.ends_form)
        else:
            ok = True
        reachable[question.slug] = ok and not blocked
        answerable = question.choices and not all(c.ends_form for c in question.choices)
        if reachable[question.slug] and not question.shown_if and not answerable:
            blocked = True
    return [question for question in questions if not reachable[question.slug]]


def _has_emergency(question):
    return any(choice.level == "emergency" for choice in question.choices)


def _emergency_order_problems(questions):
    if not questions:
        return []
    problems = []
    if not _has_emergency(questions[0]) or questions[0].shown_if:
        problems.append(
            (
                EMERGENCY_NOT_FIRST,
                "The first question must ask everyone about the emergency signs.",
            )
        )
    seen_other = False
    for question in questions:
        if _has_emergency(question) and seen_other:
            problems.append(
                (
                    EMERGENCY_NOT_FIRST,
                    f"'{question.text}' asks about emergency signs after other questions.",
                )
            )
        seen_other = seen_other or not _has_emergency(question)
    return problems


@checks.register("triage")
def check_questionnaire(app_configs=None, **kwargs):
    from triage.snapshot import load_questionnaire

    # Not tagged as a database check: those run only with `check --database`, and this one
    # must run on every plain `manage.py check`.
    try:
        questionnaire = load_questionnaire()
    except DatabaseError:
        # Before the first migrate there is nothing to check.
        return []
    return [
        checks.Warning(message, id=check_id, obj="triage.Question")
        for check_id, message in questionnaire_problems(questionnaire)
    ]
