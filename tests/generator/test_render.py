"""A rendered worksheet page: a real form, a labelled control for every field, the right names."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from generator.loader import load_file
from generator.render import render_page

FIXTURES = Path(__file__).parent / "fixtures"


class Controls(HTMLParser):
    """Collects form controls, labels (by for=), legends, ids and the elements they sit in."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.ids: dict[str, dict[str, str | None]] = {}
        self.forms: list[dict[str, str | None]] = []
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.in_template = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self.in_template += 1
        if "id" in a:
            self.ids[a["id"]] = {"tag": tag, **a}
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"])
        if tag == "form":
            self.forms.append(a)
        if tag in ("input", "textarea", "select") and not self.in_template:
            inside = [t for t, _ in self.stack]
            self.controls.append({"tag": tag, **a, "_in_label": "label" in inside, "_in_fieldset": "fieldset" in inside})
        if tag not in ("input", "br", "img", "hr", "meta", "link"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break


def rendered(fixture: str, pdf_url: str):
    """A fixture worksheet's page as HTML (as MkDocs' Markdown would make it) and its parsed controls."""
    ws, problems = load_file(FIXTURES / fixture)
    assert not problems, problems
    source = render_page(ws, pdf_url=pdf_url).split("---", 2)[2]
    html = markdown.markdown(source, extensions=["md_in_html", "attr_list", "toc"])
    parser = Controls()
    parser.feed(html)
    return ws, html, parser


@pytest.fixture(scope="module")
def page():
    return rendered("all_kinds.yml", "../../pdf/all-kinds.pdf")


def test_the_page_is_one_form_for_the_worksheet(page):
    ws, html, parser = page
    assert [f.get("data-worksheet") for f in parser.forms] == ["all-kinds"]
    assert '<h2 id="first">First</h2>' in html and '<h2 id="second">Second</h2>' in html
    assert "<em>intro</em>" in html, "the worksheet intro is Markdown"
    assert 'href="../../pdf/all-kinds.pdf"' in html and "Download printable PDF" in html


def test_every_field_has_a_control_with_its_name(page):
    ws, _, parser = page
    names = {c["name"] for c in parser.controls}
    for field in ws.fields():
        if field.kind == "repeat":
            for row in range(field.min_rows):
                for sub in field.fields:
                    assert f"{field.id}[{row}].{sub.id}" in names
        elif field.kind == "tracker":
            assert {f"{field.id}.date", f"{field.id}.rating", f"{field.id}.note"} <= names
        else:
            assert field.id in names, field.id


def test_every_control_is_labelled(page):
    _, _, parser = page
    for control in parser.controls:
        if control.get("type") in ("radio", "checkbox"):
            # Each option is wrapped in its label, and the group has a legend.
            assert control["_in_label"] and control["_in_fieldset"], control
        else:
            assert control["id"] in parser.label_for, control


def test_help_is_tied_by_aria_describedby(page):
    _, _, parser = page
    name = next(c for c in parser.controls if c["name"] == "name")
    assert name["aria-describedby"] == "wb-name-help"
    assert parser.ids["wb-name-help"]["tag"] == "p"
    assert "required" in name and name["placeholder"] == "Sam"
    for control in parser.controls:
        for ref in (control.get("aria-describedby") or "").split():
            assert ref in parser.ids, f"{control['name']} points at missing #{ref}"


def test_goal_fields_carry_the_smart_contract(page):
    _, _, parser = page
    goal = next(c for c in parser.controls if c["name"] == "goal")
    assert goal["tag"] == "textarea"
    assert "data-smart-goal" in goal and goal["data-smart-why"] == "why" and goal["data-smart-confidence"] == "sure"
    _, html, _ = page
    assert 'data-smart-feedback="goal"' in html and 'aria-live="polite"' in html


def test_scale_choice_and_checklist_options(page):
    ws, _, parser = page
    radios = [c["value"] for c in parser.controls if c["name"] == "sure"]
    assert radios == [str(n) for n in range(11)]
    assert [c["type"] for c in parser.controls if c["name"] == "pick"] == ["radio", "radio"]
    assert [c["type"] for c in parser.controls if c["name"] == "many"] == ["checkbox", "checkbox"]
    assert [c["value"] for c in parser.controls if c["name"] == "ticks"] == ["sleep", "work"]


def test_author_text_is_escaped(tmp_path):
    src = tmp_path / "x.yml"
    src.write_text(
        "id: x\ntitle: 'A <script>alert(1)</script> title'\nsummary: s\nsections:\n  - title: x\n    fields:\n"
        "      - {id: a, kind: text, label: '<img src=x onerror=alert(1)>', help: '<b>bold</b>'}\n"
    )
    ws, problems = load_file(src)
    assert not problems
    page = render_page(ws)
    assert "<img src=x" not in page and "<script>" not in page and "<b>bold" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


# --- keys added in content v2 (issue 17) ---------------------------------------


@pytest.fixture(scope="module")
def v2():
    return rendered("v2_keys.yml", "../../pdf/v2-keys.pdf")


def test_examples_are_closed_disclosures_with_readable_answers(v2):
    ws, html, _ = v2
    # one per field with an example, closed, each with the same summary
    assert html.count('<details class="wb-example"') == 4
    assert "<details open" not in html
    assert html.count("<summary>See an example</summary>") == 4
    assert "6 out of 10" in html  # a scale reads as a rating, not a bare number
    assert "Quiet; Something else" in html  # option labels, not values
    assert "Buy running shoes" in html and "2030-01-05" in html and "Another way" in html
    # the example PDF is offered beside the blank one
    assert 'href="../../pdf/v2-keys-example.pdf"' in html


def test_examples_hold_no_controls(v2):
    _, html, _ = v2
    for block in html.split('<details class="wb-example"')[1:]:
        body = block.split("</details>", 1)[0]
        assert "<input" not in body and "<textarea" not in body


def test_other_option_saves_in_its_own_text_field(v2):
    ws, html, parser = v2
    radios = [c for c in parser.controls if c.get("name") == "place"]
    assert [c["value"] for c in radios] == ["in-person", "online", "other"]
    ticks = [c for c in parser.controls if c.get("name") == "needs"]
    assert [c["value"] for c in ticks] == ["quiet", "time", "other"]
    for field_id in ("place_other", "needs_other"):
        box = next(c for c in parser.controls if c.get("name") == field_id)
        assert box["type"] == "text" and box["id"] in parser.label_for
        # a field of its own, so the form saves it beside the choice without a new answer shape
        assert re.search(rf'<div class="wb-other[^"]*" (?=[^>]*data-field="{field_id}")(?=[^>]*data-kind="text")', html)
    # and inside repeat rows, a sub-field of its own
    assert re.search(r'<div class="wb-other" (?=[^>]*data-subfield="how_other")(?=[^>]*data-kind="text")', html)
    assert any(c.get("name") == "steps[0].how_other" for c in parser.controls)


def test_repeat_sub_fields_show_help_and_scale_end_labels(v2):
    _, html, parser = v2
    step = next(c for c in parser.controls if c.get("name") == "steps[0].step")
    help_id = step["aria-describedby"]
    assert parser.ids[help_id]["tag"] == "p"
    assert "One small thing." in html
    assert "Rate it before you start." in html
    row = html.split('data-subfield="sure"', 1)[1].split("</fieldset>", 1)[0]
    assert "not at all sure" in row and "fully sure" in row


def test_the_worksheet_links_back_to_its_chapter(v2):
    _, html, _ = v2
    # data-search-exclude: the same line on every worksheet is not searched (issue 16's page bytes)
    assert re.search(r'<p class="wb-chapter" data-search-exclude>This worksheet goes with the chapter <a href="../smart-goals.md">SMART goals</a>\.', html)
    assert "{:" not in html  # the class went onto the paragraph, not into its text
