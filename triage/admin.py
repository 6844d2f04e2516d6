from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from triage.checks import questionnaire_problems
from triage.models import Choice, Question, Recommendation
from triage.snapshot import load_questionnaire


class ChoiceInline(admin.StackedInline):
    model = Choice
    extra = 0
    ordering = ["order"]
    fields = [("order", "slug"), "label", "hint", ("level", "ends_form", "exclusive"), "reason"]
    show_change_link = True  # the recommended sections are edited on the answer's own page


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["order", "text", "kind", "shown_if"]
    list_display_links = ["text"]
    ordering = ["order"]
    search_fields = ["text", "slug"]
    fields = ["order", "slug", "text", "hint", "kind", "shown_if", "error_message", "summary_label"]
    autocomplete_fields = ["shown_if"]
    inlines = [ChoiceInline]
    change_list_template = "triage/admin/question_change_list.html"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "questionnaire_problems": questionnaire_problems(load_questionnaire()),
        }
        return super().changelist_view(request, extra_context=extra_context)


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 1
    ordering = ["rank"]
    fields = ["section", "rank", "why"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            # Draft copies' sections are left out: the copy is deleted when it is published.
            kwargs["queryset"] = db_field.related_model.objects.filter(
                article__draft_of__isnull=True
            ).select_related("article")
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
        ("level", "ends_form", "exclusive"),
        "reason",
    ]
    inlines = [RecommendationInline]
    list_select_related = ["question"]
