"""Shared timing statistics for the benchmark scripts (median, p99, a printable line)."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timing:
    """Milliseconds over n runs."""

    n: int
    median: float
    p99: float
    minimum: float
    maximum: float

    def line(self, label: str) -> str:
        return (
            f"{label}: median {self.median:.3f} ms, p99 {self.p99:.3f} ms "
            f"(min {self.minimum:.3f}, max {self.maximum:.3f}, n={self.n})"
        )


def percentile(samples: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summarize(samples_ms: Sequence[float]) -> Timing:
    if not samples_ms:
        raise ValueError("no samples")
    return Timing(
        n=len(samples_ms),
        median=statistics.median(samples_ms),
        p99=percentile(samples_ms, 99),
        minimum=min(samples_ms),
        maximum=max(samples_ms),
    )


def time_calls(fn: Callable[[], object], runs: int) -> Timing:
    """Call fn `runs` times; the timing of each call in milliseconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return summarize(samples)
