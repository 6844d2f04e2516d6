"""The symptom form's pages. The rules live in `triage.engine`; these views only carry
answers between the person's browser (`triage.answers`) and the engine. Answers are never
kept in a model, a URL or a log line."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from articles.models import Article, Section
from triage import answers
from triage import plan as back_plan
from triage.engine import evaluate
from triage.forms import AnswerForm
from triage.levels import Level
from triage.snapshot import current_questionnaire


def _answers(request):
    """The person's answers so far, or {} (with a note saying why) once they have expired."""
    try:
        return answers.read(request)
    except answers.Expired:
        messages.info(
            request,
            "Your answers were deleted because the form was not used for 1 hour. "
            "Please start again.",
        )
        return {}


def _with_answers(request, response, kept_answers):
    """Send the answers back to the browser with the response, renewing their time limit,
    or clear out answers that have expired or no longer count."""
    if kept_answers:
        return answers.keep(response, kept_answers)
    if answers.COOKIE_NAME in request.COOKIES:
        return answers.forget(response)
    return response


def _question_url(question, changing=False):
    url = reverse("triage:question", args=[question.slug])
    return f"{url}?change=1" if changing else url


def _where_next(progress, changing=False):
    if progress.next_question:
        return _question_url(progress.next_question, changing)
    if progress.outcome.ended_early:
        return reverse("triage:result")
    return reverse("triage:check_answers")


def _progress(request):
    questionnaire = current_questionnaire()
    return questionnaire, evaluate(questionnaire, _answers(request))


def _place(questionnaire, progress, question):
    """Where a question sits: its number on this person's way through the form, and how many
    of all the questions come before it. Follow-up questions may be skipped, so the second
    figure only draws a progress bar; no page promises a number of questions."""
    asked = [answer.question.slug for answer in progress.path]
    number = asked.index(question.slug) + 1 if question.slug in asked else len(asked) + 1
    slugs = [each.slug for each in questionnaire.questions]
    return {"number": number, "done": slugs.index(question.slug), "of": len(slugs)}


def _unfinished(progress):
    """A redirect while questions remain; with no questions at all there is no result."""
    if progress.next_question:
        return redirect(_question_url(progress.next_question))
    if not progress.path:
        return redirect("triage:start")
    return None


@never_cache
@require_safe
def start(request):
    questionnaire = current_questionnaire()
    first = questionnaire.questions[0] if questionnaire.questions else None
    return render(request, "triage/start.html", {"first_question": first})


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def question(request, slug):
    questionnaire, progress = _progress(request)
    question = questionnaire.question(slug)
    if question is None:
        raise Http404("No such question")
    if not (progress.asked(slug) or progress.next_question == question):
        # Jumping ahead, a follow-up question that no longer applies, or expired answers.
        return _with_answers(request, redirect(_where_next(progress)), progress.kept_answers)
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        form = AnswerForm(question, request.POST)
        if form.is_valid():
            progress = evaluate(
                questionnaire, {**progress.kept_answers, slug: form.cleaned_data["answer"]}
            )
            response = redirect(_where_next(progress, changing))
            return _with_answers(request, response, progress.kept_answers)
        if form.forged:
            return render(
                request, "triage/unusable_answer.html", {"question_url": request.path}, status=400
            )
    else:
        form = AnswerForm(question, initial={"answer": progress.kept_answers.get(slug, [])})
    previous = progress.previous_question(slug)
    if changing:
        back_url = reverse("triage:check_answers")
    elif previous:
        back_url = _question_url(previous)
    else:
        back_url = reverse("triage:start")
    context = {
        "question": question,
        "form": form,
        "back_url": back_url,
        "place": _place(questionnaire, progress, question),
    }
    response = render(request, "triage/question.html", context)
    return _with_answers(request, response, progress.kept_answers)


@never_cache
@require_safe
def check_answers(request):
    _, progress = _progress(request)
    response = _unfinished(progress) or render(
        request,
        "triage/check_answers.html",
        {"path": progress.path, "back_url": _question_url(progress.path[-1].question)},
    )
    return _with_answers(request, response, progress.kept_answers)


