"""SCRIBE QGIS plugin entry point.

QGIS calls ``classFactory`` once at load time; the plugin class is imported lazily so that
merely scanning the plugin folder costs nothing and does no database work.
"""


def classFactory(iface):  # noqa: N802 (name fixed by QGIS)
    from .plugin import ScribePlugin

    return ScribePlugin(iface)
