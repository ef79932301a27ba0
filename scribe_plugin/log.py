"""One logger for SCRIBE: QgsMessageLog (tag "SCRIBE") and, for users, the message bar.

Never pass secrets in here; ``redact`` strips the usual password shapes as a second line of
defence in case a connection string slips through.
"""

from __future__ import annotations

import re

from qgis.core import Qgis, QgsMessageLog

TAG = "SCRIBE"
_SECRET_PATTERNS = (
    re.compile(r"(password\s*=\s*)('[^']*'|\S+)", re.IGNORECASE),
    re.compile(r"(postgres(?:ql)?(?:\+\w+)?://[^:/@\s]+:)([^@\s]+)(@)", re.IGNORECASE),
)


def redact(message: str) -> str:
    """Replace anything that looks like a password with ``***``."""
    message = _SECRET_PATTERNS[0].sub(r"\1***", message)
    return _SECRET_PATTERNS[1].sub(r"\1***\3", message)


def log(message: str, level: Qgis.MessageLevel = Qgis.MessageLevel.Info) -> None:
    QgsMessageLog.logMessage(redact(message), TAG, level)


def warning(message: str) -> None:
    log(message, Qgis.MessageLevel.Warning)


def critical(message: str) -> None:
    log(message, Qgis.MessageLevel.Critical)


def notify(iface, message: str, level: Qgis.MessageLevel = Qgis.MessageLevel.Info,
           duration: int = 8) -> None:
    """Show a message in the QGIS message bar (when there is one) and log it."""
    log(message, level)
    if iface is not None and hasattr(iface, "messageBar"):
        iface.messageBar().pushMessage(TAG, redact(message), level, duration)
