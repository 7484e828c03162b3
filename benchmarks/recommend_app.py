"""Partner suggestions in the application at 100,000 organisations, against a baseline of the same run.

    .venv/bin/python benchmarks/recommend_app.py                  # make bench-recommend-app
    .venv/bin/python benchmarks/recommend_app.py --organisations 20000 --queries 100

It makes a fresh SQLite database in a temporary folder, generates a directory (synthetic:
kinds, countries, cities, technology fields and value-chain stages drawn at random; links
by preferential attachment, each organisation joining with 0 to 4 partners, so that about a
third stay isolated), builds the model through the product's own build (`services.run_build`,
the background worker's body, its time and peak memory measured), then times, for the same
random organisations, each through Django's test client or the service, after a warm-up:

- baseline: the organisation's page as one of its members (`/directory/organisations/<id>/`);
- the service `suggestions_for` (what every page and the API call);
- `GET /api/organisations/<id>/suggestions` as that member (token);
- the suggested partners' section (`/recommendations/organisations/<id>/`, as htmx asks it),
  with a kind filter and without.

The goal of the issue: suggestions for one organisation among 100,000 under 100 ms p95 once
the model is built. Every figure is printed with its p50 and p95, and as JSON with --json.
"""

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from support import ROOT, percentile

KINDS = ["startup", "sme", "large_company", "research_lab", "university", "platform", "investor", "hospital"]
COUNTRIES = ["FR", "DE", "IT", "ES", "BE", "NL", "GB", "CH", "SE", "PT", "PL", "US"]
CITIES = [
    "Évry",
    "Paris",
    "Lyon",
    "Berlin",
    "Munich",
    "Milan",
    "Madrid",
    "Ghent",
    "Leiden",
    "Basel",
    "Boston",
]


