"""The numbers of a SARA problem profile for one area, period and set of categories:
Scanning (what and how much, and is it rising) and Analysis (where it repeats, when in the
week). Pure numpy; the Processing algorithm lays them out as a PDF."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from .analysis import temporal
from .analysis.repeats import Places, rank_places
from .analysis.trends import mann_kendall


@dataclass
class ProfileData:
    total: int
    by_category: list[tuple[str, int]]     # most first
    months: list[str]
    monthly: np.ndarray
    trend: str                              # a sentence for the reader
    trend_p: float
    week: np.ndarray                        # 7 x 24 (Monday first)
    places: Places | None
    top: int
    repeat_victims: list[tuple[str, int]] | None = None  # (victim, incidents), most first

    def add_repeat_victims(self, victims: list[str]) -> None:
        """Victims (or properties, vehicles...) with more than one incident, from a field
        that identifies them; blanks are not a victim."""
        counts = Counter(v for v in victims if v)
        self.repeat_victims = sorted(((v, n) for v, n in counts.items() if n > 1),
                                     key=lambda vn: (-vn[1], vn[0]))

    @property
    def empty(self) -> bool:
        return self.total == 0


def month_key(ms: int) -> int:
    return int(temporal.period_keys(np.array([ms], dtype=np.int64), "month")[0])


def build_profile(x: np.ndarray, y: np.ndarray, start_ms: np.ndarray, end_ms: np.ndarray,
                  categories: list[str], first_ms: int, last_ms: int, top: int = 10
                  ) -> ProfileData:
    """``first_ms``/``last_ms`` bound the period (last excluded); every month in it is
    counted, zeros included, so a quiet month shows as a quiet month."""
    n = len(x)
    first, last = month_key(first_ms), month_key(last_ms - 1)
    keys = np.arange(first, last + 1)
    months = temporal.period_labels(keys, "month")
    if n == 0:
        return ProfileData(0, [], months, np.zeros(len(keys), dtype=np.int64),
                           "No incidents matched: nothing to profile.", float("nan"),
                           np.zeros((7, 24)), None, top)
    counts = temporal.count_by_period(np.asarray(start_ms), "month", first_key=first,
                                      last_key=last).counts[0]
    by_category = sorted(Counter(categories).items(), key=lambda kv: (-kv[1], kv[0]))
    if len(keys) >= 3:
        result = mann_kendall(counts[None, :].astype(float), with_slope=True)
        p = float(result.p[0])
        slope = float(result.slope[0])
        direction = {1: "rising", -1: "falling", 0: "no significant trend"}[int(result.trend[0])]
        trend = (f"Mann-Kendall over {len(keys)} months: {direction} (p = {p:.3f}; Sen's "
                 f"slope {slope:+.2f} incidents a month).")
    else:
        p = float("nan")
        trend = "Fewer than 3 months: no trend test."
    week = temporal.week_profile(np.asarray(start_ms), np.asarray(end_ms), 168.0).matrix
    return ProfileData(n, by_category, months, counts, trend, p, week, rank_places(x, y), top)
