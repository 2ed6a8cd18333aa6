"""PDFs are made from local files only, and carry the site's name (review 2, suspected items).

An intro's image at a web address must not be fetched while building (no network at
build time): the render stops with a message naming the address and where it is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import pdf
from generator.cli import main
from generator.loader import load_file

SHEET = ("id: w\ntitle: W\nsummary: s\n{intro}sections:\n  - title: x\n    fields:\n"
         "      - {{id: a, kind: text, label: A}}\n")


@pytest.fixture
def sheet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def sheet(intro: str = ""):
        (tmp_path / "w.yml").write_text(SHEET.format(intro=intro), encoding="utf-8")
        ws, problems = load_file(tmp_path / "w.yml")
        assert problems == []
        return ws

    return sheet


def test_a_web_address_in_an_intro_is_refused_not_fetched(sheet, tmp_path, monkeypatch, capsys):
    import weasyprint.urls

    opened = []
    monkeypatch.setattr(weasyprint.urls.URLFetcher, "open", lambda self, *a, **k: opened.append(a))
    ws = sheet("intro: 'See ![chart](https://example.invalid/chart.png)'\n")
    with pytest.raises(pdf.PdfError) as caught:
        pdf.build_pdfs([ws], out_dir=tmp_path / "out", cache_dir=tmp_path / "cache", log=lambda _: None)
    assert str(caught.value) == (
        "w.yml:4: pdf/w.pdf: refused to fetch 'https://example.invalid/chart.png': a PDF is built from local "
        "files only (no network at build time); remove it from the worksheet")
    assert opened == []
    assert not (tmp_path / "out" / "w.pdf").exists()
    # the command says the same, in one line, exit 1 (bad input)
    assert main(["pdf", "--worksheets", "w.yml", "--out", "out", "--cache", "cache"]) == 1
    assert capsys.readouterr().err == f"{caught.value}\n"


def test_the_footer_carries_the_sites_name(sheet, tmp_path):
    ws = sheet()
    target = tmp_path / "w.pdf"
    pdf.write_pdf(pdf.render_worksheet_html(ws, name="Our Goals Book"), target)
    footer = PdfReader(target).pages[0].extract_text()
    assert "Our Goals Book" in footer and "Therapy Goals Workbook" not in footer
