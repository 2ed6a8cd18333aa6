"""Printable PDFs: every worksheet and the workbook, fillable, tagged, the asked paper size, cached by content."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from generator import cli
from generator.loader import load_all, load_file
from generator.model import ChecklistField, ChoiceField, DateField, RepeatField, ScaleField, TrackerField, Worksheet
from generator import pdf
from generator.pdf import build_pdfs, render_workbook_html, render_worksheet_html

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
WORKSHEETS = load_all([ROOT / "worksheets"])
IDS = [ws.id for ws in WORKSHEETS]
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def flat(text: str) -> str:
    """Text with every run of white space as one space, as labels wrap across lines on paper."""
    return " ".join(text.split())


def pdf_text(reader: PdfReader) -> str:
    return flat(" ".join(page.extract_text() for page in reader.pages))


def page_size(reader: PdfReader) -> tuple[float, float]:
    box = reader.pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def expected_form_fields(ws: Worksheet) -> set[str]:
    """Names of the form fields a worksheet's PDF must carry: field ids, and cells of tables and tick lists."""

    def ticks(field, name: str) -> set[str]:
        if isinstance(field, ChecklistField):
            return {f"{name}[{item.value}]" for item in field.items}
        if field.multiple:
            return {f"{name}[{option.value}]" for option in field.options}
        return {name}

    names: set[str] = set()
    for field in ws.fields():
        if isinstance(field, RepeatField):
            for row in range(min(max(field.min_rows, 4), field.max_rows)):
                for sub in field.fields:
                    cell = f"{field.id}[{row}].{sub.id}"
                    names |= ticks(sub, cell) if isinstance(sub, ChoiceField) else {cell}
        elif isinstance(field, TrackerField):
            names |= {f"{field.id}[{row}].{part}" for row in range(field.print_rows) for part in ("date", "rating", "note")}
        elif isinstance(field, (ChoiceField, ChecklistField)):
            names |= ticks(field, field.id)
        elif isinstance(field, (ScaleField, DateField)) or field.print_lines:
            names.add(field.id)
    return names


# --- every worksheet of the real site ---------------------------------------


@pytest.fixture(scope="module")
def site_pdfs(built_site) -> Path:
    return built_site / "pdf"


@pytest.fixture(scope="module")
def readers(site_pdfs) -> dict[str, PdfReader]:
    return {path.stem: PdfReader(path) for path in site_pdfs.glob("*.pdf")}


class PageTexts(dict):
    """name -> each page's text (flat), extracted once: extracting text was most of these tests' time
    (the workbook's pages were read again by four tests, its contents page once per worksheet). Poppler's
    pdftotext reads them, a page per form feed: a third of pypdf's extract_text CPU (the workbook: 0.7 s
    against 2.3 s)."""

    def __init__(self, folder: Path, readers: dict[str, PdfReader]):
        super().__init__()
        self.folder, self.readers = folder, readers

    def __missing__(self, name: str) -> list[str]:
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(self.folder / f"{name}.pdf"), "-"],
                              capture_output=True, check=True)
        self[name] = [flat(page) for page in done.stdout.decode("utf-8").split("\f")[:-1]]  # every page ends in \f
        assert len(self[name]) == len(self.readers[name].pages), f"{name}.pdf: pdftotext's pages are not pypdf's"
        return self[name]

    def whole(self, name: str) -> str:
        """Every page's text, as pdf_text gives it."""
        return flat(" ".join(self[name]))


@pytest.fixture(scope="module")
def texts(site_pdfs, readers) -> PageTexts:
    return PageTexts(site_pdfs, readers)


def test_a_pdf_per_worksheet_and_the_workbook(site_pdfs):
    examples = [pdf.example_name(ws) for ws in WORKSHEETS if ws.has_examples()]
    assert sorted(p.name for p in site_pdfs.glob("*.pdf")) == sorted([f"{i}.pdf" for i in IDS] + examples + ["workbook.pdf"])


