"""Settings for the test suite: the real settings, made quick and self-contained."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")
# The test client and the live server speak plain http.
os.environ.setdefault("DJANGO_LOCAL_HTTP", "1")
# Parallel test processes (pytest-xdist) each have their own database but may share one Redis;
# the servers a test starts inherit the prefix, so each process only ever reads its own pages.
os.environ.setdefault(
    "REDIS_KEY_PREFIX", f"bsg-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
)

from site_config.settings import *  # noqa: E402, F403
from site_config.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the source folders, as runserver does; no collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Django's test client signs in without a request, which django-axes refuses; the sign-in
# throttling tests switch it back on.
AXES_ENABLED = False
