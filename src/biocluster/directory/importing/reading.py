"""Reading CSV and XLSX files as a header and a stream of rows.

Rows are yielded one at a time, never all loaded: a 100,000-row file is read
in constant memory. Every row comes with its number as a spreadsheet shows it
(the header is row 1), so that errors point where the person will look.
"""

import codecs
import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils.translation import gettext_lazy as _

CSV, XLSX = "csv", "xlsx"
SAMPLE_ROWS = 3
CHUNK = 1 << 16
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
# Files people pick by mistake: PDF, images, archives.
OTHER_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")
DELIMITERS = (",", ";", "\t")
# An XLSX's XML compresses about 5 to 20 times; a 50 MB upload of real data stays
# far below both limits, a zip bomb (1 MB expanding to 1 GiB, ratio 1000) does not.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024  # small parts may compress a lot: an empty sheet is all repetition
MAX_ARCHIVE_MEMBERS = 10_000
# Descriptions may be long; the csv module's default cell limit is 128 KiB.
csv.field_size_limit(4 * 1024 * 1024)


class UnreadableFile(Exception):
    """The file cannot be read as a table; the message says why, for the person who sent it."""


@dataclass
class Table:
    format: str
    headers: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (row number in the file, cells aligned with headers)


def detect_format(head: bytes, name: str = "") -> str:
    if not head.strip():
        raise UnreadableFile(_("The file is empty."))
    if head.startswith(ZIP_MAGIC):
        return XLSX
    if head.startswith(OLE_MAGIC):
        raise UnreadableFile(
            _("This is an old Excel (.xls) file: save it as .xlsx or as CSV, then upload it again.")
        )
    if head.startswith(OTHER_MAGIC):
        raise UnreadableFile(_("This is not a CSV or XLSX file."))
    if b"\x00" in head[:CHUNK] and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(_("This is not a CSV or XLSX file."))
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFile(_("The file is in UTF-16: save it as CSV UTF-8, then upload it again."))
    return CSV


def _encoding(binary) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes as such, else Windows-1252.

    The whole file is scanned, in chunks, because a single accented letter in
    Windows-1252 may sit on row 90,000.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    binary.seek(0)
    try:
        while chunk := binary.read(CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    finally:
        binary.seek(0)
    return "utf-8-sig"


def _delimiter(first_line: str) -> str:
    """The delimiter that splits the header line most: headers rarely contain one."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _clean(cells, width: int) -> list[str]:
    cells = [str(c).strip() for c in cells[:width]]
    return cells + [""] * (width - len(cells))


def _csv_table(text) -> Table:
    first = text.readline()
    text.seek(0)
    reader = csv.reader(text, delimiter=_delimiter(first))
    try:
        headers = next(reader, None)
    except csv.Error as error:
        raise UnreadableFile(_("The header row cannot be read: %(error)s") % {"error": error}) from error
    headers = [h.strip() for h in headers or []]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise UnreadableFile(_("The first row must hold the column headers; it is empty."))

    def rows():
        number = 1
        try:
            for cells in reader:
                number += 1
                if any(c.strip() for c in cells):
                    yield number, _clean(cells, len(headers))
        except csv.Error as error:
            raise UnreadableFile(
                _("Row %(row)s cannot be read: %(error)s") % {"row": number + 1, "error": error}
            ) from error

    return Table(CSV, headers, rows())


def cell_text(value) -> str:
    """A spreadsheet cell as the text a person typed: 2015 and not 2015.0, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _xlsx_table(binary, workbook) -> Table:
    sheet = workbook.worksheets[0]
    rows_iter = sheet.iter_rows(values_only=True)
    first = next(rows_iter, None)
    headers = [cell_text(v).strip() for v in first or ()]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise UnreadableFile(_("The first row must hold the column headers; it is empty."))

    def rows():
        # Read-only worksheets yield empty rows too, so the count matches the sheet's numbering.
        for number, values in enumerate(rows_iter, start=2):
            cells = [cell_text(v) for v in values[: len(headers)]]
            if any(c.strip() for c in cells):
                yield number, _clean(cells, len(headers))

    return Table(XLSX, headers, rows())


def check_archive(binary) -> None:
    """Refuse an XLSX whose parts would expand beyond what a worker can hold (a "zip bomb").

    An XLSX is a zip archive: 1 MB can expand to 1 GiB of XML, which openpyxl would
    then parse. The sizes are read from the archive's directory, before anything is
    decompressed; Python's zip reader never yields more than the size declared
    there, so a part cannot lie its way past this check.
    """
    import zipfile

    try:
        with zipfile.ZipFile(binary) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableFile(_("This XLSX file cannot be opened: is it a spreadsheet?")) from error
    finally:
        binary.seek(0)
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise UnreadableFile(
            _("This XLSX file holds %(count)s parts, more than a spreadsheet has: it is refused.")
            % {"count": len(members)}
        )
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableFile(
            _(
                "This XLSX file would expand to %(size)s MB, more than the %(limit)s MB allowed: "
                "split it, or save it as CSV."
            )
            % {"size": total // (1024 * 1024), "limit": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_FROM and ratio > MAX_COMPRESSION_RATIO:
            raise UnreadableFile(
                _(
                    "This XLSX file is compressed %(ratio)s times, far more than a spreadsheet is: "
                    "it is refused. Save it as CSV, or open and save it again in a spreadsheet."
                )
                % {"ratio": int(ratio)}
            )


@contextmanager
def open_table(binary, format: str):
    """`binary` is a seekable binary file; the table's rows stream from it."""
    if format == XLSX:
        import zipfile

        from openpyxl import load_workbook

        check_archive(binary)
        try:
            workbook = load_workbook(binary, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise UnreadableFile(_("This XLSX file cannot be opened: is it a spreadsheet?")) from error
        try:
            yield _xlsx_table(binary, workbook)
        finally:
            workbook.close()
    else:
        text = io.TextIOWrapper(binary, encoding=_encoding(binary), errors="replace", newline="")
        try:
            yield _csv_table(text)
        finally:
            # Give the binary file back to its owner (an upload, a stored file) without closing it.
            text.detach()


@dataclass
class Preview:
    format: str
    headers: list[str]
    samples: list[list[str]]  # the first rows, column by column, to help the mapping
    rows: int  # data rows, blank rows excepted


def preview(binary, name: str = "") -> Preview:
    """Check the file can be read, and count its rows (for the progress bar)."""
    binary.seek(0)
    format = detect_format(binary.read(CHUNK), name)
    binary.seek(0)
    with open_table(binary, format) as table:
        samples: list[list[str]] = [[] for _ in table.headers]
        count = 0
        for _number, cells in table.rows:
            if count < SAMPLE_ROWS:
                for i, cell in enumerate(cells):
                    samples[i].append(cell[:80])
            count += 1
    return Preview(format, table.headers, samples, count)
