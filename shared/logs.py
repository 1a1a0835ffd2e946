"""Log lines: one JSON object per line (or plain text), each naming its service and trace.

`log_config` is a logging dictConfig for uvicorn, so that every worker process formats its
lines the same way. Extra fields given as `log.info("...", extra={...})` become keys.
"""

import json
import logging
import logging.config
from datetime import UTC, datetime
from typing import Any

from shared import tracing

# What every LogRecord has; anything else on a record came from `extra=` and is logged.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}
# uvicorn adds a copy of each message with terminal colours.
_STANDARD.add("color_message")


def record_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The `extra=` fields of a record."""
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD}


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str = "convegni") -> None:
        super().__init__()
        self._service = service

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": self._service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        context = tracing.current()
        if context is not None:
            line["trace_id"], line["span_id"] = context.trace_id, context.span_id
        line.update(record_fields(record))
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self, service: str = "convegni") -> None:
        super().__init__("%(asctime)s " + service + " %(name)s %(levelname)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        extras = " ".join(f"{k}={v}" for k, v in record_fields(record).items())
        context = tracing.current()
        trace = f" trace={context.trace_id}" if context else ""
        return f"{text}{' ' + extras if extras else ''}{trace}"


def log_config(*, service: str, format: str, level: str) -> dict[str, Any]:
    """Root and uvicorn loggers to stdout in `format` ("json" or "text")."""
    formatter = JsonFormatter if format == "json" else TextFormatter
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"line": {"()": f"{__name__}.{formatter.__name__}", "service": service}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "line",
                "stream": "ext://sys.stdout",
            }
        },
        "root": {"level": level, "handlers": ["stdout"]},
        "loggers": {
            # uvicorn's own handlers would print a second, unformatted copy of each line.
            "uvicorn": {"level": level, "handlers": [], "propagate": True},
            "uvicorn.error": {"level": level, "handlers": [], "propagate": True},
            "uvicorn.access": {"level": "WARNING", "handlers": [], "propagate": True},
            "alembic.runtime.plugins": {"level": "WARNING"},
        },
    }


def configure_logging(*, service: str, format: str, level: str) -> None:
    """The same configuration in this process (for tools that run without uvicorn)."""
    logging.config.dictConfig(log_config(service=service, format=format, level=level))
