"""Which optional Python packages are missing, and how a QGIS user installs them.

QGIS installs plugins into a Python that may lack geopandas and friends. SCRIBE must still load,
say clearly what is missing, and keep the features that need only PyQGIS and numpy working.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

REQUIREMENTS_FILE = Path(__file__).with_name("requirements.txt")

# import name -> what it powers (shown to users)
_FEATURES = {
    "scipy": "kernel density hotspots and statistics",
    "geopandas": "partner file import",
    "shapely": "partner file import",
    "pyproj": "coordinate checks during import",
    "sqlalchemy": "the SCRIBE PostGIS store",
    "psycopg": "the SCRIBE PostGIS store",
    "keyring": "remembering passwords in the OS keyring",
}


@dataclass(frozen=True)
class MissingPackage:
    module: str
    feature: str


def missing_packages() -> list[MissingPackage]:
    """Packages from requirements.txt that cannot be imported in this Python."""
    return [MissingPackage(m, f) for m, f in _FEATURES.items()
            if importlib.util.find_spec(m) is None]


def requirement_lines() -> list[str]:
    lines = REQUIREMENTS_FILE.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def install_hint() -> str:
    """A one-paragraph fix for users, whatever their platform."""
    reqs = " ".join(f'"{r}"' for r in requirement_lines())
    return (
        "Install the 'QPIP' plugin (Plugins > Manage and Install Plugins), which offers to install "
        "SCRIBE's requirements for you; or install them into QGIS's Python yourself: on Windows "
        "from the OSGeo4W Shell, on macOS/Linux from a terminal using the python that runs QGIS: "
        f"python -m pip install {reqs}"
    )


def geos_mismatch() -> str | None:
    """None, or why shapely may crash QGIS: a shapely wheel from PyPI carries its own GEOS,
    and inside QGIS (whose GEOS is already loaded) the two clash when their versions differ
    (a segmentation fault on the first spatial predicate, seen with qgis_process 3.22)."""
    if importlib.util.find_spec("shapely") is None:
        return None
    import shapely
    from qgis.core import Qgis

    qgis_geos = Qgis.geosVersion().split("-")[0]
    shapely_geos = ".".join(str(v) for v in shapely.geos_version)
    if qgis_geos == shapely_geos:
        return None
    return (f"shapely is built with GEOS {shapely_geos} but QGIS uses GEOS {qgis_geos}; "
            "spatial operations may crash QGIS. Rebuild shapely against QGIS's GEOS: "
            "python -m pip install --force-reinstall --no-binary shapely shapely (on Linux "
            "this needs the GEOS development package, e.g. apt install libgeos-dev). "
            "Windows (OSGeo4W) and macOS QGIS builds that ship shapely are already matched.")
