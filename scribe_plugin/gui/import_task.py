"""The import (or dry run) as a QgsTask: work in QGIS's task thread, results on the GUI side.

``run`` never raises and never touches widgets or layers: it opens its own connection (a
psycopg connection belongs to the thread that uses it), runs the engine, and keeps either the
report or the error message for ``finished``, which QGIS calls on the main thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qgis.core import QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from .. import log
from ..core.importers import engine, outcomes
from ..core.importers.coords import AreaFilter
from ..core.importers.errors import ImportFileError
from ..core.importers.profiles import Profile
from ..core.store_load import ImportCancelled


class ImportTask(QgsTask):
    done = pyqtSignal(object, str)  # (ImportReport or None, error message or "")

    def __init__(self, description: str, connect: Callable | None, path: Path,
                 profile: Profile | None, area: AreaFilter | None, dry_run: bool):
        """``profile`` None: a police.uk outcome file (outcomes of crimes in the store)."""
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.connect, self.path, self.profile = connect, Path(path), profile
        self.area, self.dry_run = area, dry_run
        self.report = None
        self.error = ""

    def _progress(self, fraction: float) -> bool:
        self.setProgress(100.0 * fraction)
        return not self.isCanceled()

    def run(self) -> bool:
        try:
            if self.connect is None:  # no store: validate the file only
                self.report = (outcomes.check_outcome_file(self.path, self._progress)
                               if self.profile is None else
                               engine.check_file(self.path, self.profile, self.area,
                                                 progress=self._progress))
            else:
                with self.connect() as conn:
                    if self.profile is None:
                        self.report = outcomes.run_outcome_import(
                            conn, self.path, dry_run=self.dry_run, progress=self._progress)
                    else:
                        self.report = engine.run_import(
                            conn, self.path, self.profile, self.area, dry_run=self.dry_run,
                            progress=self._progress)
                    conn.commit()
            return True
        except ImportCancelled:
            self.error = "cancelled"
        except ImportFileError as e:
            self.error = str(e)
        except Exception as e:  # the database's own message says what it refused
            self.error = f"{type(e).__name__}: {e}"
            log.critical(f"import of {self.path.name} failed: {self.error}")
        return False

    def finished(self, result: bool) -> None:
        self.done.emit(self.report if result else None, self.error)
