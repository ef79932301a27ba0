"""Charts for SCRIBE outputs (PNG or SVG by the file's extension), drawn with matplotlib's
object API and Agg canvas: no pyplot, so QGIS's own matplotlib state is never touched."""

from __future__ import annotations

from pathlib import Path

import numpy as np

ATTRIBUTION = ("Contains public sector information licensed under the Open Government "
               "Licence v3.0")


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=150)
    FigureCanvasAgg(figure)
    return figure


def _save(figure, path: str, note: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"charts are written as .png or .svg, not {suffix or 'no extension'}")
    if note:
        figure.text(0.01, 0.005, note, fontsize=6, color="#555555", ha="left", va="bottom")
    figure.savefig(path, format=suffix[1:], bbox_inches="tight")
    return path


def period_chart(path: str, labels: list[str], series: dict[str, np.ndarray],
                 moving: dict[str, np.ndarray], title: str, window: int,
                 note: str = ATTRIBUTION) -> str:
    """Counts per period as lines (one per series) with their moving averages dashed."""
    figure = _figure(9, 4.5)
    axes = figure.add_subplot(1, 1, 1)
    positions = np.arange(len(labels))
    for name, values in series.items():
        (line,) = axes.plot(positions, values, marker="o", markersize=2.5, linewidth=1.2,
                            label=name)
        if name in moving and np.isfinite(moving[name]).any():
            axes.plot(positions, moving[name], linestyle="--", linewidth=1.6,
                      color=line.get_color(), label=f"{name} ({window}-period average)")
    step = max(1, len(labels) // 16)
    axes.set_xticks(positions[::step])
    axes.set_xticklabels(labels[::step], rotation=45, ha="right", fontsize=7)
    axes.set_ylabel("Incidents")
    axes.set_title(title)
    axes.grid(alpha=0.3)
    axes.set_ylim(bottom=0)
    axes.legend(fontsize=7, ncol=2)
    return _save(figure, path, note)


def week_heatmap(path: str, matrix: np.ndarray, weekdays, title: str,
                 note: str = ATTRIBUTION) -> str:
    """A 7 x 24 heat grid (weekday rows, hour columns) with each cell's value printed."""
    figure = _figure(10, 3.8)
    axes = figure.add_subplot(1, 1, 1)
    image = axes.imshow(matrix, cmap="YlOrRd", aspect="auto")
    axes.set_yticks(range(7))
    axes.set_yticklabels(list(weekdays))
    axes.set_xticks(range(24))
    axes.set_xticklabels([f"{h:02d}" for h in range(24)], fontsize=7)
    axes.set_xlabel("Hour of day")
    axes.set_title(title)
    top = float(matrix.max()) if matrix.size else 0.0
    for row in range(matrix.shape[0]):
        for col in range(matrix.shape[1]):
            value = matrix[row, col]
            axes.text(col, row, f"{value:.0f}" if top >= 10 else f"{value:.1f}",
                      ha="center", va="center", fontsize=5.5,
                      color="white" if top and value > 0.6 * top else "black")
    figure.colorbar(image, ax=axes, fraction=0.025, pad=0.01, label="Incidents")
    return _save(figure, path, note)


def knox_heatmap(path: str, ratio: np.ndarray, p_value: np.ndarray, distance_labels,
                 time_labels, title: str, alpha: float = 0.05,
                 note: str = ATTRIBUTION) -> str:
    """Knox ratios as a heat grid (distance bands down, time bands across): diverging around
    1 (more pairs than chance in red), each cell printed, significant ones marked with *."""
    from matplotlib.colors import TwoSlopeNorm

    rows, cols = ratio.shape
    figure = _figure(max(6.0, 1.0 + 0.75 * cols), max(3.0, 0.9 + 0.35 * rows))
    axes = figure.add_subplot(1, 1, 1)
    finite = ratio[np.isfinite(ratio)]
    top = max(float(finite.max()) if finite.size else 2.0, 1.05)
    low = min(float(finite.min()) if finite.size else 0.5, 0.95)
    norm = TwoSlopeNorm(vcenter=1.0, vmin=low, vmax=top)
    image = axes.imshow(np.where(np.isfinite(ratio), ratio, 1.0), cmap="RdBu_r", norm=norm,
                        aspect="auto")
    axes.set_yticks(range(rows))
    axes.set_yticklabels(list(distance_labels), fontsize=7)
    axes.set_xticks(range(cols))
    axes.set_xticklabels(list(time_labels), rotation=45, ha="right", fontsize=7)
    axes.set_ylabel("Distance apart")
    axes.set_xlabel("Time apart")
    axes.set_title(title)
    for row in range(rows):
        for col in range(cols):
            value = ratio[row, col]
            text = "–" if not np.isfinite(value) else f"{value:.2f}" + (
                "*" if p_value[row, col] <= alpha else "")
            shade = float(norm(value)) if np.isfinite(value) else 0.5
            axes.text(col, row, text, ha="center", va="center", fontsize=6,
                      color="white" if shade < 0.2 or shade > 0.8 else "black")
    figure.colorbar(image, ax=axes, fraction=0.03, pad=0.01,
                    label=f"Knox ratio (* p <= {alpha:g})")
    figure.subplots_adjust(bottom=0.3)  # room for the slanted labels above the note
    return _save(figure, path, note)


def before_after_chart(path: str, areas: list[str], counts: list[tuple[int, int]], title: str,
                       subtitle: str = "", note: str = ATTRIBUTION) -> str:
    """Grouped bars: incidents before and after, per area."""
    figure = _figure(6.5, 3.8)
    axes = figure.add_subplot(1, 1, 1)
    positions = np.arange(len(areas))
    before = [c[0] for c in counts]
    after = [c[1] for c in counts]
    bars0 = axes.bar(positions - 0.2, before, 0.4, label="Before", color="#9e9e9e")
    bars1 = axes.bar(positions + 0.2, after, 0.4, label="After", color="#b2182b")
    for bars in (bars0, bars1):
        for bar in bars:
            axes.text(bar.get_x() + bar.get_width() / 2, bar.get_height(),
                      f"{bar.get_height():.0f}", ha="center", va="bottom", fontsize=7)
    axes.set_xticks(positions)
    axes.set_xticklabels(areas)
    axes.set_ylabel("Incidents")
    axes.set_title(title + (f"\n{subtitle}" if subtitle else ""), fontsize=9)
    axes.legend(fontsize=7)
    axes.grid(axis="y", alpha=0.3)
    return _save(figure, path, note)
