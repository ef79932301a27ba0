"""Typed SCRIBE settings under ``scribe/`` in QgsSettings. Never a password."""

from __future__ import annotations

from dataclasses import dataclass, fields

from qgis.core import QgsSettings

PREFIX = "scribe/"
_FORBIDDEN_WORDS = ("password", "passwd", "secret", "token")


@dataclass
class ScribeSettings:
    last_server_profile: str = ""
    default_cell_size_m: float = 0.0  # 0 = derive from the data's extent
    default_bandwidth_m: float = 0.0  # 0 = derive from the data (documented rule)
    last_import_folder: str = ""

    @classmethod
    def load(cls) -> ScribeSettings:
        store = QgsSettings()
        values = {}
        for f in fields(cls):
            default = f.default
            raw = store.value(PREFIX + f.name, default)
            values[f.name] = type(default)(raw) if raw is not None else default
        return cls(**values)

    def save(self) -> None:
        store = QgsSettings()
        for f in fields(self):
            store.setValue(PREFIX + f.name, getattr(self, f.name))


def check_setting_key(key: str) -> str:
    """Refuse keys that would put a secret into QgsSettings (plain text on disk)."""
    if any(word in key.lower() for word in _FORBIDDEN_WORDS):
        raise ValueError(f"SCRIBE never stores secrets in QGIS settings (key {key!r})")
    return key
