"""From answers to an outcome: the symptom form's rules, as one pure function.

`evaluate(questionnaire, answers)` decides which question comes next or, once the
answers are complete, how urgently to get help, why, and which article sections fit.
It never touches the database or the request: views build a `Questionnaire` snapshot
once (see `triage.snapshot`) and pass the person's answers in, so every rule can be
tested exhaustively without a server.
"""

from dataclasses import dataclass, field
from functools import cached_property

# From least to most urgent; the outcome is the most urgent level among the answers.
LEVELS = ("none", "self-care", "soon", "urgent", "emergency")
SINGLE = "single"
MULTIPLE = "multiple"


def level_rank(level):
    return LEVELS.index(level)


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
    level: str = "none"
    hint: str = ""
    ends_form: bool = False
    exclusive: bool = False
    reason: str = ""
    recommendations: tuple[Recommendation, ...] = ()


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

    @cached_property
    def _choices_by_slug(self):
        return {choice.slug: choice for choice in self.choices}

    def choice(self, slug):
        return self._choices_by_slug.get(slug) if isinstance(slug, str) else None

    def accepts(self, choice_slugs):
        """Whether a list of picked choice slugs is a complete, consistent answer."""
        picked = [self.choice(slug) for slug in choice_slugs]
        if not picked or None in picked or len(set(choice_slugs)) != len(choice_slugs):
            return False
        if self.kind == SINGLE:
            return len(picked) == 1
        return len(picked) == 1 or not any(choice.exclusive for choice in picked)


@dataclass(frozen=True)
class Questionnaire:
    questions: tuple[Question, ...]

    def question(self, slug):
        return next((question for question in self.questions if question.slug == slug), None)


@dataclass(frozen=True)
class Answer:
    question: Question
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class RecommendedSection:
    section: SectionRef
    why: str


@dataclass(frozen=True)
class Outcome:
    level: str
    reasons: tuple[Choice, ...]
    recommendations: tuple[RecommendedSection, ...]
    ended_early: bool


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
    path = []
    next_question = None
    ended_early = False
    kept = {}
    for question in questionnaire.questions:
        if question.shown_if and question.shown_if not in picked:
            continue
        slugs = answers.get(question.slug)
        slugs = list(slugs) if isinstance(slugs, list | tuple) else []
        if question.accepts(slugs):
            # Kept even past the end of the form, so going back to change an answer keeps the rest.
            kept[question.slug] = slugs
            picked.update((question.slug, slug) for slug in slugs)
        if next_question or ended_early:
            continue
        if question.slug not in kept:
            next_question = question
            continue
        answer = Answer(question, tuple(question.choice(slug) for slug in slugs))
        path.append(answer)
        ended_early = any(choice.ends_form for choice in answer.choices)
    outcome = None if next_question else _outcome(path, ended_early)
    return Progress(tuple(path), next_question, outcome, kept)


def _outcome(path, ended_early):
    chosen = [(answer.question, choice) for answer in path for choice in answer.choices]
    level = max((choice.level for _, choice in chosen), key=level_rank, default="self-care")
    if level_rank(level) < level_rank("self-care"):
        level = "self-care"
    reasons = tuple(choice for _, choice in chosen if choice.level == level and choice.reason)
    return Outcome(level, reasons, _recommendations(path), ended_early)


def _recommendations(path):
    """Sections from every answer, each once: by the editors' rank, then the most urgent
    answer first, then the order of the questions."""
    candidates = []
    for question_position, answer in enumerate(path):
        for choice in answer.choices:
            for recommendation in choice.recommendations:
                if recommendation.section.published:
                    urgency = -level_rank(choice.level)
                    key = (recommendation.rank, urgency, question_position)
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
