"""Benchmark of the partner recommender (issue #16): quality against baselines, and speed.

    .venv/bin/python benchmarks/recommend.py [--seed N] [--quick]

1. Quality: `recommend evaluate` on our own generated data set (6,000 organisations, dated
   co-participation links 2008-2020, split year 2017), then on the second, independent set
   shaped like EU-project co-participation (benchmarks/data/eu-projects, split year 2016): the
   method against popularity, common neighbours, Adamic-Adar and personalised PageRank,
   recall@10/20/50, in the same run.
2. Speed of `recommend partners`: 2,000 queries, 6,000 organisations, about 110,000 links, k=50,
   the command in a fresh process (wall time, CPU time, peak RSS), against an Adamic-Adar ranking
   of the same queries with the same files, also in a fresh process.
3. suggest() for one organisation among 100,000 (about 1.6 million links), once fitted: p50/p95
   over 200 queries, against Adamic-Adar's top 10 for the same queries in the same process.

Every measurement runs in a subprocess so that its peak memory is its own. Writes
bench-results/recommend.json. Generated data: synthetic (see engine/synthetic.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from biocluster.recommendations.engine import Recommender  # noqa: E402
from biocluster.recommendations.engine.evaluate import evaluate  # noqa: E402
from biocluster.recommendations.engine.files import read_links, read_organisations, read_queries  # noqa: E402
from biocluster.recommendations.engine.graph import Graph, pairs  # noqa: E402
from biocluster.recommendations.engine.synthetic import generate, generate_large  # noqa: E402

OUT = ROOT / "bench-results"
SPLIT = 2017


def write_files(folder: Path, seed: int) -> None:
    organisations, links = generate(seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "orgs.csv").open("w", newline="", encoding="utf-8") as handle:
        w = csv.writer(handle)
        w.writerow(["id", "name", "kind", "country", "city", "fields"])
        for o in organisations:
            w.writerow([o.id, o.name, o.kind, o.country, o.city, ";".join(o.fields)])
    with (folder / "links.csv").open("w", newline="", encoding="utf-8") as handle:
        w = csv.writer(handle)
        w.writerow(["source", "target", "year", "project"])
        for link in links:
            if link.year <= SPLIT:
                w.writerow([link.source, link.target, link.year, link.project])
    with (folder / "queries.csv").open("w", newline="", encoding="utf-8") as handle:
        w = csv.writer(handle)
        w.writerow(["id"])
        for o in organisations[:2000]:
            w.writerow([o.id])


def child(argv: list[str]) -> dict:
    """Runs `argv` in a fresh process; its wall time, CPU time and peak RSS (its own, by wait4)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(argv, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if process.returncode:
            raise SystemExit(f"{argv} failed:\n{err.read()}")
        return {
            "wall_s": round(wall, 1),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024),
            "stdout": out.read(),
        }


def adamic_adar_partners(folder: str, k: int, output: str) -> None:
    """The baseline of the `partners` timing: the same files, Adamic-Adar's k best, the same output."""
    organisations = read_organisations(Path(folder) / "orgs.csv")
    ids = [o.id for o in organisations]
    index = {i: n for n, i in enumerate(ids)}
    links = read_links(Path(folder) / "links.csv", ids)
    queries = read_queries(Path(folder) / "queries.csv", ids)
    graph = Graph(len(ids), pairs(links, index))
    with open(output, "w", newline="", encoding="utf-8") as handle:
        w = csv.writer(handle)
        w.writerow(["query", "rank", "candidate", "score", "reasons"])
        qs = np.array([index[q] for q in queries])
        for start in range(0, len(qs), 256):
            block = graph.adamic_adar(qs[start : start + 256])
            for row, q in enumerate(qs[start : start + 256]):
                scores = block[row]
                scores[q] = -np.inf
                scores[graph.neighbours(q)] = -np.inf
                top = np.argsort(-scores, kind="stable")[:k]
                for rank, c in enumerate(top, 1):
                    w.writerow([ids[q], rank, ids[c], f"{scores[c]:.6g}", ""])


def large_suggest(seed: int) -> dict:
    t0 = time.perf_counter()
    organisations, links = generate_large(seed=seed)
    generated = time.perf_counter() - t0
    t0 = time.perf_counter()
    model = Recommender.fit(organisations, links, seed=seed)
    fitted = time.perf_counter() - t0
    rng = np.random.default_rng(seed)
    queries = [organisations[i].id for i in rng.choice(len(organisations), size=200, replace=False)]
    model.suggest(queries[0], k=10)  # warm
    method, baseline = [], []
    graph = model.graph
    for q in queries:
        t = time.perf_counter()
        model.suggest(q, k=10)
        method.append(time.perf_counter() - t)
        t = time.perf_counter()
        i = model.index[q]
        scores = graph.adamic_adar(np.array([i]))[0]
        scores[i] = -np.inf
        scores[graph.neighbours(i)] = -np.inf
        top = np.argpartition(-scores, 10)[:10]
        _ = [organisations[c].id for c in top[np.argsort(-scores[top])]]
        baseline.append(time.perf_counter() - t)
    # The learnt combination may use few signals; the worst case computes every one of them.
    learnt_weights = model.weights
    model.weights = np.ones_like(learnt_weights)
    every = []
    for q in queries:
        t = time.perf_counter()
        model.suggest(q, k=10)
        every.append(time.perf_counter() - t)
    model.weights = learnt_weights
    ms = lambda xs, p: round(float(np.percentile(xs, p)) * 1000, 1)  # noqa: E731
    return {
        "organisations": len(organisations),
        "links": len(links),
        "generate_s": round(generated, 1),
        "fit_s": round(fitted, 1),
        "suggest_ms": {"p50": ms(method, 50), "p95": ms(method, 95), "max": ms(method, 100)},
        "every_signal_ms": {"p50": ms(every, 50), "p95": ms(every, 95), "max": ms(every, 100)},
        "adamic_adar_ms": {"p50": ms(baseline, 50), "p95": ms(baseline, 95), "max": ms(baseline, 100)},
        "learnt": model.learnt.get("weights", {}),
    }


