"""gunicorn settings; every value can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# The scheme comes only from X-Forwarded-Proto, which the proxy must set on every request.
# gunicorn's default also believes X-Forwarded-Ssl and X-Forwarded-Protocol, which a proxy
# that does not know them passes through from the client unchanged.
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
graceful_timeout = 20
keepalive = 5
# A worker is recycled now and then so a slow leak can never grow without bound. Workers
# share the load evenly, so with a small jitter they all reach the limit together and
# restart at once, each spending about half a second of CPU loading the site while the
# others are down too; a jitter of half the limit spreads the restarts out.
max_requests = 2000
max_requests_jitter = 1000
# Access and error lines are JSON on standard output, like the site's own (site_config/log.py).
# The query string is left out: it can hold what a reader searched for.
accesslog = "-"
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "site_config.log.JsonFormatter"}},
    "filters": {"private_data": {"()": "site_config.log.PrivateDataFilter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["private_data"],
        }
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
