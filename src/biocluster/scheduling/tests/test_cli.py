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
