"""Every form that changes something is protected against cross-site request forgery."""

from django.urls import URLPattern, URLResolver, get_resolver


def all_patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from all_patterns(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def test_no_view_is_exempt_from_csrf_checks():
    exempt = [
        route for route, view in all_patterns(get_resolver()) if getattr(view, "csrf_exempt", False)
    ]
    assert exempt == []