def setup_django(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["BIOCLUSTER_DATA"] = str(folder)
    os.environ.setdefault("SECRET_KEY", "bench-recommend-app")
    os.environ["BIOCLUSTER_TESTING"] = "1"  # static files from the apps, as the demo serves them
    os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["DJANGO_SETTINGS_MODULE"] = "biocluster.config.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def generate(n: int, seed: int) -> dict:
    """`n` synthetic organisations with fields and stages, links by preferential attachment."""
    import datetime

    from biocluster.accounts.models import ApiToken
    from biocluster.accounts.tests.factories import UserFactory
    from biocluster.directory.models import (
        Affiliation,
        Organisation,
        OrganisationLink,
        Person,
        TechnologyField,
        ValueChainStage,
    )
    from biocluster.directory.normalise import name_key

    rng = random.Random(seed)
    fields = list(TechnologyField.objects.values_list("pk", flat=True))
    stages = list(ValueChainStage.objects.values_list("pk", flat=True))
    rows = []
    for i in range(n):
        name = f"Bench {KINDS[i % len(KINDS)]} {i:06d}"
        rows.append(
            Organisation(
                name=name,
                name_key=name_key(name),
                kind=rng.choice(KINDS),
                country=rng.choice(COUNTRIES),
                city=rng.choice(CITIES),
                source="synthetic",
                is_listed=True,
            )
        )
    Organisation.objects.bulk_create(rows, batch_size=5000)
    ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    through_fields = Organisation.technology_fields.through
    through_stages = Organisation.value_chain_stages.through
    through_fields.objects.bulk_create(
        [
            through_fields(organisation_id=pk, technologyfield_id=field)
            for pk in ids
            for field in rng.sample(fields, rng.randint(0, 3))
        ],
        batch_size=10000,
    )
    through_stages.objects.bulk_create(
        [
            through_stages(organisation_id=pk, valuechainstage_id=stage)
            for pk in ids
            for stage in rng.sample(stages, rng.randint(0, 1))
        ],
        batch_size=10000,
    )
    # Preferential attachment: each newcomer links to 0-4 earlier organisations, the well
    # connected more likely (an endpoint list drawn from).
    ends: list[int] = []
    pairs: set[tuple[int, int]] = set()
    for index, pk in enumerate(ids):
        if index == 0:
            continue
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
            other = rng.choice(ends) if ends and rng.random() < 0.8 else ids[rng.randrange(index)]
            pair = (min(pk, other), max(pk, other))
            if other != pk and pair not in pairs:
                pairs.add(pair)
                ends.extend(pair)
    OrganisationLink.objects.bulk_create(
        [
            OrganisationLink(
                subject_id=a,
                object_id=b,
                kind="partner_of",
                start_date=datetime.date(2010 + rng.randrange(16), 1, 1),
                source="synthetic",
            )
            for a, b in sorted(pairs)
        ],
        batch_size=10000,
    )
    # One member per organisation queried, so that the pages are read as a member reads them.
    queries = rng.sample(ids, 400)
    member = UserFactory(email="bench-member@example.org")
    person = Person.objects.create(first_name="Bench", last_name="Member", user=member, source="synthetic")
    Affiliation.objects.bulk_create(
        [Affiliation(person=person, organisation_id=pk, role="CEO") for pk in queries]
    )
    token = ApiToken.issue(member)[1]
    return {"ids": ids, "links": len(pairs), "queries": queries, "member": member, "token": token}


def timed(function, items) -> list[float]:
    seconds = []
    for item in items:
        start = time.perf_counter()
        function(item)
        seconds.append((time.perf_counter() - start) * 1000)
    return seconds


def summary(values: list[float]) -> dict:
    return {
        "p50_ms": round(percentile(values, 50), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "n": len(values),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-recommend-app-") as folder:
        setup_django(Path(folder))
        from django.core.cache import caches
        from django.test import Client

        from biocluster.directory.models import Organisation
        from biocluster.recommendations import services
        from biocluster.recommendations.models import ModelBuild

        started = time.perf_counter()
        data = generate(options.organisations, options.seed)
        generated = time.perf_counter() - started
        print(
            f"generated {len(data['ids']):,} organisations and {data['links']:,} links in {generated:.1f} s"
        )

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        build = ModelBuild.objects.create(total_rows=1000)
        started = time.perf_counter()
        build = services.run_build(build)
        build_seconds = time.perf_counter() - started
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        assert build.status == "done", build.failure
        size = (services.store.directory() / build.file).stat().st_size
        print(
            f"model built in {build_seconds:.1f} s, file {size / 1e6:.1f} MB, peak RSS {rss_after / 1024:.0f} MB"
        )

        member, token = data["member"], data["token"]
        client = Client()
        client.force_login(member)
        queries = data["queries"][: options.queries]
        organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=data["queries"])}

        def clear():
            for alias in ("local",):
                caches[alias].clear()

        def page(pk):
            response = client.get(f"/directory/organisations/{pk}/")
            assert response.status_code == 200, response.status_code

        def service(pk):
            shown = services.suggestions_for(user=member, organisation=organisations[pk], k=10)
            assert shown is not None

        def api(pk):
            response = client.get(
                f"/api/organisations/{pk}/suggestions?k=10", headers={"Authorization": f"Bearer {token}"}
            )
            assert response.status_code == 200 and response.json()["ready"], response.content[:200]

        def section(pk):
            response = client.get(f"/recommendations/organisations/{pk}/", headers={"HX-Request": "true"})
            assert response.status_code == 200

        def section_filtered(pk):
            response = client.get(
                f"/recommendations/organisations/{pk}/?kind=startup&country=FR",
                headers={"HX-Request": "true"},
            )
            assert response.status_code == 200

        warm = data["queries"][-20:]
        results = {}
        for label, function in (
            ("baseline: organisation page", page),
            ("suggestions_for (service)", service),
            ("GET /api/organisations/{id}/suggestions", api),
            ("suggested partners section", section),
            ("section filtered by kind and country", section_filtered),
        ):
            clear()
            timed(function, warm)  # warm-up: the model loaded, the first queries compiled
            results[label] = summary(timed(function, queries))

        report = {
            "organisations": len(data["ids"]),
            "links": data["links"],
            "build_seconds": round(build_seconds, 1),
            "build_peak_rss_mb": round(rss_after / 1024),
            "rss_before_build_mb": round(rss_before / 1024),
            "model_file_mb": round(size / 1e6, 1),
            "timings": results,
        }
        if options.json:
            print(json.dumps(report, indent=2))
        else:
            print(f"{'what':45} {'p50 ms':>8} {'p95 ms':>8}")
            for label, figures in results.items():
                print(f"{label:45} {figures['p50_ms']:8.1f} {figures['p95_ms']:8.1f}")
            goal = results["suggestions_for (service)"]["p95_ms"]
            print(
                f"goal: suggestions under 100 ms p95 once built: {'met' if goal < 100 else 'NOT met'} ({goal:.1f} ms)"
            )


if __name__ == "__main__":
    main()
