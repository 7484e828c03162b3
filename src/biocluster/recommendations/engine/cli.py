"""`biocluster recommend partners|evaluate`: the partner recommender on any data set (issue #16).

    biocluster recommend partners --organisations ORGS.csv --links LINKS.csv --queries QUERIES.csv -k 50 -o SUGGESTIONS.csv
    biocluster recommend evaluate --organisations ORGS.csv --links LINKS.csv --split-year Y -k 10 20 50 [--json]

Runs without Django (the `biocluster` console command dispatches here, as it does for
`partnering`); the management command `recommend` is the same. The files are described in
`files.py` and docs/recommendations.md; a bad file exits with status 2 and a message naming the line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import IO

from .evaluate import evaluate
from .files import BadFile, read_links, read_organisations, read_queries, write_suggestions
from .recommender import Recommender

BAD_INPUT = 2


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    partners = sub.add_parser("partners", help="the k best partners of each query organisation")
    evaluation = sub.add_parser(
        "evaluate", help="recall@k of the method and the baselines after a split year"
    )
    for p in (partners, evaluation):
        p.add_argument("--organisations", required=True, type=Path, metavar="ORGS.csv")
        p.add_argument("--links", required=True, type=Path, metavar="LINKS.csv")
        p.add_argument("--seed", type=int, default=0, help="the model's seed (default 0)")
    partners.add_argument("--queries", required=True, type=Path, metavar="QUERIES.csv")
    partners.add_argument("-k", type=int, default=10, help="suggestions per query (default 10)")
    partners.add_argument(
        "-o", "--output", type=Path, metavar="SUGGESTIONS.csv", help="default: standard output"
    )
    evaluation.add_argument("--split-year", required=True, type=int, metavar="Y")
    evaluation.add_argument("-k", type=int, nargs="+", default=[10, 20, 50], help="default: 10 20 50")
    evaluation.add_argument("--json", action="store_true", help="a machine-readable result")


def run(options: dict, out: IO[str], err: IO[str]) -> int:
    """Carries out parsed options; returns the exit status (0, or 2 for bad input)."""
    ks = options["k"] if isinstance(options["k"], list) else [options["k"]]
    if min(ks) < 1:
        err.write("error: -k must be at least 1\n")
        return BAD_INPUT
    try:
        organisations = read_organisations(options["organisations"])
        ids = [o.id for o in organisations]
        links = read_links(options["links"], ids)
        queries = read_queries(options["queries"], ids) if options["action"] == "partners" else []
    except BadFile as error:
        err.write(f"error: {error}\n")
        return BAD_INPUT
    started = time.perf_counter()
    if options["action"] == "partners":
        model = Recommender.fit(organisations, links, seed=options["seed"])
        suggestions = model.suggest_many(list(dict.fromkeys(queries)), k=options["k"])
        if options.get("output") is None:
            rows = write_suggestions(out, suggestions)
        else:
            with options["output"].open("w", encoding="utf-8", newline="") as handle:
                rows = write_suggestions(handle, suggestions)
        err.write(
            f"{rows:,} suggestions for {len(suggestions):,} organisations in {time.perf_counter() - started:.1f} s\n"
        )
        return 0
    result = evaluate(organisations, links, options["split_year"], ks, seed=options["seed"])
    out.write((json.dumps(result.as_json(), indent=2) if options["json"] else result.table()) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="biocluster recommend", description=__doc__.split("\n\n")[0])
    configure(parser)
    options = vars(parser.parse_args(argv))
    return run(options, sys.stdout, sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
