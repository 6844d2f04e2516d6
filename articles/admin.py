from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from articles import drafts, history, parts, permissions, publishing
from articles.forms import ArticleAdminForm
from articles.models import Article, Section, Source, Topic
from articles.permissions import NotAllowed, may_change_topic, may_publish

REVIEW_WARNING_DAYS = 30
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


def still_used_by(error):
    """What stopped a deletion (a ProtectedError or RestrictedError), named for an editor."""
    blocking = (
        error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
    )
    return ", ".join(sorted({str(obj) for obj in blocking}))


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
            ("due", f"Review due within {REVIEW_WARNING_DAYS} days"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "due":
            return queryset.review_due_within(REVIEW_WARNING_DAYS)
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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

    def get_urls(self):
        pages = [
            ("review-due/", self.review_due_view, "review_due"),
            ("<path:object_id>/history/<int:history_id>/restore/", self.restore_view, "restore"),
            ("<path:object_id>/draft-copy/", self.start_draft_view, "start_draft"),
            ("<path:object_id>/publish-changes/", self.publish_changes_view, "publish_changes"),
            ("<path:object_id>/discard-copy/", self.discard_copy_view, "discard_copy"),
        ]
        return [
            *(
                path(route, self.admin_site.admin_view(view), name=f"articles_article_{name}")
                for route, view, name in pages
            ),
            *super().get_urls(),
        ]

    def _page(self, request, template, title, **context):
        """One of this admin's own pages, in the admin's frame."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": None,
            **context,
        }
        return TemplateResponse(request, f"admin/articles/article/{template}", context)

    def review_due_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return self._page(
            request,
            "review_due.html",
            "Articles due for review",
            articles=Article.objects.review_due_within(REVIEW_WARNING_DAYS).select_related("topic"),
            today=timezone.localdate(),
            warning_days=REVIEW_WARNING_DAYS,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        context = {
            "draft_copy": Article.objects.filter(draft_of=article).first() if article else None,
            "may_publish": may_publish(user=request.user),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, context)

    def start_draft_view(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        publishing.check_may_start_draft(user=request.user, article=article)
        if request.method == "POST":
            draft, made = publishing.start_draft(article=article, user=request.user)
            if made:
                self.log_addition(request, draft, f"Draft copy of “{article}”")
            return redirect(reverse("admin:articles_article_change", args=[draft.pk]))
        return self._page(
            request, "start_draft.html", "Change a published article", original=article
        )

    def publish_changes_view(self, request, object_id):
        draft = self.get_object(request, object_id)
        if draft is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        publishing.check_may_publish_draft(user=request.user, draft=draft)
        if request.method == "POST":
            return self._publish_changes(request, draft)
        field_changes, part_changes = drafts.changes(draft)
        return self._page(
            request,
            "publish_changes.html",
            f"Publish the changes to “{draft.draft_of}”",
            original=draft,
            field_changes=field_changes,
            part_changes=part_changes,
            outdated=draft.draft_of.version != draft.draft_of_version,
            # Publishing applies exactly what was shown here, not a later save of the copy.
            reviewed_version=draft.version,
        )

    def _publish_changes(self, request, draft):
        try:
            reviewed_version = int(request.POST.get("reviewed_version", ""))
        except ValueError:
            reviewed_version = None
        try:
            article = publishing.publish_draft(
                draft=draft, user=request.user, reviewed_version=reviewed_version
            )
        except drafts.CopyChanged:
            self.message_user(
                request,
                "The copy was saved again while you were reading its changes. Nothing was "
                "published. Read the changes again below.",
                messages.ERROR,
            )
            return redirect(reverse("admin:articles_article_publish_changes", args=[draft.pk]))
        except drafts.OriginalChanged:
            self.message_user(
                request,
                "The published article has been changed since this copy was made, so "
                "publishing the copy would undo that change. Nothing was published. Discard "
                "this copy, make a new one from the published article and redo the changes.",
                messages.ERROR,
            )
            return redirect(reverse("admin:articles_article_change", args=[draft.pk]))
        except (ProtectedError, RestrictedError) as error:
            self.message_user(
                request,
                "These changes remove sections that are still used elsewhere "
                f"({still_used_by(error)}). Nothing was published.",
                messages.ERROR,
            )
            return redirect(reverse("admin:articles_article_change", args=[draft.pk]))
        self.log_change(request, article, "Published changes from a draft copy")
        self.message_user(
            request,
            f"The changes are live on “{article}”. The draft copy has been deleted.",
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    def discard_copy_view(self, request, object_id):
        draft = self.get_object(request, object_id)
        if draft is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        publishing.check_may_discard_draft(user=request.user, draft=draft)
        if request.method == "POST":
            self.log_deletions(request, [draft])
            original = publishing.discard_draft(draft=draft, user=request.user)
            self.message_user(
                request,
                f"The draft copy of “{original}” has been discarded. The published article "
                "is unchanged.",
                messages.SUCCESS,
            )
            return redirect(reverse("admin:articles_article_change", args=[original.pk]))
        return self._page(request, "discard_copy.html", "Discard a draft copy", original=draft)

    def history_view(self, request, object_id, extra_context=None):
        article = self.get_object(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return self._page(
            request,
            "history.html",
            f"History of “{article}”",
            original=article,
            page=history.versions_page(article, request.GET.get("page")),
            can_restore=self.has_change_permission(request, article),
            **(extra_context or {}),
        )

    def restore_view(self, request, object_id, history_id):
        article = self.get_object(request, object_id)
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        history.check_may_restore(user=request.user, article=article)
        version = get_object_or_404(article.history, history_id=history_id)
        if request.method == "POST":
            try:
                history.restore(article=article, version=version, user=request.user)
            except (ProtectedError, RestrictedError) as error:
                self.message_user(
                    request,
                    "This version cannot be restored: it would remove sections or sources "
                    f"that are still used elsewhere ({still_used_by(error)}). Nothing was changed.",
                    messages.ERROR,
                )
                return redirect(reverse("admin:articles_article_history", args=[article.pk]))
            self.log_change(request, article, f"Restored the version {version.history_id}")
            self.message_user(
                request,
                f"“{article}” is back to the version saved "
                f"{timezone.localtime(version.history_date):%d %b %Y at %H:%M}, "
                "sections and sources included. Its status has not changed.",
                messages.SUCCESS,
            )
            return redirect(reverse("admin:articles_article_change", args=[article.pk]))
        return self._page(
            request,
            "restore.html",
            "Restore an earlier version",
            original=article,
            version=version,
            sections=sorted(
                history.parts_at(Section, article.pk, history.moment_of(version)).values(),
                key=lambda section: section.order,
            ),
        )
