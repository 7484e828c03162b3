"""A declared figure that jumps against last year's: pure arithmetic, no Django.

A warning, never a refusal: sales do double. Staff and the company see it beside the answer.
"""

from decimal import Decimal

FACTOR = Decimal(2)  # twice or more last year's, or half or less


def jump(current, previous, factor: Decimal = FACTOR) -> Decimal | None:
    """`current` over `previous` when it is `factor` times or more, or 1/`factor` or less; None
    otherwise, or when either is missing or zero (a first sale is not a jump)."""
    if current is None or previous is None:
        return None
    current, previous = Decimal(current), Decimal(previous)
    if current <= 0 or previous <= 0:
        return None
    ratio = current / previous
    return ratio if ratio >= factor or ratio <= 1 / factor else None
