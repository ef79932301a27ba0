"""Translation helpers: ``tr()`` for module-level strings and the plugin's QTranslator."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "SCRIBE"
I18N_DIR = Path(__file__).with_name("i18n")


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def user_locale() -> str:
    override = QgsSettings().value("locale/overrideFlag", False, type=bool)
    name = QgsSettings().value("locale/userLocale", "") if override else QLocale().name()
    return (name or "en")[:2]


def install_translator(parent) -> QTranslator | None:
    """Load ``i18n/scribe_<lang>.qm`` (compiled at packaging) if it exists."""
    qm = I18N_DIR / f"scribe_{user_locale()}.qm"
    if not qm.exists():
        return None
    translator = QTranslator(parent)
    if translator.load(str(qm)):
        QCoreApplication.installTranslator(translator)
        return translator
    return None
