"""Import of links: references by id, PIC or name and country; row errors; all or nothing; one link either way."""

import pytest
from django.core.management import CommandError, call_command

from biocluster.audit.models import AuditEvent
from biocluster.directory.models import OrganisationLink
from biocluster.directory.tests.factories import LinkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    return {
        "genethon": OrganisationFactory(name="Généthon", country="FR", eu_pic="999990000"),
        "genopole": OrganisationFactory(name="Genopole", country="FR"),
        "inra_fr": OrganisationFactory(name="INRA", country="FR"),
        "inra_ma": OrganisationFactory(name="INRA", country="MA"),
    }


def run(tmp_path, content, *args):
    path = tmp_path / "links.csv"
    path.write_text(content, encoding="utf-8")
    call_command("import_links", str(path), *args)


def test_links_are_imported_by_id_pic_and_name_with_country(tmp_path, organisations, capsys):
    o = organisations
    known = LinkFactory(subject=o["genopole"], object=o["genethon"], kind="partner_of", project="")
    run(
        tmp_path,
        "source id,source pic,source,source country,target,target country,kind,project,year\n"
        f"{o['genopole'].pk},,,,INRA,MA,collaborates with,GEN.ERA,2017\n"  # 2
        ",999 990 000,,,Genopole,,partner of,,\n"  # 3: already recorded the other way round
        ",,INRA,FR,INRA,MA,partner_of,,2016\n"  # 4
        ",,INRA,MA,INRA,,partner,,\n"  # 5: row 4 the other way round
        ",,inra,ma,genethon,,member of,,\n",  # 6: a name as the directory writes it, without accents
    )
    out = capsys.readouterr().out
    assert "3 new links, 2 already recorded, 0 errors" in out and "left alone): 3, 5" in out
    created = OrganisationLink.objects.exclude(pk=known.pk)
    assert {
        (link.subject.name, link.subject.country, link.kind, link.object.country) for link in created
    } == {
        ("Genopole", "FR", "collaborates_with", "MA"),
        ("INRA", "FR", "partner_of", "MA"),
        ("INRA", "MA", "member_of", "FR"),
    }
    assert OrganisationLink.objects.get(project="GEN.ERA").start_date.isoformat() == "2017-01-01"
    assert AuditEvent.objects.filter(action="directory.link.imported").count() == 3


def test_a_file_with_an_error_row_writes_nothing(tmp_path, organisations, capsys):
    content = (
        "source,source country,target,kind,project,start date,end date\n"
        "Genopole,,Généthon,partner_of,,,\n"
        "INRA,DE,Genopole,partner_of,,,\n"  # 3: no INRA in Germany
        "Genopole,,Genopole,client_of,,,\n"  # 4: itself
        "Genopole,,Généthon,collaborates_with,,,\n"  # 5: a collaboration without its project
        "Genopole,,Généthon,befriends,,2020-01-01,2019-01-01\n"  # 6: unknown kind, ends before it starts
    )
    with pytest.raises(CommandError) as raised:
        run(tmp_path, content)
    assert raised.value.returncode == 1
    err = capsys.readouterr().err
    assert "row 3, column “source”: No organisation matches the source “INRA”." in err
    assert "row 4" in err and "row 5, column “project”" in err and "befriends" in err and "ends before" in err
    assert not OrganisationLink.objects.exists()


def test_an_ambiguous_name_asks_for_an_id_and_a_missing_column_is_a_mapping_error(tmp_path, organisations):
    OrganisationFactory(name="Genopole", country="FR")
    with pytest.raises(CommandError):
        run(tmp_path, "source,target,kind\nGenopole,Généthon,partner_of\n")
    with pytest.raises(CommandError, match="target"):
        run(tmp_path, "source,kind\nGenopole,partner_of\n")
    assert not OrganisationLink.objects.exists()
