"""The article admin's own pages: articles due for review, draft copies and the history.

Each page checks who may see it, reads the request, calls the service (articles.publishing,
articles.history) and tells the person what happened.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from articles import drafts, history, publishing, reviews
from articles.models import Article, Section


def still_used_by(error):
    """What stopped a deletion (a ProtectedError or RestrictedError), named for an editor."""
    blocking = (
        error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
    )
    return ", ".join(sorted({str(obj) for obj in blocking}))


class ArticlePages:
    """Mixed into ArticleAdmin: the pages beyond Django's list, form and delete pages."""

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
        due = Article.objects.review_due_within(reviews.REVIEW_WARNING_DAYS)
        return self._page(
            request,
            "review_due.html",
            "Articles due for review",
            articles=due.select_related("topic"),
            today=timezone.localdate(),
            warning_days=reviews.REVIEW_WARNING_DAYS,
        )

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
                history.parts_of(Section, version).values(),
                key=lambda section: section.order,
            ),
        )
