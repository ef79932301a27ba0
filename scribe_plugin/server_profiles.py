"""Server profiles (where the store is, never a secret) in QgsSettings under scribe/servers/."""

from __future__ import annotations

from dataclasses import fields

from qgis.core import QgsSettings

from .core.auth import ServerProfile
from .settings import PREFIX, check_setting_key

GROUP = PREFIX + "servers/"


def _key(name: str, item: str) -> str:
    if "/" in name or not name.strip():
        raise ValueError("a server profile name cannot be empty or contain '/'")
    return check_setting_key(f"{GROUP}{name}/{item}")


def save(profile: ServerProfile, last_username: str = "") -> None:
    store = QgsSettings()
    for f in fields(ServerProfile):
        if f.name != "name":
            store.setValue(_key(profile.name, f.name), getattr(profile, f.name))
    store.setValue(_key(profile.name, "last_username"), last_username)


def names() -> list[str]:
    store = QgsSettings()
    store.beginGroup(GROUP.rstrip("/"))
    try:
        return sorted(store.childGroups())
    finally:
        store.endGroup()


def load(name: str) -> ServerProfile:
    store = QgsSettings()
    values = {}
    for f in fields(ServerProfile):
        if f.name == "name":
            continue
        raw = store.value(_key(name, f.name), f.default)
        values[f.name] = type(f.default)(raw) if raw is not None else f.default
    return ServerProfile(name=name, **values)


def last_username(name: str) -> str:
    return str(QgsSettings().value(_key(name, "last_username"), "") or "")


def delete(name: str) -> None:
    QgsSettings().remove(GROUP + name)
