from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from triage.checks import questionnaire_problems
from triage.models import (
    Choice,
    Question,
    Recommendation,
    Review,
    Rule,
    RuleAnswer,
    RuleRecommendation,
)
from triage.snapshot import load_questionnaire


def published_sections_only(db_field, kwargs):
    # Draft copies' sections are left out: the copy is deleted when it is published.
    kwargs["queryset"] = db_field.related_model.objects.filter(
        article__draft_of__isnull=True
    ).select_related("article")
    return kwargs


class ChoiceInline(admin.StackedInline):
    model = Choice
    extra = 0
    ordering = ["order"]
    fields = [
        ("order", "slug"),
        "label",
        "hint",
        ("level", "ends_form", "exclusive", "out_of_scope"),
        "reason",
        "safety_net",
    ]
    show_change_link = True  # recommended sections and notes are edited on the answer's page


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["order", "text", "kind", "shown_if", "stop_if_urgent"]
    list_display_links = ["text"]
    ordering = ["order"]
    search_fields = ["text", "slug"]
    fields = [
        "order",
        "slug",
        "text",
        "hint",
        "kind",
        "shown_if",
        "stop_if_urgent",
        "error_message",
        "summary_label",
    ]
    autocomplete_fields = ["shown_if"]
    inlines = [ChoiceInline]
    change_list_template = "triage/admin/question_change_list.html"

    def changelist_view(self, request, extra_context=None):
        questionnaire = load_questionnaire()
        extra_context = {
            **(extra_context or {}),
            "questionnaire_problems": questionnaire_problems(questionnaire),
            "questionnaire": questionnaire,
        }
        return super().changelist_view(request, extra_context=extra_context)


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 1
    ordering = ["rank"]
    fields = ["section", "rank", "why"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            kwargs = published_sections_only(db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Choice)
class ChoiceAdmin(SimpleHistoryAdmin):
    list_display = ["label", "question", "level", "ends_form", "exclusive"]
    list_filter = ["level", "ends_form", "question"]
    search_fields = ["label", "slug", "question__text"]
    fields = [
        "question",
        ("order", "slug"),
        "label",
        "hint",
        ("level", "ends_form", "exclusive", "out_of_scope"),
        "reason",
        "safety_net",
        "note",
        "unsuitable_sections",
    ]
    filter_horizontal = ["unsuitable_sections"]
    inlines = [RecommendationInline]
    list_select_related = ["question"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "unsuitable_sections":
            kwargs = published_sections_only(db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class RuleAnswerInline(admin.TabularInline):
    model = RuleAnswer
    extra = 2
    ordering = ["group"]
    fields = ["group", "choice"]
    autocomplete_fields = ["choice"]


class RuleRecommendationInline(RecommendationInline):
    model = RuleRecommendation


@admin.register(Rule)
class RuleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "level", "ends_form"]
    list_filter = ["level"]
    search_fields = ["name", "slug", "reason"]
    fields = ["name", "slug", ("level", "ends_form"), "reason", "safety_net"]
    inlines = [RuleAnswerInline, RuleRecommendationInline]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """A record of clinical sign-off: added by the reviewer, never changed afterwards."""

    list_display = ["reviewed_at", "reviewed_by", "version"]
    readonly_fields = ["reviewed_by", "reviewed_at", "version"]

    def get_fields(self, request, review=None):
        return ["reviewed_by", "reviewed_at", "version", "notes"] if review else ["notes"]

    def save_model(self, request, review, form, change):
        if not change:
            # Who and which version come from the request and the database, not the form.
            review.reviewed_by = request.user
            review.version = load_questionnaire().version
        super().save_model(request, review, form, change)

    def has_change_permission(self, request, review=None):
        # Viewing is allowed (read-only); a sign-off is never edited after the fact.
        return False

    def has_delete_permission(self, request, review=None):
        return False
