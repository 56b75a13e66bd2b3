"""Logging: one JSON object per line, with API keys scrubbed from whatever is logged."""

import logging
import re
from datetime import UTC, datetime

import orjson

_SECRET = re.compile(r"sk_live_[0-9a-fA-F]{8,}|(?i:bearer)\s+\S+")
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def redact(text: str) -> str:
    """Replace anything shaped like a raw key or a bearer credential."""
    return _SECRET.sub("[redacted]", text)


class RedactSecretsFilter(logging.Filter):
    """Scrubs keys from the message and the traceback before any handler sees them."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(logging.Formatter):
    """`{"time", "level", "logger", "pid", "message", ...extra fields, "traceback"}`, one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "pid": record.process,  # which worker, among several per host
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_") and key != "request":
                entry[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["traceback"] = redact(record.exc_text)
        return orjson.dumps(entry, default=str).decode()
