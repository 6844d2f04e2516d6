"""Structured logging: one JSON object per line, tagged with the request's id, kept private.

Used by Django's LOGGING setting and by gunicorn.conf.py, so nothing here imports Django.
"""

import contextvars
import datetime
import json
import logging
import re
from collections.abc import Mapping

# Set by site_config.middleware.RequestIdMiddleware for the length of each request.
current_request_id = contextvars.ContextVar("request_id", default=None)

# A path followed by a query string: "/search/?q=back+pain" keeps "/search/".
QUERY_STRING = re.compile(r"(/[^\s\"'?]*)\?[^\s\"']+")


def without_query_strings(text):
    return QUERY_STRING.sub(r"\1", text)


class RequestIdFilter(logging.Filter):
    """Tags each record with the id of the request being handled, if any."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


class PrivateDataFilter(logging.Filter):
    """Cuts query strings out of every message before it is written.

    A query string can hold what a reader searched for or answered on the symptom form.
    Request bodies are never logged in the first place.
    """

    def filter(self, record):
        if isinstance(record.args, Mapping):
            # gunicorn's access log passes its fields as a mapping: drop the query
            # string field and clean the request line.
            record.args = {
                key: without_query_strings(value) if isinstance(value, str) else value
                for key, value in record.args.items()
                if key != "q"
            }
        else:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):
                # A malformed log call: the formatter reports it, as logging always does.
                return True
            record.msg = without_query_strings(message)
            record.args = ()
        return True


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON, easy for a log service to search."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            entry.update(self._access_fields(record.args))
        else:
            entry["message"] = record.getMessage()
            request_id = getattr(record, "request_id", None)
            if request_id:
                entry["request_id"] = request_id
            if hasattr(record, "status_code"):
                entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)

    @staticmethod
    def _access_fields(atoms):
        fields = {
            "message": f"{atoms.get('m')} {atoms.get('U')} {atoms.get('s')}",
            "remote_addr": atoms.get("h"),
            "method": atoms.get("m"),
            "path": atoms.get("U"),
            "status": int(atoms["s"]) if str(atoms.get("s", "")).isdigit() else atoms.get("s"),
            "bytes": atoms.get("B"),
            "duration_ms": atoms.get("M"),
        }
        request_id = atoms.get("{x-request-id}o")
        if request_id and request_id != "-":
            fields["request_id"] = request_id
        return fields