@never_cache
@require_safe
def result(request):
    questionnaire, progress = _progress(request)
    if unfinished := _unfinished(progress):
        return _with_answers(request, unfinished, progress.kept_answers)
    context = {
        "outcome": progress.outcome,
        "questionnaire": questionnaire,
        # Safety-netting lists the same signs the form asks about, so they never drift apart.
        "emergency_signs": _safety_net(questionnaire, Level.EMERGENCY),
        "urgent_signs": _safety_net(questionnaire, Level.URGENT),
    }
    response = render(request, "triage/result.html", context)
    return _with_answers(request, response, progress.kept_answers)


def _safety_net(questionnaire, level):
    """The signs of one level, in their own safety-net wording, each once.

    Urgent answers without wording (such as having had cancer) are not signs to watch for;
    an emergency sign is never left out, in its label if an editor forgot its wording.
    """
    choices = [choice for question in questionnaire.questions for choice in question.choices]
    signs = [(c.level, c.safety_net, c.label) for c in choices]
    signs += [(rule.level, rule.safety_net, rule.reason) for rule in questionnaire.rules]
    wording = [
        safety_net or (fallback if level == Level.EMERGENCY else "")
        for sign_level, safety_net, fallback in signs
        if sign_level == level
    ]
    return list(dict.fromkeys(text for text in wording if text))


@require_POST
def start_again(request):
    return answers.forget(redirect("triage:start"))


# The plan writes out this many recommended sections in full, so it prints on two pages;
# the rest are listed by name and address.
STEPS_IN_FULL = 3


def _plan(request):
    """(response, None) to send the person elsewhere, or (None, context) for their plan.

    No plan without complete answers, and none for an emergency result: the call-now card
    is all that person should read.
    """
    questionnaire, progress = _progress(request)
    if unfinished := _unfinished(progress):
        return _with_answers(request, unfinished, progress.kept_answers), None
    if not back_plan.offered(progress.outcome):
        return _with_answers(request, redirect("triage:result"), progress.kept_answers), None
    plan = back_plan.make(progress, progress.kept_answers, timezone.localdate())
    return None, {"questionnaire": questionnaire, "progress": progress, "plan": plan}


def _signs(questionnaire):
    """The signs to watch for, worded as on the result page."""
    return {
        "emergency_signs": _safety_net(questionnaire, Level.EMERGENCY),
        "urgent_signs": _safety_net(questionnaire, Level.URGENT),
    }


def _steps(recommendations):
    """The first STEPS_IN_FULL recommended sections with their text, in the engine's order."""
    wanted = [(r.section.article_slug, r.section.slug) for r in recommendations[:STEPS_IN_FULL]]
    sections = Section.objects.filter(
        article__status=Article.Status.PUBLISHED,
        article__slug__in=[article for article, _ in wanted],
        slug__in=[slug for _, slug in wanted],
    ).select_related("article")
    by_key = {(section.article.slug, section.slug): section for section in sections}
    return [by_key[key] for key in wanted if key in by_key]


@never_cache
@require_safe
def plan(request):
    refused, context = _plan(request)
    if refused:
        return refused
    outcome = context["progress"].outcome
    context |= {
        **_signs(context["questionnaire"]),
        "outcome": outcome,
        "steps": _steps(outcome.recommendations),
        "more_steps": outcome.recommendations[STEPS_IN_FULL:],
        "site_address": request.build_absolute_uri("/"),
    }
    response = render(request, "triage/plan.html", context)
    return _with_answers(request, response, context["progress"].kept_answers)


@never_cache
@require_safe
def plan_calendar(request):
    refused, context = _plan(request)
    if refused:
        return refused
    plan = context["plan"]
    safety_net = back_plan.safety_net_text(plan.level, **_signs(context["questionnaire"]))
    event = back_plan.calendar(
        plan,
        safety_net,
        site_name=settings.SITE_NAME,
        site_address=request.build_absolute_uri("/"),
        stamped_at=timezone.now(),
    )
    response = HttpResponse(event, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-back-plan.ics"'
    return _with_answers(request, response, context["progress"].kept_answers)
