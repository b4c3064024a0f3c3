"""Medians and spread of repeated measurements, and their formatting."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """The median, minimum and maximum of a few runs."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: Iterable[float]) -> Summary:
        """Summarise *values* (at least one)."""
        data = sorted(values)
        if not data:
            raise ValueError("no measurements to summarise")
        return cls(statistics.median(data), data[0], data[-1], len(data))

    def scaled(self, factor: float) -> Summary:
        """The same summary with every figure multiplied by *factor*."""
        return Summary(self.median * factor, self.low * factor, self.high * factor, self.runs)

    def show(self, digits: int = 2, unit: str = "") -> str:
        """``median (min-max)``, or the median alone for a single run."""
        median = f"{self.median:.{digits}f}{unit}"
        if self.runs == 1:
            return median
        return f"{median} ({self.low:.{digits}f}\u2013{self.high:.{digits}f})"


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, or NaN when the denominator is zero."""
    return numerator / denominator if denominator else float("nan")


def mebibytes(size: float) -> float:
    """Bytes to MiB."""
    return size / 2**20


def kibibytes(size: float) -> float:
    """Bytes to KiB."""
    return size / 2**10