@pytest.mark.parametrize("ws", WORKSHEETS, ids=IDS)
def test_worksheet_pdf_has_title_and_every_label(ws, texts):
    text = texts.whole(ws.id)
    assert flat(ws.title) in text
    labels = [f.label for f in ws.fields()]
    labels += [sub.label for f in ws.fields() if isinstance(f, RepeatField) for sub in f.fields]
    missing = [label for label in labels if flat(label) not in text]
    assert not missing, f"labels not found in {ws.id}.pdf: {missing}"
    assert "Not medical advice." in text and "116 123" in text and "findahelpline.com" in text


@pytest.mark.parametrize("name", [*IDS, *(f"{ws.id}-example" for ws in WORKSHEETS if ws.has_examples()), "workbook"])
def test_every_page_points_to_help_in_its_footer(name, texts):
    # Issue 12: not only the last page; a single printed sheet must reach help, with a number.
    for number, text in enumerate(texts[name], 1):
        assert "Not medical advice. In crisis:" in text and "116 123" in text and "988" in text, (
            f"{name}.pdf page {number} has no help line in its footer"
        )


@pytest.mark.parametrize("ws", WORKSHEETS, ids=IDS)
def test_paper_has_no_screen_wording(ws, texts):
    # Issue 17: print_intro replaces wording that only makes sense on a screen.
    text = texts.whole(ws.id).lower()
    for phrase in ("as you type", "click", "in your browser", "this device"):
        assert phrase not in text, f"{ws.id}.pdf says {phrase!r}; give the worksheet a print_intro"


@pytest.mark.parametrize("ws", WORKSHEETS, ids=IDS)
def test_worksheet_pdf_is_fillable_by_field_id(ws, readers):
    fields = set(readers[ws.id].get_fields() or {})
    missing = expected_form_fields(ws) - fields
    assert not missing, f"{ws.id}.pdf lacks form fields: {sorted(missing)}"


@pytest.mark.parametrize("name", [*IDS, "workbook"])
def test_pdf_is_tagged_titled_in_english_and_a4(name, readers, texts):
    reader = readers[name]
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    expected = next((ws.title for ws in WORKSHEETS if ws.id == name), "Therapy Goals Workbook")
    assert reader.metadata.title == expected
    assert page_size(reader) == A4  # mkdocs.yml asks for a4
    assert re.search(r"page \d+ of \d+", texts.whole(name))


def test_workbook_has_every_worksheet_in_order_with_bookmarks_and_page_numbers(readers, texts):
    reader = readers["workbook"]
    text = texts.whole("workbook")
    positions = [text.find(flat(ws.summary)) for ws in WORKSHEETS]
    assert -1 not in positions and positions == sorted(positions)
    titles = {item.title: reader.get_destination_page_number(item) + 1 for item in reader.outline if not isinstance(item, list)}
    for ws in WORKSHEETS:
        assert ws.title in titles, f"no bookmark for {ws.title}"
        # The contents page gives the same page number as the bookmark.
        contents = texts["workbook"][1]
        assert re.search(re.escape(flat(ws.title)) + r"[ .]*" + str(titles[ws.title]) + r"\b", contents)
        assert flat(ws.title) in texts["workbook"][titles[ws.title] - 1]
    # Every worksheet's fields are fillable here too, under "<worksheet id>.".
    fields = set(reader.get_fields() or {})
    for ws in WORKSHEETS:
        assert {f"{ws.id}.{name}" for name in expected_form_fields(ws)} <= fields


def test_a_page_is_not_blank(site_pdfs, tmp_path):
    """Page 1 as PNG (kept in tmp_path for a look in review): something is drawn on it."""
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(site_pdfs / "smart-goal.pdf"), str(tmp_path / "page")], check=True)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(image.histogram()[:200])  # grey levels darker than the paper
    assert dark / (image.width * image.height) > 0.01


def test_worksheet_pages_link_their_pdf(built_site):
    page = (built_site / "worksheets" / "smart-goal" / "index.html").read_text("utf-8")
    assert 'href="../../pdf/smart-goal.pdf"' in page
    assert (built_site / "worksheets" / "smart-goal" / "../../pdf/smart-goal.pdf").resolve().is_file()


# --- print HTML ---------------------------------------------------------------


def test_paper_size_comes_from_the_template_without_important():
    ws = WORKSHEETS[0]
    assert "@page { size: A4; }" in render_worksheet_html(ws, paper="a4")
    assert "@page { size: letter; }" in render_workbook_html(WORKSHEETS, paper="letter")
    for path in (ROOT / "generator" / "templates" / "print").rglob("*"):
        if path.is_file():
            assert "!important" not in path.read_text("utf-8"), path
    with pytest.raises(ValueError, match="paper"):
        render_worksheet_html(ws, paper="a5")


