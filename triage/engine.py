"""From answers to an outcome: the symptom form's rules, as one pure function.

`evaluate(questionnaire, answers)` decides which question comes next or, once the
answers are complete, how urgently to get help, why, and which article sections fit.
It never touches the database or the request: views build a `Questionnaire` snapshot
once (see `triage.snapshot`) and pass the person's answers in, so every rule can be
tested exhaustively without a server.

The level is the most urgent of the levels of the answers picked and of the combination
rules those answers meet: some answers matter only together (a high temperature in
someone whose immune system is weak suggests an infection of the spine).
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from triage.levels import LEVELS, Level, level_rank  # noqa: F401 (LEVELS is part of the engine API)

SINGLE = "single"
MULTIPLE = "multiple"


@dataclass(frozen=True)
class SectionRef:
    article_slug: str
    slug: str
    heading: str
    summary: str
    url: str
    published: bool
    article_title: str = ""


@dataclass(frozen=True)
class Recommendation:
    section: SectionRef
    why: str
    rank: int = 50


@dataclass(frozen=True)
class Choice:
    slug: str
    label: str
    level: str = Level.NONE
    hint: str = ""
    ends_form: bool = False
    exclusive: bool = False
    reason: str = ""
    recommendations: tuple[Recommendation, ...] = ()
    # How the sign is listed under "If things get worse", in words of its own.
    safety_net: str = ""
    # Shown on the result whenever this answer is picked (advice for pregnant people).
    note: str = ""
    # The form is not meant for people who pick this (under 16s): it ends with a page
    # that sends them elsewhere.
    out_of_scope: bool = False
    # (article slug, section slug) pairs never recommended to someone who picks this.
    unsuitable: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Rule:
    """A combination rule: answers that together give a level, with the reason why.

    `groups` holds tuples of (question slug, choice slug): the rule applies when every
    group has at least one of its answers picked.
    """

    slug: str
    level: str
    reason: str
    groups: tuple[tuple[tuple[str, str], ...], ...]
    ends_form: bool = False
    safety_net: str = ""
    recommendations: tuple[Recommendation, ...] = ()

    def met_by(self, picked):
        return bool(self.groups) and all(
            any(answer in picked for answer in group) for group in self.groups
        )

    @cached_property
    def answers(self):
        return frozenset(answer for group in self.groups for answer in group)


@dataclass(frozen=True)
class Question:
    slug: str
    text: str
    kind: str
    choices: tuple[Choice, ...]
    hint: str = ""
    error_message: str = "Select an answer"
    summary_label: str = ""
    # (question slug, choice slug): ask only if that answer was picked.
    shown_if: tuple[str, str] | None = None
    # End the form after this question if the answers so far need help today or sooner:
    # the last red-flag question, so combinations within the red flags are all seen.
    stop_if_urgent: bool = False

    @cached_property
    def _choices_by_slug(self):
        return {choice.slug: choice for choice in self.choices}

    def choice(self, slug):
        return self._choices_by_slug.get(slug) if isinstance(slug, str) else None

    def accepts(self, choice_slugs):
        """Whether a list of picked choice slugs is a complete, consistent answer.

        "None of these" with other boxes is accepted only when one of those boxes is more
        urgent: a sign someone ticked always counts, even if they also ticked "None of these".
        """
        picked = [self.choice(slug) for slug in choice_slugs]
        if not picked or None in picked or len(set(choice_slugs)) != len(choice_slugs):
            return False
        if self.kind == SINGLE:
            return len(picked) == 1
        exclusive = [choice for choice in picked if choice.exclusive]
        if not exclusive or len(picked) == 1:
            return True
        return _most_urgent(picked) not in {choice.level for choice in exclusive}

    def answer(self, choice_slugs):
        """The `Answer` for an accepted list of choice slugs."""
        picked = tuple(self.choice(slug) for slug in choice_slugs)
        signs = tuple(choice for choice in picked if not choice.exclusive)
        if signs and len(signs) < len(picked):
            overruled = tuple(choice for choice in picked if choice.exclusive)
            return Answer(self, signs, overruled)
        return Answer(self, picked)


@dataclass(frozen=True)
class ReviewInfo:
    """The last clinical review of the questions: the version it approved, and when."""

    version: str
    reviewed_on: datetime.date


@dataclass(frozen=True)
class Questionnaire:
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...] = ()
    # A fingerprint of the questions, answers and rules: it changes with any edit.
    version: str = ""
    last_review: ReviewInfo | None = None

    def question(self, slug):
        return next((question for question in self.questions if question.slug == slug), None)

    @property
    def reviewed_as_is(self):
        return bool(self.last_review and self.last_review.version == self.version)


@dataclass(frozen=True)
class Answer:
    question: Question
    choices: tuple[Choice, ...]
    # "None of these" picked together with a sign: set aside, and said so on the result.
    overruled: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class RecommendedSection:
    section: SectionRef
    why: str


@dataclass(frozen=True)
class Outcome:
    level: str
    # The answers and rules that set the level, each with its `reason`.
    reasons: tuple[Choice | Rule, ...]
    recommendations: tuple[RecommendedSection, ...]
    ended_early: bool
    rules: tuple[Rule, ...] = ()
    notes: tuple[str, ...] = ()
    overruled: tuple[Answer, ...] = ()
    out_of_scope: bool = False


@dataclass(frozen=True)
class Progress:
    """Where a person is in the form.

    `path` holds the questions asked so far with their answers, in order. Exactly one of
    `next_question` and `outcome` is set. `kept_answers` is the answers dict without
    anything stale: answers to questions that are no longer shown, or that are not valid.
    """

    path: tuple[Answer, ...]
    next_question: Question | None
    outcome: Outcome | None
    kept_answers: dict = field(default_factory=dict)

    def asked(self, question_slug):
        return any(answer.question.slug == question_slug for answer in self.path)

    def previous_question(self, question_slug):
        """The question asked before the given one, or None for the first question."""
        slugs = [answer.question.slug for answer in self.path]
        if self.next_question:
            slugs.append(self.next_question.slug)
        position = slugs.index(question_slug) if question_slug in slugs else 0
        return self.path[position - 1].question if position > 0 else None


def evaluate(questionnaire, answers):
    """Return the `Progress` for `answers`, a dict of question slug -> list of choice slugs."""
    picked = set()
    on_path = set()
    path = []
    next_question = None
    ended_early = False
    kept = {}
    for question in questionnaire.questions:
        if question.shown_if and question.shown_if not in picked:
            continue
        slugs = answers.get(question.slug)
        slugs = list(slugs) if isinstance(slugs, list | tuple) else []
        answer = question.answer(slugs) if question.accepts(slugs) else None
        if answer:
            # Kept even past the end of the form, so going back to change an answer keeps the rest.
            kept[question.slug] = slugs
            picked.update((question.slug, choice.slug) for choice in answer.choices)
        if next_question or ended_early:
            continue
        if answer is None:
            next_question = question
            continue
        path.append(answer)
        on_path.update((question.slug, choice.slug) for choice in answer.choices)
        ended_early = _ends_form(question, answer, path, questionnaire.rules, on_path)
    outcome = None if next_question else _outcome(path, ended_early, questionnaire.rules)
    return Progress(tuple(path), next_question, outcome, kept)


def _ends_form(question, answer, path, rules, on_path):
    if any(choice.ends_form or choice.out_of_scope for choice in answer.choices):
        return True
    # Only a rule that looks for one of these answers can have just started to apply.
    just_picked = {(question.slug, choice.slug) for choice in answer.choices}
    if any(r.ends_form and r.answers & just_picked and r.met_by(on_path) for r in rules):
        return True
    if question.stop_if_urgent:
        met = [rule for rule in rules if rule.met_by(on_path)]
        return level_rank(_level(_chosen(path), met)) >= level_rank(Level.URGENT)
    return False


def _chosen(path):
    return [choice for answer in path for choice in answer.choices]


def _most_urgent(items):
    return max((item.level for item in items), key=level_rank, default=Level.NONE)


def _level(choices, rules):
    level = _most_urgent([*choices, *rules])
    return level if level_rank(level) >= level_rank(Level.SELF_CARE) else Level.SELF_CARE


def _outcome(path, ended_early, rules):
    chosen = _chosen(path)
    picked = {(answer.question.slug, choice.slug) for answer in path for choice in answer.choices}
    met = tuple(rule for rule in rules if rule.met_by(picked))
    level = _level(chosen, met)
    reasons = tuple(item for item in [*met, *chosen] if item.level == level and item.reason)
    return Outcome(
        level=level,
        reasons=reasons,
        recommendations=_recommendations(path, met),
        ended_early=ended_early,
        rules=met,
        notes=tuple(dict.fromkeys(choice.note for choice in chosen if choice.note)),
        overruled=tuple(answer for answer in path if answer.overruled),
        out_of_scope=any(choice.out_of_scope for choice in chosen),
    )


def _recommendations(path, rules):
    """Sections from every answer and rule, each once: by the editors' rank, then the most
    urgent answer or rule first, then rules before answers, answers in question order."""
    unsuitable = {section for answer in path for c in answer.choices for section in c.unsuitable}
    sources = [(-1, rule) for rule in rules]
    sources += [(position, c) for position, answer in enumerate(path) for c in answer.choices]
    candidates = []
    for position, source in sources:
        for recommendation in source.recommendations:
            section = recommendation.section
            if section.published and (section.article_slug, section.slug) not in unsuitable:
                key = (recommendation.rank, -level_rank(source.level), position)
                candidates.append((key, recommendation))
    candidates.sort(key=lambda candidate: candidate[0])
    seen = set()
    recommended = []
    for _, recommendation in candidates:
        identity = (recommendation.section.article_slug, recommendation.section.slug)
        if identity not in seen:
            seen.add(identity)
            recommended.append(RecommendedSection(recommendation.section, recommendation.why))
    return tuple(recommended)
