from django import forms
from django.contrib import admin, messages
from django.db import models, router, transaction
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from articles import parts, permissions, publishing, reviews
from articles.admin_pages import ArticlePages
from articles.forms import ArticleAdminForm
from articles.models import Article, Section, Source, Topic
from articles.permissions import NotAllowed, may_change_topic, may_publish
from search import index as search_index

MARKDOWN_EDITOR = {MarkdownxField: {"widget": AdminMarkdownxWidget}}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "description"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]

    # Readers see a topic (its name, description, address and place on the home page) once
    # it has a published article; from then on only a publisher may change or delete it, as
    # with articles. Editors may still prepare new topics.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_change_topic(
            user=request.user, topic=obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_change_topic(
            user=request.user, topic=obj
        )


def may_edit_article(request, article):
    return permissions.may_edit_article(user=request.user, article=article)


class ArticlePartInline:
    """Sections and sources follow their article: read-only wherever the article is."""

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and may_edit_article(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit_article(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_edit_article(request, obj)


class SectionInline(ArticlePartInline, admin.StackedInline):
    model = Section
    fields = ["order", "heading", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ["heading"]}
    formfield_overrides = MARKDOWN_EDITOR
    extra = 0

    class Media:
        css = {"all": ["articles/css/admin.css"]}
        js = ["articles/js/markdownx-inlines.js", "articles/js/markdownx-upload-errors.js"]


class SourceInline(ArticlePartInline, admin.TabularInline):
    model = Source
    fields = ["order", "title", "publisher", "url", "accessed"]
    formfield_overrides = {
        models.URLField: {
            # An address typed without a scheme is taken as https, as browsers now do.
            "assume_scheme": "https",
            # A plain box: the admin's "Currently: <link>" version is too wide for a table row.
            "widget": forms.URLInput(attrs={"class": "vURLField"}),
        }
    }
    extra = 0


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Review overdue"),
            ("due", f"Review due within {reviews.REVIEW_WARNING_DAYS} days"),
        ]

    def queryset(self, request, queryset):
        # The list holds draft copies, but a copy is reviewed as part of the article it changes.
        if self.value() == "overdue":
            return queryset.without_copies().review_overdue()
        if self.value() == "due":
            return queryset.without_copies().review_due_within(reviews.REVIEW_WARNING_DAYS)
        return queryset


@admin.register(Article)
class ArticleAdmin(ArticlePages, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [SectionInline, SourceInline]
    formfield_overrides = MARKDOWN_EDITOR
    list_display = ["title", "topic", "status", "draft_of", "last_reviewed", "next_review_due"]
    list_filter = ["topic", "status", ReviewOverdueFilter]
    list_select_related = ["topic", "draft_of"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["related"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "topic", "order", "loaded_version"]}),
        ("Publication", {"fields": ["status", "published_at"]}),
        (
            "Review",
            {
                "fields": [
                    "last_reviewed",
                    "review_interval_years",
                    "next_review_due",
                    "reviewed_by",
                    ("clinical_reviewer", "clinical_reviewer_role"),
                ]
            },
        ),
        ("Related articles", {"fields": ["related"], "classes": ["collapse"]}),
    ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            # Showing the form saves nothing, and on SQLite a transaction would take the lock.
            return super().changeform_view(request, object_id, form_url, extra_context)
        # The article and then each changed section would index the article again on saving:
        # it is indexed once, when all are saved, in the same transaction as the save.
        with (
            transaction.atomic(using=router.db_for_write(self.model)),
            search_index.deferred(),
        ):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_formset(self, request, form, formset, change):
        # Sections may swap anchors (sources, URLs), or take one a deleted row had (parts).
        key = parts.unique_field(model=formset.model)
        deleted = formset.deleted_forms
        moving = [
            edited.instance.pk
            for edited in formset.initial_forms
            if edited.instance.pk and (key in edited.changed_data or edited in deleted)
        ]
        if key and moving:
            moving_parts = formset.model.objects.filter(pk__in=moving)
            parts.park_unique_values(parts=moving_parts, purpose="moving")
        super().save_formset(request, form, formset, change)

    def get_queryset(self, request):
        # Editors find draft copies in the list and open them by their own pages, so the
        # admin asks for copies on purpose (Article.objects leaves them out).
        queryset = Article.objects_with_copies.all()
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def has_publish_permission(self, request):
        return may_publish(user=request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit_article(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # Publishing is a clinical reviewer's decision: editors see the status, nothing more.
        if self.has_publish_permission(request):
            return ["published_at"]
        return ["status", "published_at"]

    @admin.action(permissions=["publish"], description="Publish the selected articles")
    def publish(self, request, queryset):
        self._set_status(request, queryset, publishing.publish_articles, "published")

    @admin.action(permissions=["publish"], description="Unpublish the selected articles")
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, publishing.unpublish_articles, "unpublished")

    def _set_status(self, request, queryset, service, done):
        try:
            changed_articles = service(articles=queryset, user=request.user)
        except publishing.DraftCopyNotPublishable:
            self.message_user(
                request,
                "Draft copies are not published on their own: open each one and use "
                "“Publish these changes”. Nothing was published.",
                messages.ERROR,
            )
            return
        except NotAllowed as refusal:
            self.message_user(request, f"{refusal} Nothing was changed.", messages.ERROR)
            return
        for article in changed_articles:
            self.log_change(request, article, done.capitalize())
        changed = len(changed_articles)
        unchanged = queryset.count() - changed
        message = f"{changed} article{'s' if changed != 1 else ''} {done}."
        if unchanged:
            message += f" {unchanged} {'was' if unchanged == 1 else 'were'} already {done}."
        self.message_user(request, message, messages.SUCCESS)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        copies = Article.objects_with_copies.copies()
        context = {
            "draft_copy": copies.filter(draft_of=article).first() if article else None,
            "may_publish": may_publish(user=request.user),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, context)