def test_every_kind_prints_with_its_paper_design():
    ws, problems = load_file(FIXTURES / "all_kinds.yml")
    assert not problems
    html = render_worksheet_html(ws)
    assert '<html lang="en">' in html and "<title>Every kind</title>" in html
    assert "An <em>intro</em>." in html and "A section intro." in html  # Markdown intros
    assert html.count('class="lines__rule"') == 1 + 4 + 3 + 4  # name, notes, goal, why: print_lines
    assert html.count('name="sure"') == 11 and "not sure" in html and "very sure" in html
    assert html.count('name="steps[') == 4 * 2  # max(min_rows, 4) rows, capped by max_rows 4
    assert html.count('name="ratings[') == 12 * 3  # print_rows rows of date, rating, note
    assert 'name="ticks[sleep]"' in html and 'name="many[a]"' in html and html.count('name="pick"') == 2


def test_site_links_in_intros_point_inside_the_pdf_or_become_text():
    def sheet(id: str, intro: str) -> Worksheet:
        field = {"id": "x", "kind": "text", "label": "X"}
        return Worksheet.model_validate({"id": id, "title": id, "summary": "S.", "intro": intro, "sections": [{"title": "T", "fields": [field]}]})

    a = sheet("a", "See [sheet B](b.md), [help](../getting-help.md) or [the web](https://example.org/).")
    b = sheet("b", "B.")
    single = render_worksheet_html(a)
    assert "See sheet B, help or" in single and '<a href="https://example.org/">the web</a>' in single
    book = render_workbook_html([a, b])
    assert '<a href="#ws-b">sheet B</a>' in book and 'id="ws-b"' in book and ".md" not in book


# --- the CLI and the cache --------------------------------------------------------


def test_cli_renders_letter_paper(tmp_path):
    shutil.copy(FIXTURES / "all_kinds.yml", tmp_path / "all_kinds.yml")
    out = tmp_path / "out"
    code = cli.main(["pdf", "--paper", "letter", "--out", str(out), "--worksheets", str(tmp_path), "--cache", str(tmp_path / "cache")])
    assert code == 0
    for name in ("all-kinds.pdf", "workbook.pdf"):
        assert page_size(PdfReader(out / name)) == LETTER


@pytest.fixture()
def three_worksheets(tmp_path) -> Path:
    """Three real worksheets' ids and titles, one field each, with an example: all the cache test looks at is
    which PDFs a build renders and which it reuses, and it renders 17 of them (a one-field sheet costs a
    fraction of a whole one's render)."""
    folder = tmp_path / "worksheets"
    folder.mkdir()
    for ws in WORKSHEETS:
        if ws.id in ("smart-goal", "what-i-want", "reviewing-goals"):
            (folder / f"{ws.id}.yml").write_text(
                f"id: {ws.id}\ntitle: {ws.title}\nsummary: One note to write.\nsections:\n  - title: Mine\n    fields:\n"
                f"      - {{id: note, kind: text, label: A note, example: A walk after lunch}}\n", "utf-8")
    return folder


