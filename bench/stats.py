"""Small, pure helpers: summaries of repeated samples and ratios between them."""

from __future__ import annotations

import statistics
import time
from typing import Callable, Iterable


def summarize(samples: Iterable[float | None], digits: int = 3) -> dict:
    """Median, min and max of the samples that are numbers (None marks a failed run)."""
    samples = list(samples)
    values = [float(v) for v in samples if v is not None]
    out = {"median": None, "min": None, "max": None, "n": len(values)}
    if len(values) < len(samples):
        out["failed"] = len(samples) - len(values)
    if not values:
        return out
    return out | {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
    }


def ratio(numerator: float | dict | None, denominator: float | dict | None, digits: int = 3) -> float | None:
    """numerator / denominator, taking the median of a summary; None when either is missing or zero."""
    if isinstance(numerator, dict):
        numerator = numerator.get("median")
    if isinstance(denominator, dict):
        denominator = denominator.get("median")
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, digits)


def paired_ratios(pairs: Iterable[tuple[float | None, float | None]], digits: int = 3) -> dict:
    """Summary of a/b for each pair measured side by side (both present and b non-zero)."""
    return summarize([a / b for a, b in pairs if a is not None and b], digits)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of one call, on the monotonic high-resolution clock."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result
