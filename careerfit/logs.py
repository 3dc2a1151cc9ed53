"""Logging that helps an operator without leaking what careerfit keeps private.

Result and questionnaire links are credentials: whoever has one can open the result. They
are replaced in every log line, and each error is written on one line with the request id.
"""

from __future__ import annotations

import logging
import re
from typing import Any

# /results/<token>/ and /assess/<token>/..., as assessments/urls.py shapes them.
PRIVATE_LINK = re.compile(r"/(results|assess)/[A-Za-z0-9_-]{20,}")


def redact(text: str) -> str:
    return PRIVATE_LINK.sub(r"/\1/<token>", text)


class RedactPrivateLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        return True


class OneLineFormatter(logging.Formatter):
    """Puts a traceback on the same line as its message, so one error is one line."""

    def formatException(self, ei: Any) -> str:
        return redact(" | ".join(line.strip() for line in super().formatException(ei).splitlines()))

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", " | ")
