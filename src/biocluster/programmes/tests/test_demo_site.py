"""The demo's stays on the site are fitted to the seeds' counts at the end of 2024."""

import random
from datetime import date

from biocluster.programmes.demo_site import COMPANIES, END, PLATFORMS, Stay, fit


def _stays(group: str, arrivals: list[date], **extra) -> dict[str, Stay]:
    return {f"{group}{n}": Stay(group, day, **extra) for n, day in enumerate(arrivals)}


def test_the_newest_arrivals_come_later_and_surplus_platforms_closed_before():
    stays = _stays(COMPANIES, [date(2000 + n, 1, 1) for n in range(10)])
    stays |= _stays(PLATFORMS, [date(2001 + n, 1, 1) for n in range(6)])
    stays["enrolled"] = Stay(COMPANIES, date(2024, 6, 1), fixed=True)  # stays where its record puts it

    counts = fit(stays, {COMPANIES: 8, PLATFORMS: 2}, random.Random(1))

    assert counts == {COMPANIES: 8, PLATFORMS: 2}
    assert stays["enrolled"].on_site(END)
    assert not stays[f"{COMPANIES}9"].on_site(END) and stays[f"{COMPANIES}9"].arrival.year == 2025
    assert stays[f"{COMPANIES}0"].on_site(END)
    closed = [stay for stay in stays.values() if stay.group == PLATFORMS and stay.left is not None]
    assert len(closed) == 2 and all(stay.arrival < stay.left <= END for stay in closed)


def test_a_count_already_at_its_target_is_left_alone():
    stays = _stays(COMPANIES, [date(2010, 1, 1), date(2011, 1, 1)])
    assert fit(stays, {COMPANIES: 2}, random.Random(1)) == {COMPANIES: 2}
    assert [stay.arrival for stay in stays.values()] == [date(2010, 1, 1), date(2011, 1, 1)]
