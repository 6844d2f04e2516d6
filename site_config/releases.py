"""What identifies the running release: the templates and settings every page is made with.

Pages depend on the content and on the release that renders them. The content version
changes with every edit; this token changes when a deploy changes a template or a setting
readers see (the site's name, the numbers to call), so caches keyed on both never serve a
page made by an older release.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

PAGE_SETTINGS = (
    "SITE_NAME",
    "SITE_EMERGENCY_NUMBER",
    "SITE_URGENT_SERVICE",
    "SITE_URGENT_NUMBER",
    "SITE_URGENT_URL",
)


@cache
def release_token():
    digest = hashlib.sha256()
    for name in PAGE_SETTINGS:
        digest.update(f"{name}={getattr(settings, name, '')}\n".encode())
    templates = Path(settings.BASE_DIR) / "templates"
    for path in sorted(templates.rglob("*.html")):
        digest.update(str(path.relative_to(templates)).encode())
        digest.update(path.read_bytes())
    # Pages name static files by a hash of their content (collectstatic's manifest).
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]
