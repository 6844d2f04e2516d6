"""Settings for Back Spasm Guide, read from the environment.

Every variable is documented in README.md. Defaults are safe for production:
DEBUG is off unless asked for, and a secret key must then be supplied.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see README.md, Configuration)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# Only needed when the proxy in front changes the host name browsers see, for example
# https://www.example.org; forms posted from anywhere else are refused.
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The back office's address; a less obvious one keeps most password-guessing robots away.
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
if ADMIN_URL == "/":
    raise ImproperlyConfigured("DJANGO_ADMIN_URL must not be empty, for example 'admin/'.")

SITE_NAME = os.environ.get("SITE_NAME", "Back Spasm Guide")
# Where to send people for help. The defaults are the United Kingdom's, matching the NHS and
# NICE guidance the articles cite; a site for another country sets all four together.
SITE_EMERGENCY_NUMBER = os.environ.get("SITE_EMERGENCY_NUMBER", "999")
SITE_URGENT_SERVICE = os.environ.get("SITE_URGENT_SERVICE", "NHS 111")
SITE_URGENT_NUMBER = os.environ.get("SITE_URGENT_NUMBER", "111")
SITE_URGENT_URL = os.environ.get("SITE_URGENT_URL", "https://111.nhs.uk/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "markdownx",
    "simple_history",
    "site_config",
    "articles",
    "search",
    "triage",
]

MIDDLEWARE = [
    # First, so every log line and every response (redirects and errors too) has the id.
    "site_config.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Straight after security, so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "site_config.middleware.PermissionsPolicyMiddleware",
    # Serves cached public pages before the rest of the stack runs (see site_config/caching.py).
    "site_config.caching.ReaderPageCacheMiddleware",
    # Pages shrink to about a quarter. Below WhiteNoise, which serves static files already
    # compressed; Django's gzip adds random padding against BREACH-style guessing.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_config.urls"
WSGI_APPLICATION = "site_config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "site_config.context_processors.site",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL points elsewhere (PostgreSQL in production).
DEFAULT_SQLITE_PATH = BASE_DIR / "var" / "db.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DEFAULT_SQLITE_PATH}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while a writer commits; the busy timeout makes a
    # writer wait for the lock instead of failing at once under concurrent requests.
    # Connections are kept between requests like PostgreSQL's: opening one and running
    # these statements cost more than serving a cached page.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Where to send a BAN when content changes, e.g. http://127.0.0.1:6081/ (Varnish); none by default.
SHARED_CACHE_PURGE_URL = os.environ.get("SHARED_CACHE_PURGE_URL", "")

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Sites (or test runs) that share one Redis keep apart by their prefix.
            "KEY_PREFIX": os.environ.get("REDIS_KEY_PREFIX", "bsg"),
        }
    }
else:
    # Each worker process keeps its own; enough for every page of a site this size.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

# How long browsers and shared caches (a CDN or reverse proxy) may keep the pages every
# reader sees (docs/deploy.md, "Shared cache in front"). Publishing bans the shared cache's
# copies (SHARED_CACHE_PURGE_URL); the shared lifetime bounds how stale a page can get if a
# ban is lost.
HTTP_CACHE_BROWSER_SECONDS = int(os.environ.get("HTTP_CACHE_BROWSER_SECONDS", "60"))
HTTP_CACHE_SHARED_SECONDS = int(os.environ.get("HTTP_CACHE_SHARED_SECONDS", "300"))
HTTP_CACHE_STALE_WHILE_REVALIDATE_SECONDS = 60
# While the app servers are down, a shared cache may keep serving what it has for a day.
HTTP_CACHE_STALE_IF_ERROR_SECONDS = 86400

# Sessions (editors' logins; the symptom form keeps its answers in a cookie, triage.answers)
# live in the database, which every app server shares, so any instance can serve an
# editor's next request. Not "cached_db": with the default per-process cache an instance
# could read back its own stale copy of a session another instance has since changed.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out login before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hashed file names never change content, so browsers and CDNs may keep them for a year.
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

CSRF_FAILURE_VIEW = "site_config.views.csrf_failure"

# HTTPS. In production the site is only served over HTTPS, usually behind a reverse proxy
# that terminates TLS. DJANGO_LOCAL_HTTP=1 (set by `make serve`) serves plain http on this
# machine only: no redirect to https, no Secure-only cookies, no HSTS.
SERVED_OVER_HTTPS = not DEBUG and not env_bool("DJANGO_LOCAL_HTTP")
SECURE_SSL_REDIRECT = SERVED_OVER_HTTPS
# Load balancers check health over plain http from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# The header the proxy sets to say the original request was https, for example
# DJANGO_SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO. Only set it behind a proxy that
# always sets or strips that header, or anyone could claim to be on https.
if proxy_ssl_header := os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = (proxy_ssl_header, "https")
ONE_YEAR = 60 * 60 * 24 * 365
SECURE_HSTS_SECONDS = (
    int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", ONE_YEAR)) if SERVED_OVER_HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Asks browsers to let the domain onto their built-in HTTPS-only list; it only takes
# effect once the domain is submitted at hstspreload.org.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
if not SECURE_HSTS_PRELOAD:
    # Switched off on purpose, so the deployment check need not say so every time.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = SERVED_OVER_HTTPS
CSRF_COOKIE_SECURE = SERVED_OVER_HTTPS
if SERVED_OVER_HTTPS:
    # Browsers only accept "__Host-" cookies that are Secure, for this exact host and the
    # whole site, so neither a subdomain nor plain http can plant or read them.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
# Forms carry the token in a hidden field (the markdownx editor reads it from there too),
# so no script ever needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Other sites are not told which page about a health problem a reader came from.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: scripts and styles from this site only, never inline.
# Images may also come from the media origin when DJANGO_MEDIA_URL is a full address.
MEDIA_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "://" in MEDIA_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, MEDIA_ORIGIN] if MEDIA_ORIGIN else [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        # Browsers post what the policy blocked here; the view logs it (site_config/views.py).
        "report-uri": "/csp-report/",
    }
}
# Browser features the site never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {"camera": [], "microphone": [], "geolocation": []}

# Admin sign-in throttling (django-axes): after 5 failed attempts for one username from one
# address, that pair is refused for the cooling-off period.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_ADDRESS_FAILURE_LIMIT = 20
AXES_HANDLER = "site_config.login_throttling.UsernameAndAddressHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "site_config.views.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "site_config.middleware.client_ip_address"
# How many reverse proxies append to X-Forwarded-For in front of the app (0: none, the
# client connects directly). Decides which address counts as the client's.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# One JSON object per line on standard output, each with the request's id. Query strings
# are cut from every message: they can hold what a reader searched for or answered.
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "site_config.log.RequestIdFilter"},
        "private_data": {"()": "site_config.log.PrivateDataFilter"},
    },
    "formatters": {"json": {"()": "site_config.log.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": sys.stdout,
            "formatter": "json",
            "filters": ["request_id", "private_data"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    # Django's own console and development-server handlers are replaced by the one above.
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # django-axes announces itself at start-up, which would print in every command.
        "axes.apps": {"level": "WARNING"},
    },
}

# The Markdown editor (django-markdownx). Its preview and upload endpoints are the site's own
# staff-only views (articles/editor.py), mounted at the paths below.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "articles.rendering.render_markdown"
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/markdownx/upload/"
MARKDOWNX_MEDIA_PATH = "markdownx/"
MARKDOWNX_UPLOAD_MAX_SIZE = 5 * 1024 * 1024
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp"]
# Uploaded images are scaled down to fit this box and re-encoded at this quality.
MARKDOWNX_IMAGE_MAX_SIZE = {"size": (1600, 1600), "quality": 85}
MARKDOWNX_EDITOR_RESIZABLE = True
# Milliseconds of quiet typing before the preview is refreshed.
MARKDOWNX_SERVER_CALL_LATENCY = 500
