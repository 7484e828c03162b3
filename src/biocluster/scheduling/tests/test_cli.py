"""The command line, end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from biocluster.scheduling.cli import main

from . import check_schedule

SRC = Path(__file__).resolve().parents[3]


def instance() -> dict[str, Any]:
    slots = [
        {
            "id": f"s{i}",
            "start": f"2026-06-22T{9 + i:02d}:00:00+02:00",
            "end": f"2026-06-22T{9 + i:02d}:30:00+02:00",
        }
        for i in range(3)
    ]
    return {
        "slots": slots,
        "locations": [{"id": "t1"}, {"id": "online", "virtual": True}],
        "participants": [{"id": i} for i in range(5)] + [{"id": "x", "unavailable": ["s0"]}],
        "meetings": [
            {"id": "a", "participants": [0, 1], "priority": 3},
            {"id": "b", "participants": [1, 2]},
            {"id": 3, "participants": [2, 3, "x"], "priority": 2},
            {"id": "d", "participants": [0, 4]},
        ],
        "fixed": [{"meeting": "a", "slot": "s1", "location": "t1"}],
    }


def test_round_trip(tmp_path: Path, capsys: Any) -> None:
    src, dst = tmp_path / "in.json", tmp_path / "out.json"
    data = instance()
    src.write_text(json.dumps(data))
    assert main(["schedule", str(src), "-o", str(dst), "--time-limit", "2"]) == 0
    out = json.loads(dst.read_text())
    assert check_schedule(data, out) == out["objective"] == out["upper_bound"] == 7
    assert {"meeting": "a", "slot": "s1", "location": "t1"} in out["assignments"]
    assert out["unscheduled"] == [] and out["seconds"] >= 0
    assert {"idle_mean", "idle_p95", "starved", "min_fraction_placed"} <= set(out["quality"])
    assert "placed 4/4 meetings" in capsys.readouterr().err
    # The schedule can be fed back as "previous": nothing moves.
    data["previous"] = out["assignments"]
    src.write_text(json.dumps(data))
    assert main(["schedule", str(src), "-o", str(dst), "--time-limit", "1"]) == 0
    again = json.loads(dst.read_text())
    assert again["moved"] == 0 and again["assignments"] == out["assignments"]


def test_python_dash_m_and_no_django(tmp_path: Path) -> None:
    src = tmp_path / "in.json"
    src.write_text(json.dumps(instance()))
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "biocluster.scheduling.cli", "schedule", str(src), "--time-limit", "1"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["objective"] == 7
    probe = "import sys, biocluster.scheduling.cli; print('django' in sys.modules)"
    run = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    assert run.stdout.strip() == "False", run.stderr


def _refused(argv: list[str], capsys: Any) -> str:
    """Run the command, expect exit code 2 and return its one-line message."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_a_priority_of_5000_digits_is_refused_in_one_line(tmp_path: Path, capsys: Any) -> None:
    src = tmp_path / "in.json"
    text = json.dumps(instance()).replace('"priority": 3', '"priority": ' + "9" * 5000)
    src.write_text(text)
    assert "too long" in _refused(["schedule", str(src)], capsys)


def test_100000_nested_arrays_are_refused_in_one_line(tmp_path: Path, capsys: Any) -> None:
    src = tmp_path / "in.json"
    src.write_text("[" * 100_000 + "]" * 100_000)
    assert "too deeply" in _refused(["schedule", str(src)], capsys)


def test_a_time_limit_that_is_not_a_positive_finite_number_is_refused(tmp_path: Path, capsys: Any) -> None:
    src = tmp_path / "in.json"
    src.write_text(json.dumps(instance()))
    for value in ("nan", "NaN", "inf", "-inf", "-1", "0", "ten"):
        message = _refused(["schedule", str(src), f"--time-limit={value}"], capsys)
        assert "--time-limit" in message, value


def test_the_command_names_the_method_of_the_schedule_and_of_the_bound(tmp_path: Path, capsys: Any) -> None:
    src, dst = tmp_path / "in.json", tmp_path / "out.json"
    src.write_text(json.dumps(instance()))
    assert main(["schedule", str(src), "-o", str(dst), "--time-limit", "2"]) == 0
    out = json.loads(dst.read_text())
    assert out["bound_method"] in {"lp", "mip", "cp-sat"}
    assert f"bound by {out['bound_method']}" in capsys.readouterr().err
