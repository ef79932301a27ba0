"""Errors an import can end with: each says what was wrong, where, and what to do."""

from __future__ import annotations


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (nothing was written)."""

    def __init__(self, file_name: str, problem: str, action: str = "",
                 row: int | None = None, column: str | None = None):
        self.file_name = file_name
        self.problem = problem
        self.action = action
        self.row = row
        self.column = column
        where = file_name
        if row is not None:
            where += f", row {row}"
        if column:
            where += f", column {column!r}"
        super().__init__(f"{where}: {problem}" + (f" {action}" if action else ""))


class NothingToImport(ImportFileError):
    """Every row was rejected: nothing was imported (the reasons are in the report)."""
