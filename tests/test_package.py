"""The packaged zip: the plugin repository's upload rules, and it installs and loads in a fresh
QGIS profile through qgis.utils (in a separate process, so the repo's own copy is not used)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from .qgis_helpers import REPO


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    import package

    staged = package.stage(tmp_path_factory.mktemp("stage"))
    return package.build_zip(staged, tmp_path_factory.mktemp("dist")), staged


def test_zip_passes_plugin_repository_rules(plugin_zip):
    import package

    zip_path, staged = plugin_zip
    assert package.check_zip(zip_path) == []
    assert package.security_scans(staged) == []
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    assert all(n.startswith("scribe_plugin/") for n in names)
    assert "scribe_plugin/i18n/scribe_fr.qm" in names
    assert "scribe_plugin/requirements.txt" in names
    assert not any(n.endswith(".ts") or "/tests/" in n or n.endswith(".pyc") for n in names)


def test_check_zip_reports_what_the_repository_would_reject(tmp_path):
    import package

    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("scribe_plugin/__init__.py", "")
        archive.writestr("scribe_plugin/metadata.txt", "[general]\nname=SCRIBE\n")
        archive.writestr("other/readme.txt", "x")
        archive.writestr("scribe_plugin/__pycache__/a.pyc", "x")
    problems = " ".join(package.check_zip(bad))
    assert "one top folder" in problems and "LICENSE missing" in problems
    assert "lacks 'email'" in problems and "must not ship" in problems


LOAD_SNIPPET = r"""
import sys
from pathlib import Path
plugins_dir = sys.argv[1]
sys.path.insert(0, sys.argv[2])  # tests/ helpers only; the repo root is NOT on the path
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
from qgis_helpers import MinimalIface
iface = MinimalIface()
import qgis.utils
qgis.utils.iface = iface
qgis.utils.plugin_paths = [plugins_dir]
sys.path.insert(0, plugins_dir)  # as QGIS does for the profile's python/plugins at start-up
qgis.utils.updateAvailablePlugins()
assert "scribe_plugin" in qgis.utils.available_plugins, qgis.utils.available_plugins
assert qgis.utils.loadPlugin("scribe_plugin")
assert qgis.utils.startPlugin("scribe_plugin")
module = sys.modules["scribe_plugin"]
loaded_from = Path(module.__file__).resolve()
assert str(loaded_from).startswith(str(Path(plugins_dir).resolve())), loaded_from
registry = QgsApplication.processingRegistry()
assert registry.algorithmById("scribe:kde_hotspots") is not None
assert qgis.utils.unloadPlugin("scribe_plugin")
assert registry.providerById("scribe") is None
print("LOADED-AND-UNLOADED", module.__file__)
"""


def test_zip_installs_into_fresh_profile_and_loads(plugin_zip, tmp_path):
    zip_path, _ = plugin_zip
    plugins_dir = tmp_path / "profiles" / "default" / "python" / "plugins"
    plugins_dir.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(plugins_dir)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "xdg"),
               PYTHONPATH="")
    out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET, str(plugins_dir),
                          str(REPO / "tests")], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=180)
    assert "LOADED-AND-UNLOADED" in out.stdout, out.stderr[-3000:]
