"""Calls benchmark: the committee's ranking page for a call of 2,000 proposals with three reviews each.

    .venv/bin/python benchmarks/calls.py                       # SQLite and PostgreSQL
    .venv/bin/python benchmarks/calls.py --databases sqlite --proposals 500
    .venv/bin/python benchmarks/calls.py --source /tmp/old/src   # another source tree (before/after)
    .venv/bin/python benchmarks/calls.py --baseline main         # that commit, then the working tree

For each database it builds a fresh database, fills one closed call (2,000 proposals,
6,000 submitted reviews by 30 reviewers, a tenth of the proposals decided), then, in
process, requests the ranking page as the staff member running the call: a few
warm-up requests, then `--requests` timed ones: with nothing changed, right after a
decision (the change a committee makes while it ranks: one `services.decide` before
each timed request, not timed), right after a review change (a reviewer changes a
submitted review's scores through `services.save_review` before each timed request), and
after any change (the caches emptied before each request, so the ranking is computed again). It reports the p50/p95/max latency,
the number of SQL queries of one page, the same for the API's ranking, and writes
bench-results/calls.json. The goal: p95 under 300 ms.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support import ROOT, export_source, fresh_postgres, percentile

RESULTS = ROOT / "bench-results" / "calls.json"
GOAL_MS = 300


def environment(database: str, workdir: Path, source: Path) -> dict:
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "BIOCLUSTER_TESTING": "1",  # plain static files storage: no collectstatic needed
        "ALLOWED_HOSTS": "testserver",
        "BIOCLUSTER_DATA": str(workdir),
        "DJANGO_SETTINGS_MODULE": "biocluster.config.settings",
        "PYTHONPATH": str(source),
    }
    if database == "postgresql":
        env["DATABASE_URL"] = fresh_postgres(os.environ.get("BENCH_PG_NAME", "bench_calls"))
    return env


def run_database(database: str, proposals: int, requests: int, source: Path) -> dict:
    with tempfile.TemporaryDirectory() as workdir:
        env = environment(database, Path(workdir), source)
        python = sys.executable
        subprocess.run([python, "-m", "django", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
        result = subprocess.run(
            [python, __file__, "--worker", "--proposals", str(proposals), "--requests", str(requests)],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- worker


def fill(proposals: int):
    """One closed call, its proposals and reviews, written in bulk (the services are tested elsewhere)."""
    import random
    from datetime import timedelta
    from decimal import Decimal

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from biocluster.accounts.models import Role, RoleGrant
    from biocluster.calls.formdef.schema import clean_definition
    from biocluster.calls.models import Call, Decision, Proposal, Review
    from biocluster.calls.tests.factories import FORM, RUBRIC

    rng = random.Random(2026)
    User = get_user_model()
    now = timezone.now().replace(microsecond=0)
    staff = User.objects.create_user("staff@bench.example", first_name="Sophie", last_name="Lambert")
    RoleGrant.objects.create(user=staff, role=Role.STAFF, department="research")
    reviewers = User.objects.bulk_create(
        [User(email=f"reviewer{i}@bench.example", first_name="Reviewer", last_name=str(i)) for i in range(30)]
    )
    RoleGrant.objects.bulk_create([RoleGrant(user=r, role=Role.REVIEWER) for r in reviewers])
    applicants = User.objects.bulk_create(
        [
            User(email=f"applicant{i}@bench.example", first_name="Applicant", last_name=str(i))
            for i in range(proposals)
        ]
    )
    call = Call.objects.create(
        kind="equipment",
        title_en="Benchmark call",
        title_fr="Appel de test",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=1),
        budget_envelope=Decimal("50000000"),
        reference_prefix="BENCH",
        status="published",
        form_definition=clean_definition(FORM),
        rubric=RUBRIC,
    )
    call.managers.add(staff)
    rows = Proposal.objects.bulk_create(
        [
            Proposal(
                call=call,
                applicant=applicant,
                title=f"Proposal {n} on a shared instrument",
                summary="A benchmark proposal.",
                requested_amount=Decimal(rng.randrange(20, 400) * 1000),
                answers={"abstract": "Benchmark."},
                status="submitted",
                number=n,
                submitted_at=now - timedelta(days=2),
            )
            for n, applicant in enumerate(applicants, start=1)
        ],
        batch_size=1000,
    )
    reviews = []
    for proposal in rows:
        base = rng.uniform(1, 5)
        for reviewer in rng.sample(reviewers, 3):
            scores = {k: max(0, min(5, round(base + rng.gauss(0, 0.8)))) for k in ("excellence", "impact")}
            weighted = Decimal(2 * scores["excellence"] + scores["impact"]) / 3
            reviews.append(
                Review(
                    proposal=proposal,
                    reviewer=reviewer,
                    status="submitted",
                    conflict="none",
                    scores=scores,
                    weighted_score=weighted.quantize(Decimal("0.001")),
                    comment_to_applicant="Benchmark comment.",
                    submitted_at=now,
                )
            )
    Review.objects.bulk_create(reviews, batch_size=2000)
    Decision.objects.bulk_create(
        [Decision(proposal=p, outcome="rejected") for p in rows[: len(rows) // 10]], batch_size=1000
    )
    return call, staff


def measure(path: str, client, requests: int, *, cold: bool = False, decide=None) -> dict:
    """Latencies of `path`; `cold` empties the caches first, as after any change to the call;
    `decide()` (a decision or a review change) is called, untimed, before each request."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        assert client.get(path).status_code == 200
    timings = []
    for _ in range(requests):
        if decide is not None:
            decide()
        if cold:
            for alias in caches.settings:
                caches[alias].clear()
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        size = len(client.get(path).content)
    return {
        "p50_ms": round(percentile(timings, 50), 1),
        "p95_ms": round(percentile(timings, 95), 1),
        "max_ms": round(max(timings), 1),
        "queries": len(queries),
        "bytes": size,
        "requests": requests,
    }


