"""Fail on Qt5-only idioms, so SCRIBE keeps running on QGIS 4 (Qt6).

    scripts/check_qt6.py [paths...]   (default: scribe_plugin/)

Flags: PyQt5/PyQt6 imported directly (use qgis.PyQt), compiled resource modules (Qt6 has no
pyrcc), exec_(), unscoped Qt enums (Qt.AlignLeft instead of Qt.AlignmentFlag.AlignLeft),
QVariant type constants outside the compat module, and APIs removed in Qt6.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMPAT_FILES = {"compat.py"}  # the one place allowed to name version-specific types

# Qt namespace members that are enum *types* (Qt.AlignmentFlag.X is fine) or functions.
_QT_ENUM_TYPES = {
    "AlignmentFlag", "ItemDataRole", "CheckState", "ItemFlag", "Orientation", "WindowType",
    "DockWidgetArea", "ToolBarArea", "CursorShape", "Key", "KeyboardModifier", "MouseButton",
    "GlobalColor", "PenStyle", "BrushStyle", "SortOrder", "MatchFlag", "ConnectionType",
    "FocusPolicy", "TextFormat", "WindowModality", "ScrollBarPolicy", "ContextMenuPolicy",
    "AspectRatioMode", "TransformationMode", "CaseSensitivity", "TextInteractionFlag",
    "ToolButtonStyle", "LayoutDirection", "DateFormat", "TimeSpec", "WidgetAttribute",
    "ApplicationAttribute", "PenCapStyle", "PenJoinStyle", "FillRule", "Corner", "Edge",
}
RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^\s*(from|import)\s+PyQt[56]\b"), "import Qt through qgis.PyQt"),
    (re.compile(r"^\s*(from|import)\s+sip\b"), "import sip through qgis.PyQt (from qgis.PyQt "
                                               "import sip)"),
    (re.compile(r"\b\w*resources_rc\b|_rc\s+import|import\s+\w+_rc\b"),
     "no compiled resource modules (Qt6 has no pyrcc): load icons by file path"),
    (re.compile(r"\.exec_\("), "exec_() is gone in Qt6: use exec()"),
    (re.compile(r"\bQVariant\.(Int|Double|String|DateTime|Date|LongLong|Bool|Invalid|Map|List)"
                r"\b"), "QVariant type constants: use scribe_plugin.compat.make_field"),
    (re.compile(r"\bQRegExp\b"), "QRegExp is gone in Qt6: use QRegularExpression"),
    (re.compile(r"\bQDesktopWidget\b"), "QDesktopWidget is gone in Qt6: use QScreen"),
    (re.compile(r"\bQtWidgets\.QAction\b"), "QAction moved to QtGui in Qt6: import it by name "
                                            "from qgis.PyQt.QtWidgets (QGIS's shim maps it)"),
    (re.compile(r"\.setMargin\("), "setMargin() is gone in Qt6: use setContentsMargins()"),
    (re.compile(r"\bQt\.(?!(" + "|".join(sorted(_QT_ENUM_TYPES)) + r")\b)([A-Z]\w*)\b(?!\s*\()"),
     "unscoped Qt enum: write Qt.<EnumType>.<Value>"),
    # QMessageBox.Yes, QSizePolicy.Expanding, ...: a Qt class (not Qgs*) followed by a
    # capitalised member that is neither called nor scoped further.
    (re.compile(r"\bQ(?!gs)[A-Z]\w*\.(?!(" + "|".join(sorted(_QT_ENUM_TYPES)) + r")\b)"
                r"[A-Z][a-z]\w*\b(?!\s*[.(])"),
     "unscoped Qt enum: write Class.<EnumType>.<Value>"),
]


def check_text(text: str, name: str = "<text>") -> list[str]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        code = line.split("#", 1)[0]
        for pattern, message in RULES:
            if pattern.search(code):
                if Path(name).name in COMPAT_FILES and ("QVariant" in message
                                                         or "unscoped" in message):
                    continue
                problems.append(f"{name}:{number}: {message}: {line.strip()}")
    return problems


def check_paths(paths: list[Path]) -> list[str]:
    problems = []
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in files:
            if "__pycache__" in path.parts:
                continue
            problems += check_text(path.read_text(encoding="utf-8"), str(path))
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or [REPO / "scribe_plugin"]
    problems = check_paths(paths)
    for p in problems:
        print(p)
    print(f"[qt6] {len(problems)} Qt5-only idioms found")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
