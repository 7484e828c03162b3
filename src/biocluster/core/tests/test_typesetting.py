import pytest

from biocluster.core.typesetting import render_pdf

TEMPLATE = """#let data = json("data.json")
#set text(lang: data.lang)
= #data.title
#for row in data.rows [- #row.name: #row.value \\ ]
#image("chart.svg", width: 50%)
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def test_a_document_is_a_pdf_with_its_data_and_files():
    pdf = render_pdf(
        TEMPLATE,
        {"lang": "fr", "title": "Rapport d'activité", "rows": [{"name": "Évry", "value": 1}]},
        files={"chart.svg": SVG},
    )
    assert pdf.startswith(b"%PDF")


def test_text_a_person_typed_is_never_run_as_typst():
    # Read as markup, the title would run panic() and fail the compilation.
    title = '#panic("injected") *bold* $x$ [link] <label> @ref // comment'
    pdf = render_pdf(TEMPLATE, {"lang": "en", "title": title, "rows": []}, files={"chart.svg": SVG})
    assert pdf.startswith(b"%PDF")


def test_a_file_name_cannot_reach_outside_the_document(tmp_path):
    outside = tmp_path / "secret.svg"
    outside.write_text(SVG)
    template = '#image("secret.svg")'
    with pytest.raises(RuntimeError):
        render_pdf(template, {}, files={})
    assert render_pdf(template, {}, files={str(outside): SVG}).startswith(b"%PDF")  # kept as a bare name
