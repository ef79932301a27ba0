"""Remembered passwords, in the operating system's keyring only (Windows Credential Manager,
macOS Keychain, the Secret Service on Linux) through ``keyring``.

Never a plain-text or merely obfuscated file: a backend from ``keyrings.alt`` or keyring's
"fail" backend (what a headless Linux has) makes ``remember`` raise ``KeyringUnavailable``,
whose message the dialog shows; the password then lives in memory for the session only.
"""

from __future__ import annotations

import keyring
import keyring.errors

SERVICE = "SCRIBE"
_UNSAFE_MODULES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


class KeyringUnavailable(Exception):
    pass


def backend_problem() -> str | None:
    """Why passwords cannot be remembered here, or None if the OS keyring works."""
    backend = keyring.get_keyring()
    backends = getattr(backend, "backends", [backend])  # a chainer holds several
    usable = [b for b in backends if not type(b).__module__.startswith(_UNSAFE_MODULES)]
    if not usable:
        return ("No secure keyring is available (on Linux: the Secret Service, e.g. GNOME "
                "Keyring or KWallet, must be running and unlocked). SCRIBE keeps your "
                "password in memory for this session only.")
    return None


def _key(profile_name: str, username: str) -> str:
    return f"{profile_name}/{username}"


def remember(profile_name: str, username: str, password: str) -> None:
    problem = backend_problem()
    if problem:
        raise KeyringUnavailable(problem)
    try:
        keyring.set_password(SERVICE, _key(profile_name, username), password)
    except keyring.errors.KeyringError as error:
        kind = type(error).__name__
        raise KeyringUnavailable(f"The keyring refused to store the password ({kind}). "
                                 "SCRIBE keeps it in memory for this session only.") from None


def recall(profile_name: str, username: str) -> str | None:
    if backend_problem():
        return None
    try:
        return keyring.get_password(SERVICE, _key(profile_name, username))
    except keyring.errors.KeyringError:
        return None


def forget(profile_name: str, username: str) -> None:
    if backend_problem():
        return
    try:
        keyring.delete_password(SERVICE, _key(profile_name, username))
    except keyring.errors.KeyringError:  # PasswordDeleteError too: nothing was remembered
        pass


def secret(name: str) -> str | None:
    """A SCRIBE-generated secret (e.g. the QGIS authentication master password)."""
    return recall("_scribe", name)


def keep_secret(name: str, value: str) -> None:
    remember("_scribe", name, value)
