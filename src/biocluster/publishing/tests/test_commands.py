"""`biocluster report annual YEAR --lang fr|en -o FILE.pdf` and `biocluster report eccp -o FILE.pdf|FILE.json`."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from biocluster.publishing import eccp_document, services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_annual_report_as_a_pdf(tmp_path, frozen_2024, language):
    out = tmp_path / f"report-{language}.pdf"
    call_command("report", "annual", "2024", "--lang", language, "-o", str(out))
    content = out.read_bytes()
    assert content.startswith(b"%PDF") and f"/Lang({language})".encode() in content


def test_a_year_without_a_snapshot_is_an_error_with_status_2(tmp_path, frozen_2024):
    out = tmp_path / "report.pdf"
    with pytest.raises(CommandError) as error:
        call_command("report", "annual", "2019", "--lang", "fr", "-o", str(out))
    assert (
        error.value.returncode == 2
        and "No snapshot of 2019" in str(error.value)
        and "2024" in str(error.value)
    )
    assert not out.exists()


def test_the_command_line_exits_with_2_on_bad_arguments(tmp_path):
    """Argument errors (no year, a language not offered) exit with 2 before any database access."""
    for arguments in (
        ["annual", "--lang", "fr", "-o", "x.pdf"],
        ["annual", "2024", "--lang", "de", "-o", "x.pdf"],
    ):
        result = subprocess.run(  # noqa: S603 - the test's own arguments
            [sys.executable, "-m", "biocluster.cli", "report", *arguments],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite://:memory:"},
        )
        assert result.returncode == 2, result.stderr


def test_the_eccp_profile_as_json(tmp_path, frozen_2024, staff_user):
    services.publish(actor=staff_user, snapshot=frozen_2024)
    out = tmp_path / "eccp.json"
    call_command("report", "eccp", "-o", str(out))
    profile = json.loads(out.read_text())
    # On 31 December 2024, the published year's end: Alpha Bio and Beta Gene, not Late Cells (2025).
    assert profile["date"] == "2024-12-31"
    assert profile["composition"]["members"] == 2 and profile["composition"]["smes"] == 2
    assert profile["key_facts"]["year"] == 2024
    assert {"name": "Headcount on site"}.items() <= next(
        fact for fact in profile["key_facts"]["figures"] if fact["code"] == "publishing_test.headcount"
    ).items()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_eccp_profile_as_a_document(tmp_path, frozen_2024, staff_user, language):
    services.publish(actor=staff_user, snapshot=frozen_2024)
    out = tmp_path / "eccp.pdf"
    call_command("report", "eccp", "--lang", language, "-o", str(out))
    content = out.read_bytes()
    assert content.startswith(b"%PDF") and f"/Lang({language})".encode() in content
    data = eccp_document.eccp_data(language)
    assert data["lang"] == language and data["composition"][0]["value"] == "2"  # on 31 December 2024
    assert any(fact["name"] == "Headcount on site" for fact in data["key_facts"])


def test_the_eccp_profile_refuses_another_format(tmp_path):
    with pytest.raises(CommandError, match=r"\.pdf or a \.json"):
        call_command("report", "eccp", "-o", str(tmp_path / "eccp.docx"))
