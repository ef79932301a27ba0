"""Read the plugin's metadata.txt, the single source of its version."""

from __future__ import annotations

import configparser
from functools import lru_cache
from pathlib import Path


def metadata_path() -> Path:
    """metadata.txt sits inside the packaged plugin, and at the repo root during development."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "metadata.txt", here.parent / "metadata.txt"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError("metadata.txt not found beside or above the SCRIBE plugin")


@lru_cache(maxsize=1)
def read_metadata() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep QGIS's camelCase keys (qgisMinimumVersion)
    parser.read(metadata_path(), encoding="utf-8")
    return dict(parser["general"])


def plugin_version() -> str:
    return read_metadata()["version"]
