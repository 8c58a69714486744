"""The timeline: matching articles per day, month or year, as bars for an inline SVG.

The granularity follows the date span of the matches (over three years: years; over three
months: months; else days). Empty periods inside the span get a zero bar so that the
horizontal axis is time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from searchengine.results import FacetCount

YEARS_ABOVE_DAYS = 3 * 366
MONTHS_ABOVE_DAYS = 92
WIDTH, HEIGHT, TOP, LABEL_SPACE = 600, 80, 14, 18  # drawing units of the SVG viewBox
MAX_LABELS = 8
MAX_BAR_WIDTH = 60
MAX_COUNTS_SHOWN = 24  # above this many bars, counts are only in the hover titles


@dataclass(frozen=True)
class Bar:
    """One period: its label (``2025``, ``2025-02`` or ``2025-02-15``), count and geometry."""

    period: str
    count: int
    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class Timeline:
    granularity: str  # "year", "month" or "day"
    bars: list[Bar]
    total: int
    width: int = WIDTH
    height: int = TOP + HEIGHT + LABEL_SPACE
    baseline: int = TOP + HEIGHT

    @property
    def labelled(self) -> list[Bar]:
        """The bars whose period is written under the axis (evenly spaced, first included)."""
        step = -(-len(self.bars) // MAX_LABELS)
        return self.bars[::step]

    @property
    def show_counts(self) -> bool:
        return len(self.bars) <= MAX_COUNTS_SHOWN


def build_timeline(days: list[FacetCount]) -> Timeline | None:
    """Bars from the ``day`` facet of a search, or None when no match has a date."""
    counts = {fc.value: fc.count for fc in days if fc.count}
    if not counts:
        return None
    first, last = date.fromisoformat(min(counts)), date.fromisoformat(max(counts))
    span = (last - first).days
    if span > YEARS_ABOVE_DAYS:
        granularity, width = "year", 4
    elif span > MONTHS_ABOVE_DAYS:
        granularity, width = "month", 7
    else:
        granularity, width = "day", 10
    per_period: Counter = Counter()
    for day, count in counts.items():
        per_period[day[:width]] += count
    periods = _periods(first, last, granularity)
    return Timeline(granularity, _bars([(p, per_period.get(p, 0)) for p in periods]),
                    sum(counts.values()))


def _periods(first: date, last: date, granularity: str) -> list[str]:
    if granularity == "year":
        return [str(y) for y in range(first.year, last.year + 1)]
    if granularity == "month":
        months = []
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            months.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return months
    return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]


def _bars(counts: list[tuple[str, int]]) -> list[Bar]:
    top = max(c for _, c in counts) or 1
    slot = WIDTH / len(counts)
    width = min(slot - min(4.0, slot * 0.2), MAX_BAR_WIDTH)
    bars = []
    for i, (period, count) in enumerate(counts):
        height = max(2.0, HEIGHT * count / top) if count else 0.0
        bars.append(Bar(period, count, round(i * slot + (slot - width) / 2, 2),
                        round(TOP + HEIGHT - height, 2), round(width, 2), round(height, 2)))
    return bars
