"""Command line: ``schedule INSTANCE.json -o SCHEDULE.json [--time-limit S]``.

Wired into the project CLI as ``biocluster partnering schedule ...`` (argv passed here starts
with "schedule"), and runnable as ``python -m biocluster.scheduling.cli schedule ...``.
Exit codes: 0 success, 2 unreadable or invalid instance (or bad arguments).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import NoReturn

from .io import InstanceError, load_instance, schedule_to_json
from .solver import solve


def _seconds(text: str) -> float:
    """A time limit: a finite number of seconds above zero (nan and inf parse as floats)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(
            f"{text!r}: the time limit must be a positive, finite number of seconds"
        )
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, as for an invalid instance: the usage is one --help away.
        self.exit(2, f"error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="biocluster partnering", description="Schedule B2B partnering meetings.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("schedule", help="place meetings into slots and at tables")
    run.add_argument("instance", type=Path, help="instance JSON file")
    run.add_argument("-o", "--output", type=Path, help="schedule JSON file (default: stdout)")
    run.add_argument("--time-limit", type=_seconds, default=30.0, help="seconds to search (default 30)")
    run.add_argument(
        "--method", choices=["auto", "mip", "cpsat", "heuristic"], default="auto", help=argparse.SUPPRESS
    )
    run.add_argument("--workers", type=int, default=None, help="CP-SAT threads (default: cores)")
    run.add_argument("--seed", type=int, default=0, help="random seed for CP-SAT")
    return parser


def _schedule(args: argparse.Namespace) -> int:
    try:
        inst = load_instance(args.instance)
    except OSError as exc:
        print(f"error: cannot read {args.instance}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        print(f"error: {args.instance} is not valid JSON: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        print(f"error: {args.instance} nests arrays or objects too deeply", file=sys.stderr)
        return 2
    except InstanceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        # Python refuses to convert integers of more than 4,300 digits (a guard against
        # quadratic-time parsing); the message says so on one line.
        print(f"error: {args.instance} holds a number too long to read ({exc})", file=sys.stderr)
        return 2
    schedule = solve(inst, args.time_limit, args.method, args.workers, args.seed)
    text = json.dumps(schedule_to_json(inst, schedule), ensure_ascii=False, indent=1)
    if args.output is None:
        sys.stdout.write(text + "\n")
    else:
        try:
            args.output.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    quality = schedule.quality
    percent = 100.0 * schedule.objective / schedule.upper_bound if schedule.upper_bound else 100.0
    moved = f", {schedule.moved} moved" if schedule.moved is not None else ""
    print(
        f"placed {quality['placed_meetings']}/{quality['meetings']} meetings, priority "
        f"{schedule.objective} of at most {schedule.upper_bound} ({percent:.2f}%){moved}, "
        f"schedule by {schedule.method}, bound by {schedule.bound_method}, {schedule.seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # argparse exits on bad usage and on --help
        return exc.code if isinstance(exc.code, int) else 2
    if args.command == "schedule":
        return _schedule(args)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    raise SystemExit(main())