def worker(proposals: int, requests: int) -> None:
    import django

    django.setup()
    from django.test import Client

    started = time.perf_counter()
    call, staff = fill(proposals)
    filled = time.perf_counter() - started
    client = Client()
    client.force_login(staff)
    import random

    from biocluster.calls import services
    from biocluster.calls.models import Proposal

    pks = list(Proposal.objects.filter(call=call).values_list("pk", flat=True))
    rng = random.Random(5)

    def decide():
        proposal = Proposal.objects.get(pk=rng.choice(pks))
        services.decide(actor=staff, proposal=proposal, outcome=rng.choice(["rejected", "waiting_list"]))

    from biocluster.calls.models import Review

    review_pks = list(Review.objects.filter(proposal__call=call).values_list("pk", flat=True))

    def review():
        """A reviewer changes a submitted review's scores: its proposal's statistics change."""
        changed = Review.objects.select_related("reviewer").get(pk=rng.choice(review_pks))
        scores = {"excellence": rng.randint(0, 5), "impact": rng.randint(0, 5)}
        services.save_review(
            actor=changed.reviewer,
            review=changed,
            scores=scores,
            comment_to_applicant="Changed.",
            submit=True,
        )

    page = measure(f"/calls/{call.pk}/ranking/", client, requests)
    decided = measure(f"/calls/{call.pk}/ranking/", client, requests, decide=decide)
    reviewed = measure(f"/calls/{call.pk}/ranking/", client, requests, decide=review)
    cold = measure(f"/calls/{call.pk}/ranking/", client, requests, cold=True)
    api = measure(f"/api/calls/{call.pk}/ranking", client, max(5, requests // 4))
    figures = {
        "proposals": proposals,
        "reviews": proposals * 3,
        "fill_seconds": round(filled, 1),
        "load_average": os.getloadavg()[0],
        "page": page,
        "page_after_a_decision": decided,
        "page_after_a_review_change": reviewed,
        "page_after_a_change": cold,
        "api": api,
    }
    print(json.dumps(figures))


def report(figures: dict) -> None:
    page = figures["page"]
    verdict = "ok" if page["p95_ms"] < GOAL_MS else "over the goal"
    cold = figures["page_after_a_change"]
    decided = figures["page_after_a_decision"]
    reviewed = figures["page_after_a_review_change"]
    print(
        f"  ranking page p50 {page['p50_ms']} ms, p95 {page['p95_ms']} ms ({verdict}), "
        f"{page['queries']} queries, {page['bytes'] // 1024} KiB; after a decision p50 "
        f"{decided['p50_ms']} ms, p95 {decided['p95_ms']} ms; after a review change p50 "
        f"{reviewed['p50_ms']} ms, p95 {reviewed['p95_ms']} ms (goal p95 < {GOAL_MS} ms); after any change (table recomputed) "
        f"p95 {cold['p95_ms']} ms, {cold['queries']} queries; "
        f"API p95 {figures['api']['p95_ms']} ms, {figures['api']['queries']} queries; "
        f"load average {figures['load_average']:.1f} on {os.cpu_count()} cores",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--proposals", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--source", type=Path, default=ROOT / "src", help="the source tree to measure")
    parser.add_argument("--baseline", help="a commit measured first, on a database filled the same way")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.proposals, args.requests)
        return
    results = {"goal_p95_ms": GOAL_MS, "source": str(args.source), "databases": {}}
    sources = {"current": args.source}
    if args.baseline:
        exported = export_source(args.baseline, Path(tempfile.mkdtemp(prefix="bench-calls-baseline-")))
        sources = {"baseline": exported / "src", "current": args.source}
        results["baseline"] = args.baseline
    for database in args.databases.split(","):
        for name, source in sources.items():
            print(
                f"{database} ({name}): {args.proposals} proposals, {args.proposals * 3} reviews…", flush=True
            )
            figures = run_database(database, args.proposals, args.requests, source)
            results["databases"][database if len(sources) == 1 else f"{database} {name}"] = figures
            report(figures)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Written {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
