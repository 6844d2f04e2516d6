"""The questionnaire check: mistakes an editor could make that would put people at risk.

Run by `manage.py check` and shown above the list of questions in the admin.
"""

import re
from html import unescape

from django.core import checks
from django.db import DatabaseError
from django.template.loader import render_to_string

from site_config import care_routes
from triage.levels import RED_FLAG_LEVELS, Level

QUESTION_WITHOUT_CHOICES = "triage.W001"
EMERGENCY_DOES_NOT_END = "triage.W002"
UNPUBLISHED_SECTION = "triage.W003"
UNREACHABLE_QUESTION = "triage.W004"
EMERGENCY_NOT_FIRST = "triage.W005"
RULE_NEVER_APPLIES = "triage.W006"
NO_SAFETY_NET_WORDING = "triage.W007"
NOT_IN_SITE_WIDE_LIST = "triage.W008"

SITE_WIDE_LIST = "includes/urgent_help.html"


def questionnaire_problems(questionnaire):
    """Return (check id, message) pairs for everything wrong with a questionnaire snapshot."""
    problems = []
    questions = questionnaire.questions
    for question in questions:
        if not question.choices:
            problems.append((QUESTION_WITHOUT_CHOICES, f"'{question.text}' has no answers."))
        for choice in question.choices:
            if choice.level == Level.EMERGENCY and not choice.ends_form:
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
    unreachable = _unreachable(questions)
    problems += [
        (UNREACHABLE_QUESTION, f"'{question.text}' can never be reached.")
        for question in unreachable
    ]
    problems += _emergency_order_problems(questions)
    problems += _rule_problems(questions, questionnaire.rules, unreachable)
    problems += _safety_net_problems(questions, questionnaire.rules)
    return problems


def _rule_problems(questions, rules, unreachable):
    problems = []
    position = {question.slug: index for index, question in enumerate(questions)}
    asked = {question.slug for question in questions} - {q.slug for q in unreachable}
    for rule in rules:
        if rule.level == Level.EMERGENCY and not rule.ends_form:
            problems.append(
                (
                    EMERGENCY_DOES_NOT_END,
                    f"The emergency rule '{rule.slug}' does not end the form: people it "
                    "applies to would be asked more questions.",
                )
            )
        problems += [
            (
                UNPUBLISHED_SECTION,
                f"The rule '{rule.slug}' recommends '{recommendation.section.heading}' in the "
                f"unpublished article '{recommendation.section.article_slug}'.",
            )
            for recommendation in rule.recommendations
            if not recommendation.section.published
        ]
        why = _why_never_applies(rule, questions, position, asked)
        if why:
            problems.append((RULE_NEVER_APPLIES, f"The rule '{rule.slug}' can never apply: {why}."))
    return problems


def _why_never_applies(rule, questions, position, asked):
    if not rule.groups:
        return "it looks for no answers"
    for question_slug, choice_slug in sorted(rule.answers):
        question = questions[position[question_slug]] if question_slug in position else None
        if question is None or question.choice(choice_slug) is None:
            return f"the answer '{choice_slug}' to '{question_slug}' does not exist"
    for group in rule.groups:
        if not {question_slug for question_slug, _ in group} & asked:
            return "one of its groups is only in questions that are never asked"
    single = {question.slug for question in questions if question.kind == "single"}
    for group in rule.groups:
        for other in rule.groups:
            same_question = {q for q, _ in group} | {q for q, _ in other}
            if group != other and len(same_question) == 1 and same_question <= single:
                return "it needs two different answers to a question that takes one"
    for group in rule.groups:
        ending = all(_ends(questions[position[q]].choice(c)) for q, c in group)
        last = max(position[q] for q, _ in group)
        for other in rule.groups:
            if ending and min(position[q] for q, _ in other) > last:
                return "the form ends before it asks for all of its answers"
    return ""


def _ends(choice):
    return choice.ends_form or choice.out_of_scope


def _safety_net_problems(questions, rules):
    signs = [
        (f"'{choice.label}' ({question.slug})", choice)
        for question in questions
        for choice in question.choices
    ]
    signs += [(f"The rule '{rule.slug}'", rule) for rule in rules]
    signs = [(name, sign) for name, sign in signs if sign.level in RED_FLAG_LEVELS]
    # Urgent answers about someone's history (such as having had cancer) are not signs to
    # watch for, so only emergency signs must have wording of their own.
    problems = [
        (NO_SAFETY_NET_WORDING, f"{name} is an emergency sign with no safety-net wording.")
        for name, sign in signs
        if sign.level == Level.EMERGENCY and not sign.safety_net.strip()
    ]
    site_wide = _plain_words(render_to_string(SITE_WIDE_LIST, care_routes.context()))
    problems += [
        (
            NOT_IN_SITE_WIDE_LIST,
            f"{name} is an emergency sign, but '{sign.safety_net}' is not in the list of "
            "emergency signs on every page.",
        )
        for name, sign in signs
        if sign.level == Level.EMERGENCY
        and sign.safety_net.strip()
        and _plain_words(care_routes.fill_in(sign.safety_net)) not in site_wide
    ]
    return problems


def _plain_words(html):
    """Text without tags, case or extra spaces, to compare wording across markup."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).lower().split())


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
    return any(choice.level == Level.EMERGENCY for choice in question.choices)


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
