"""Clinic outcomes: responder rates by group, each with a Wilson score confidence interval.

A *responder* is a trial whose IMMPACT response (``nervepath.outcomes.response``) is moderate or
substantial; a trial whose verdict is ``too_early`` or ``insufficient_data`` is not counted at all
(it is neither a success nor a failure yet). Rates are grouped by any key the caller chooses
(drug class, etiology, or both).

Wilson score interval (Wilson 1927; recommended by Newcombe 1998 over the simple Wald interval,
which fails near 0 and 1 and for small n). For x responders out of n trials, p = x / n, z the
standard normal quantile (1.959964 for 95 %)::

    centre    = (p + z^2 / (2n)) / (1 + z^2 / n)
    half      = z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / (4 n^2))
    interval  = [centre - half, centre + half]

Example (Newcombe 1998, Table I, example a): 81 of 263 gives p = 0.3080 and the 95 % interval
0.2553 to 0.3662. With 0 of 20 the interval is 0 to 0.1611 - never below zero, unlike Wald.
Sources: wilson_1927_interval, newcombe_1998_intervals.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from statistics import NormalDist
from typing import TypeVar

from nervepath.errors import InvalidInput
from nervepath.outcomes.response import Response

K = TypeVar("K", bound=Hashable)

RESPONDED = frozenset({Response.moderate, Response.substantial})
JUDGED = RESPONDED | {Response.none}


@dataclass(frozen=True, slots=True)
class Proportion:
    """``successes`` of ``total`` with its two-sided confidence interval (``low``..``high``)."""

    successes: int
    total: int
    rate: float
    low: float
    high: float
    confidence: float


def wilson_interval(successes: int, total: int, confidence: float = 0.95) -> Proportion:
    """The Wilson score interval for a binomial proportion.

    Takes: successes x (0 <= x <= n), trials n (>= 1), two-sided confidence level (0 < c < 1).
    Returns: a Proportion with rate x / n and the interval, clipped to [0, 1] and around p against rounding.
    Raises: InvalidInput naming ``successes``, ``total`` or ``confidence``.
    Sources: wilson_1927_interval, newcombe_1998_intervals (formula in the module docstring).
    """
    _check(successes, total, confidence)
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    # Analytically p lies inside and the bounds inside [0, 1]; the clips only undo rounding at x = 0 or n.
    low, high = min(p, max(0.0, centre - half)), max(p, min(1.0, centre + half))
    return Proportion(successes, total, p, low, high, confidence)


def _check(successes: int, total: int, confidence: float) -> None:
    if total < 1:
        raise InvalidInput("total", total, "at least one trial")
    if not 0 <= successes <= total:
        raise InvalidInput("successes", successes, f"a whole number from 0 to {total}")
    if not 0 < confidence < 1:
        raise InvalidInput("confidence", confidence, "a level between 0 and 1, e.g. 0.95")


def responder_rates(outcomes: Iterable[tuple[K, Response]], confidence: float = 0.95) -> dict[K, Proportion]:
    """Responder rate per group, from (group key, trial response) pairs.

    Takes: pairs of any hashable group key and a trial's Response; the confidence level.
    Returns: group key -> Proportion (responders / judged trials); a group with no judged trial
    (all too early or without data) is left out. Sources: dworkin_2008_immpact_instruments
    (what counts as a response), wilson_1927_interval (the interval).
    """
    counts: dict[K, list[int]] = defaultdict(lambda: [0, 0])
    for key, response in outcomes:
        if response in JUDGED:
            counts[key][0] += response in RESPONDED
            counts[key][1] += 1
    return {key: wilson_interval(x, n, confidence) for key, (x, n) in counts.items()}
