"""Every form that changes something is protected against cross-site request forgery."""

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver


def all_patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from all_patterns(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def test_no_view_that_changes_anything_is_exempt_from_csrf_checks():
    exempt = [
        route for route, view in all_patterns(get_resolver()) if getattr(view, "csrf_exempt", False)
    ]
    # Browsers post CSP reports without a token; the view only writes a log line.
    assert exempt == ["csp-report/"]


def test_a_signed_in_editor_cannot_be_made_to_post_without_the_token(
    make_article, django_user_model
):
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "x" * 20)
    article = make_article()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    for address, data in [
        (f"/admin/articles/article/{article.pk}/change/", {"title": "Defaced"}),
        ("/admin/articles/article/", {"action": "unpublish", "_selected_action": [article.pk]}),
        (f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"}),
        ("/markdownx/markdownify/", {"content": "**Defaced**"}),
        ("/admin/password_change/", {"new_password1": "y" * 20, "new_password2": "y" * 20}),
        ("/admin/logout/", {}),
    ]:
        response = client.post(address, data)
        assert response.status_code == 403, address
        assert "Sorry, your form has expired" in response.content.decode()
    article.refresh_from_db()
    assert article.title != "Defaced" and article.is_published
