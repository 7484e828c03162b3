"""Invalid instances: a clear error naming the item, exit code 2 from the CLI."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from biocluster.scheduling import InstanceError, parse_instance
from biocluster.scheduling.cli import main


def base() -> dict[str, Any]:
    return {
        "slots": [
            {"id": "s1", "start": "2026-06-22T09:00:00+02:00", "end": "2026-06-22T09:30:00+02:00"},
            {"id": "s2", "start": "2026-06-22T09:30:00+02:00", "end": "2026-06-22T10:00:00+02:00"},
        ],
        "locations": [{"id": "t1"}, {"id": "t2", "capacity": 1}],
        "participants": [{"id": "p1"}, {"id": "p2", "unavailable": ["s2"]}, {"id": "p3"}],
        "meetings": [
            {"id": "m1", "participants": ["p1", "p2"], "priority": 2},
            {"id": "m2", "participants": ["p1", "p3"]},
            {"id": "m3", "participants": ["p2", "p3"], "priority": 3},
            {"id": "m4", "participants": ["p1", "p3"]},
        ],
    }


def broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(base())
    change(data)
    return data


CASES = [
    (
        lambda d: d["meetings"][3]["participants"].__setitem__(1, "p99"),
        'meetings[3] (id "m4"): participant "p99" is not in participants',
    ),
    (lambda d: d["participants"].append({"id": "p1"}), 'participants[3] (id "p1"): duplicate id'),
    (lambda d: d["meetings"][0].__setitem__("participants", ["p1"]), 'meetings[0] (id "m1")'),
    (
        lambda d: d["meetings"][1].__setitem__("participants", ["p1", "p1"]),
        'meetings[1] (id "m2"): participant "p1" is listed twice',
    ),
    (
        lambda d: d["meetings"][2].__setitem__("priority", 4),
        'meetings[2] (id "m3"): "priority" must be 1, 2 or 3',
    ),
    (
        lambda d: d["slots"][1].__setitem__("end", "2026-06-22T09:30:00+02:00"),
        'slots[1] (id "s2"): end must be after start',
    ),
    (
        lambda d: d["slots"][0].__setitem__("start", "2026-06-22T08:00:00"),
        'slots[0] (id "s1"): "start" "2026-06-22T08:00:00" has no UTC offset',
    ),
    (lambda d: d["slots"][0].__setitem__("start", "yesterday"), "is not ISO 8601"),
    (
        lambda d: d["slots"][1].__setitem__("start", "2026-06-22T09:15:00+02:00"),
        'slots[1] (id "s2"): overlaps slots[0] (id "s1")',
    ),
    (
        lambda d: d["participants"][0].__setitem__("unavailable", ["s9"]),
        'participants[0] (id "p1"): unavailable slot "s9" is not in slots',
    ),
    (lambda d: d["locations"][0].__setitem__("capacity", 0), 'locations[0] (id "t1"): "capacity"'),
    (lambda d: d.pop("meetings"), 'instance: missing "meetings"'),
    (
        lambda d: d.__setitem__("fixed", [{"meeting": "m9", "slot": "s1", "location": "t1"}]),
        'fixed[0]: meeting "m9" is not in meetings',
    ),
    (
        lambda d: d.__setitem__(
            "fixed",
            [
                {"meeting": "m1", "slot": "s1", "location": "t1"},
                {"meeting": "m2", "slot": "s1", "location": "t2"},
            ],
        ),
        'fixed[1]: participant "p1" is also in fixed[0] in that slot',
    ),
    (
        lambda d: d.__setitem__(
            "fixed",
            [
                {"meeting": "m1", "slot": "s1", "location": "t1"},
                {"meeting": "m3", "slot": "s1", "location": "t1"},
            ],
        ),
        "fixed[1]: participant",
    ),
    (
        lambda d: d.__setitem__(
            "fixed",
            [
                {"meeting": "m2", "slot": "s1", "location": "t1"},
                {"meeting": "m3", "slot": "s2", "location": "t1"},
            ],
        ),
        'fixed[1]: participant "p2" is unavailable in that slot',
    ),
    (
        lambda d: (
            d["participants"].append({"id": "p4"}),
            d["meetings"].append({"id": "m5", "participants": ["p2", "p4"]}),
            d.__setitem__(
                "fixed",
                [
                    {"meeting": "m2", "slot": "s1", "location": "t1"},
                    {"meeting": "m5", "slot": "s1", "location": "t1"},
                ],
            ),
        ),
        'fixed[1]: location "t1" is full in that slot',
    ),
    (
        lambda d: d.__setitem__("locked", ["m1"]),
        'locked[0]: meeting "m1" has no valid previous placement',
    ),
]


@pytest.mark.parametrize(("change", "message"), CASES)
def test_error_names_the_item(change: Any, message: str, tmp_path: Path, capsys: Any) -> None:
    data = broken(change)
    with pytest.raises(InstanceError) as info:
        parse_instance(data)
    assert message in str(info.value)
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(data))
    assert main(["schedule", str(path), "-o", str(tmp_path / "out.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert not (tmp_path / "out.json").exists()


def test_base_instance_is_valid() -> None:
    inst = parse_instance(base())
    assert [s.id for s in inst.slots] == ["s1", "s2"]


def test_unreadable_json_and_missing_file_exit_2(tmp_path: Path, capsys: Any) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"slots": [')
    assert main(["schedule", str(bad), "-o", str(tmp_path / "o.json")]) == 2
    assert "is not valid JSON" in capsys.readouterr().err
    assert main(["schedule", str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2
