"""`biocluster recommend partners|evaluate`: files in, files out, bad files named by line (exit 2)."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from biocluster.recommendations.engine.cli import main

ORGS = "id,name,kind,country,city,fields,unknown column\na,Alpha,PRC,FR,Lyon,genomics;vaccines,x\nb,Beta,REC,FR,Lyon,,\nc,Gamma,,DE,,genomics,\nd,Delta,PRC,,,,\ne,Epsilon,,,,,\n"
LINKS = "source,target,year,project\na,b,2019,P1\nb,c,2020,P2\na,b,2020,P3\nd,c,,\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def files(tmp_path, orgs=ORGS, links=LINKS, queries="id\na\nc\ne\n"):
    return (
        write(tmp_path, "orgs.csv", orgs),
        write(tmp_path, "links.csv", links),
        write(tmp_path, "queries.csv", queries),
    )


def partners(tmp_path, orgs, links, queries, k="50"):
    out = str(tmp_path / "out.csv")
    args = ["partners", "--organisations", orgs, "--links", links, "--queries", queries, "-k", k, "-o", out]
    return main(args), out


def test_partners_writes_at_most_k_rows_never_self_or_partner(tmp_path):
    status, out = partners(tmp_path, *files(tmp_path), k="2")
    assert status == 0
    with open(out, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["query", "rank", "candidate", "score", "reasons"]
    by_query: dict[str, list[str]] = {}
    for row in rows:
        by_query.setdefault(row["query"], []).append(row["candidate"])
    assert set(by_query) == {"a", "c", "e"}
    assert all(len(c) <= 2 for c in by_query.values())
    assert "a" not in by_query["a"] and "b" not in by_query["a"]
    assert not {"c", "b", "d"} & set(by_query["c"])
    (first,) = [r for r in rows if r["query"] == "a" and r["candidate"] == "c"]
    assert first["rank"] == "1"
    assert "1 shared partner: Beta" in first["reasons"]
    assert "both in genomics" in first["reasons"]


@pytest.mark.parametrize(
    ("which", "text", "message"),
    [
        ("orgs", "name,kind\nAlpha,PRC\n", "orgs.csv, line 1: no “id” column"),
        ("orgs", "id,name\na,Alpha\n,Nobody\n", "orgs.csv, line 3: the id is empty"),
        ("orgs", "id,name\na,Alpha\nb,Beta\na,Again\n", "orgs.csv, line 4: the id “a” is already on line 2"),
        (
            "links",
            "source,target,year\na,b,2019\na,zz,2020\n",
            "links.csv, line 3: the target “zz” is not an id",
        ),
        (
            "links",
            "source,target,year\na,b,2019\nb,c,twenty\n",
            "links.csv, line 3: the year “twenty” is not a number",
        ),
        ("links", "source,year\na,2019\n", "links.csv, line 1: no “target” column"),
        ("queries", "id\na\nnobody\n", "queries.csv, line 3: the id “nobody” is not an id"),
        ("queries", "name\na\n", "queries.csv, line 1: no “id” column"),
    ],
)
def test_bad_files_exit_2_naming_the_line(tmp_path, capsys, which, text, message):
    given = {"orgs": ORGS, "links": LINKS, "queries": "id\na\n"}
    given[which] = text
    status, _out = partners(tmp_path, *files(tmp_path, given["orgs"], given["links"], given["queries"]))
    assert status == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out.csv").exists()


def test_evaluate_table_and_json(tmp_path, capsys):
    orgs, links, _ = files(
        tmp_path,
        links="source,target,year\na,b,2019\nb,c,2020\na,d,2018\nd,c,2019\na,c,2021\nb,e,2021\ne,d,2020\n",
    )
    assert (
        main(["evaluate", "--organisations", orgs, "--links", links, "--split-year", "2020", "-k", "1", "2"])
        == 0
    )
    table = capsys.readouterr().out
    assert "recall@1" in table and "common neighbours" in table and "Adamic-Adar" in table
    args = [
        "evaluate",
        "--organisations",
        orgs,
        "--links",
        links,
        "--split-year",
        "2020",
        "-k",
        "1",
        "--json",
    ]
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["queries"] == 4  # a and c gain each other; b and e too (e existed through e-d)
    assert set(result["recall"]) >= {"method", "popularity", "common neighbours", "Adamic-Adar"}


def test_management_command_is_the_same(tmp_path):
    orgs, links, queries = files(tmp_path)
    out = io.StringIO()
    call_command(
        "recommend", "partners", "--organisations", orgs, "--links", links, "--queries", queries, stdout=out
    )
    assert out.getvalue().startswith("query,rank,candidate,score,reasons")
    bad = write(tmp_path, "bad.csv", "source,target,year\na,b,soon\n")
    with pytest.raises(CommandError) as error:
        call_command("recommend", "partners", "--organisations", orgs, "--links", bad, "--queries", queries)
    assert error.value.returncode == 2
    assert "bad.csv, line 2: the year “soon” is not a number" in str(error.value)