def test_cache_renders_only_what_changed(three_worksheets, tmp_path):
    out, cache, lines = tmp_path / "out", tmp_path / "cache", []

    def build(paper: str = "a4"):
        lines.clear()
        return build_pdfs(load_all([three_worksheets]), out_dir=out, paper=paper, cache_dir=cache, log=lines.append)

    sheets = ("smart-goal", "what-i-want", "reviewing-goals")
    everything = {f"{s}.pdf" for s in sheets} | {f"{s}-example.pdf" for s in sheets} | {"workbook.pdf"}
    cold = build()
    assert set(cold.rendered) == everything and cold.reused == []
    assert re.fullmatch(r"PDF smart-goal\.pdf: rendered \(\d+\.\d s\)", next(l for l in lines if "smart-goal" in l))
    assert re.fullmatch(r"PDFs: 7 rendered, 0 reused in \d+\.\d s", lines[-1])

    shutil.rmtree(out)  # as mkdocs build cleans site/
    warm = build()
    assert warm.rendered == [] and set(warm.reused) == everything
    assert "PDF workbook.pdf: reused" in lines and lines[-1].startswith("PDFs: 0 rendered, 7 reused in ")
    assert {p.name for p in out.glob("*.pdf")} == everything

    yml = three_worksheets / "what-i-want.yml"
    yml.touch()  # a new time stamp alone changes nothing: the key is the content
    assert build().rendered == []
    yml.write_text(yml.read_text("utf-8").replace("title: What I want", "title: What I really want"), "utf-8")
    one = build()
    assert sorted(one.rendered) == ["what-i-want-example.pdf", "what-i-want.pdf", "workbook.pdf"]
    assert sorted(one.reused) == ["reviewing-goals-example.pdf", "reviewing-goals.pdf", "smart-goal-example.pdf", "smart-goal.pdf"]
    assert "What I really want" in pdf_text(PdfReader(out / "what-i-want.pdf"))
    assert "What I really want" in pdf_text(PdfReader(out / "workbook.pdf"))

    letter = build("letter")  # an option changed: everything again, on the other paper
    assert set(letter.rendered) == everything
    assert page_size(PdfReader(io.BytesIO((out / "smart-goal.pdf").read_bytes()))) == LETTER


def test_a_changed_print_template_changes_every_key(tmp_path, monkeypatch):
    ws = WORKSHEETS[0]
    before = pdf.worksheet_key(ws, "a4", pdf.code_fingerprint())
    copy = tmp_path / "print"
    shutil.copytree(pdf.PRINT_TEMPLATES, copy)
    monkeypatch.setattr(pdf, "PRINT_TEMPLATES", copy)
    assert pdf.worksheet_key(ws, "a4", pdf.code_fingerprint()) == before
    css = copy / "print.css"
    css.write_text(css.read_text("utf-8") + "\n.field { margin-bottom: 6mm; }\n", "utf-8")
    assert pdf.worksheet_key(ws, "a4", pdf.code_fingerprint()) != before
    assert pdf.worksheet_key(ws, "letter", pdf.code_fingerprint()) != pdf.worksheet_key(ws, "a4", pdf.code_fingerprint())


# --- keys added in content v2 (issue 17) ---------------------------------------


@pytest.fixture(scope="module")
def v2_pdfs(tmp_path_factory) -> dict[str, PdfReader]:
    ws, problems = load_file(FIXTURES / "v2_keys.yml")
    assert not problems, problems
    out = tmp_path_factory.mktemp("v2")
    build_pdfs([ws], out_dir=out, cache_dir=out / "cache", log=lambda _: None)
    return {path.stem: PdfReader(path) for path in out.glob("*.pdf")}


def test_print_intro_replaces_screen_wording_on_paper(v2_pdfs):
    text = pdf_text(v2_pdfs["v2-keys"])
    assert "Write your goal on the lines below." in text
    assert "as you type" not in text
    assert "goes with the chapter “SMART goals”" in text


def test_print_rows_sets_the_empty_rows_of_a_repeat_group(v2_pdfs):
    fields = set(v2_pdfs["v2-keys"].get_fields() or {})
    assert "steps[6].step" in fields and "steps[7].step" not in fields


def test_other_prints_a_tick_and_a_line_named_like_the_saved_answer(v2_pdfs):
    fields = set(v2_pdfs["v2-keys"].get_fields() or {})
    assert {"place", "place_other", "needs[other]", "needs_other", "steps[0].how_other"} <= fields
    text = pdf_text(v2_pdfs["v2-keys"])
    assert "Somewhere else:" in text and "Something else:" in text
    assert "One small thing." in text  # sub-field help prints under its column heading


def test_example_pdf_shows_the_worked_answers_as_text(v2_pdfs):
    reader = v2_pdfs["v2-keys-example"]
    text = pdf_text(reader)
    assert "EXAMPLE ANSWERS" in text.upper() and "Sam" in text
    assert "6 out of 10" in text and "Quiet; Something else" in text and "Buy running shoes" in text
    assert not reader.get_fields(), "an example is to read, not to fill"
    assert "Not medical advice. In crisis:" in flat(reader.pages[-1].extract_text())
