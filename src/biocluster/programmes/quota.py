"""The coaching, training and mentoring quota, counted in hours. Pure: imports no Django.

Programmes state their quota in days (20 for the Booster); sessions are logged in hours.
One day of support is HOURS_PER_DAY hours, the one conversion used everywhere.
"""

from decimal import Decimal

HOURS_PER_DAY = Decimal(7)


def days_to_hours(days: Decimal | int | None) -> Decimal | None:
    return None if days is None else (Decimal(days) * HOURS_PER_DAY).quantize(Decimal("0.01"))


def hours_to_days(hours: Decimal | int | None) -> Decimal | None:
    return None if hours is None else (Decimal(hours) / HOURS_PER_DAY).quantize(Decimal("0.01"))


def left(quota_hours: Decimal | None, used_hours: Decimal) -> Decimal | None:
    """Hours left (negative once a staff decision let the ledger go over); None: no quota."""
    if quota_hours is None:
        return None
    return quota_hours - used_hours


def would_exceed(quota_hours: Decimal | None, used_hours: Decimal, more_hours: Decimal) -> bool:
    return quota_hours is not None and used_hours + more_hours > quota_hours