def quality(seed: int) -> dict:
    organisations, links = generate(seed=seed)
    result = evaluate(organisations, links, SPLIT, (10, 20, 50), seed=0)
    return {"table": result.table(), "json": result.as_json()}


def quality_eu() -> dict:
    import eu_projects

    organisations, links = eu_projects.load()
    result = evaluate(organisations, links, eu_projects.SPLIT, (10, 20, 50), seed=0)
    return {"table": result.table(), "json": result.as_json()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0, help="the generated data set's seed")
    parser.add_argument("--quick", action="store_true", help="quality only")
    parser.add_argument(
        "--child", choices=["quality", "quality-eu", "large", "aa-partners"], help=argparse.SUPPRESS
    )
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child == "quality":
        print(json.dumps(quality(options.seed)))
        return
    if options.child == "quality-eu":
        print(json.dumps(quality_eu()))
        return
    if options.child == "large":
        print(json.dumps(large_suggest(options.seed)))
        return
    if options.child == "aa-partners":
        adamic_adar_partners(options.folder, 50, str(Path(options.folder) / "aa.csv"))
        return

    me = [sys.executable, str(Path(__file__).resolve())]
    report: dict = {"seed": options.seed}
    print(f"== Quality: our generated data set (seed {options.seed}), split year {SPLIT}")
    run = child([*me, "--child", "quality", "--seed", str(options.seed)])
    q = json.loads(run["stdout"])
    print(q["table"])
    report["quality"] = q["json"]
    print("\n== Quality: the EU-project-shaped set (benchmarks/data/eu-projects), split year 2016")
    run = child([*me, "--child", "quality-eu"])
    q = json.loads(run["stdout"])
    print(q["table"])
    report["quality_eu_projects"] = q["json"]
    if not options.quick:
        folder = OUT / "recommend-data"
        write_files(folder, options.seed)
        print("\n== recommend partners: 2,000 queries, k=50 (fresh process each)")
        cmd = [
            str(Path(sys.executable).parent / "biocluster"),
            "recommend",
            "partners",
            "--organisations",
            str(folder / "orgs.csv"),
            "--links",
            str(folder / "links.csv"),
            "--queries",
            str(folder / "queries.csv"),
            "-k",
            "50",
            "-o",
            str(folder / "suggestions.csv"),
        ]
        method = child(cmd)
        baseline = child([*me, "--child", "aa-partners", "--folder", str(folder)])
        with (folder / "links.csv").open(encoding="utf-8") as handle:
            n_links = sum(1 for _ in handle) - 1
        print(f"organisations 6,000, links {n_links:,}")
        for name, r in (("method", method), ("Adamic-Adar", baseline)):
            print(
                f"{name:<14} wall {r['wall_s']:>6.1f} s   cpu {r['cpu_s']:>6.1f} s   peak RSS {r['peak_rss_mb']:>6,} MB"
            )
        report["partners"] = {
            "links": n_links,
            "method": {k: v for k, v in method.items() if k != "stdout"},
            "adamic_adar": {k: v for k, v in baseline.items() if k != "stdout"},
        }
        print("\n== suggest() for one organisation among 100,000, once fitted (200 queries)")
        run = child([*me, "--child", "large", "--seed", str(options.seed)])
        large = json.loads(run["stdout"])
        print(
            f"organisations {large['organisations']:,}, links {large['links']:,}; "
            f"fit {large['fit_s']} s; peak RSS {run['peak_rss_mb']:,} MB"
        )
        print(f"learnt weights: {large['learnt']}")
        for name, key in (
            ("method", "suggest_ms"),
            ("every signal", "every_signal_ms"),
            ("Adamic-Adar", "adamic_adar_ms"),
        ):
            t = large[key]
            print(f"{name:<14} p50 {t['p50']:>7.1f} ms   p95 {t['p95']:>7.1f} ms   max {t['max']:>7.1f} ms")
        large["peak_rss_mb"] = run["peak_rss_mb"]
        report["suggest_100k"] = large
    OUT.mkdir(exist_ok=True)
    (OUT / "recommend.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nWritten {OUT / 'recommend.json'}")


if __name__ == "__main__":
    main()
