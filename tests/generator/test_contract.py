"""The contract between Python and the browser (generator/contract.py): one set of names, used by both sides."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from generator import contract, render
from generator.model import Worksheet
from generator.smart import report, text

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "site_overrides" / "assets" / "javascripts"
TEMPLATES = ROOT / "generator" / "templates"


def test_the_source_tree_copy_of_contract_js_is_current():
    # The plugin writes contract.js into every build; node --test reads this copy.
    assert contract.JS_COPY.read_text(encoding="utf-8") == contract.js_source(), "run: python -m generator.contract"


def test_contract_js_loads_and_says_what_contract_py_says():
    script = (
        "import('" + contract.JS_COPY.as_uri() + "').then((c) => console.log(JSON.stringify({"
        "attr: c.ATTR, message: c.MESSAGE, event: c.EVENT, id: c.ID_PATTERN, format: c.INDEX_FORMAT,"
        "storage: c.STORAGE_VERSION, version: c.WORKBOOK_VERSION, dom: c.domId('goal', 2, 'step'),"
        "caution: c.CAUTION_NOTE, ok: c.isId('first_steps'), bad: c.isId('__proto__'), sel: c.sel(c.ATTR.field, 'a\"b')})))"
    )
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout
    import json

    got = json.loads(out)
    assert got["attr"] == contract.ATTRS and got["message"] == contract.MESSAGES and got["event"] == contract.EVENTS
    assert got["id"] == contract.ID_PATTERN and got["format"] == contract.INDEX_FORMAT
    assert got["storage"] == contract.STORAGE_VERSION and got["version"] == contract.WORKBOOK_VERSION
    assert got["dom"] == contract.dom_id("goal", 2, "step") == "wb-goal-2-step"
    assert got["ok"] is True and got["bad"] is False
    # the caution tier's line is the checker's own words (smart/text.py), split for the link
    assert "".join(got["caution"][k] for k in ("before", "link", "after")) == "".join(text.CAUTION_NOTE)
    assert got["sel"] == '[data-field="a\\"b"]'


def test_the_package_version_comes_from_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert contract.WORKBOOK_VERSION == project["version"]


def test_the_model_uses_the_contract_id_rule():
    pattern = Worksheet.model_json_schema()["properties"]["id"]["pattern"]
    assert pattern == contract.ID_PATTERN
    assert contract.ID_RE.match("smart-goal") and not contract.ID_RE.match("Smart")


def test_criteria_and_framing_are_the_checkers_own():
    assert [key for key, _ in contract.CRITERIA] == list(report.CRITERIA)
    assert contract.FRAMING == text.FRAMING
    assert set(contract.STATUS_WORDS) == {report.MET, report.PARTIAL, report.MISSING}


def test_every_attribute_is_one_scheme_of_data_names_and_smart_names_are_kept():
    assert all(re.fullmatch(r"data-[a-z]+(-[a-z]+)*", name) for name in contract.ATTRS.values())
    assert len(set(contract.ATTRS.values())) == len(contract.ATTRS)
    smart = {k: v for k, v in contract.ATTRS.items() if v.startswith("data-smart-")}
    assert smart == {"smartGoal": "data-smart-goal", "smartWhy": "data-smart-why",
                     "smartConfidence": "data-smart-confidence", "smartFeedback": "data-smart-feedback"}


def test_templates_write_no_data_attribute_by_hand_and_the_dead_ones_are_gone():
    for path in (TEMPLATES / "fields").glob("*.j2"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\sdata-[a-z]", source), f"{path.name}: use {{{{ wb.attr.* }}}}"
    page = (TEMPLATES / "page.md.j2").read_text(encoding="utf-8")
    assert not re.search(r"\sdata-[a-z]", page)
    ws = Worksheet.model_validate({
        "id": "w", "title": "W", "summary": "S.", "sections": [{"title": "T", "fields": [
            {"id": "steps", "kind": "repeat", "label": "Steps", "fields": [{"id": "step", "kind": "text", "label": "Step"}]},
            {"id": "goal", "kind": "goal", "label": "Goal", "why": "steps"},
            {"id": "rate", "kind": "tracker", "label": "Rate", "goal": "goal"},
        ]}],
    })
    html = render.render_page(ws)
    assert "data-row" not in html and "data-tracker-goal" not in html
    for key in ("worksheet", "field", "kind", "subfield", "repeatRows", "repeatTemplate", "repeatAdd", "repeatRemove",
                "smartGoal", "smartWhy", "smartFeedback", "tracker", "trackerAdd", "trackerEntries"):
        assert contract.ATTRS[key] in html, key



# Attributes the markup carries for tests and print styles only, not read by a module.
NOT_READ_BY_MODULES = {"trackerEntry": "the tracker's entry form: print and browser tests find it",
                       "searchExclude": "read by Material's search plugin at build time"}


def _module_sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(JS.glob("*.*js")) if p.name != "contract.js")


def test_every_contract_attribute_is_read_by_some_browser_module():
    sources = _module_sources()
    unread = [key for key in contract.ATTRS if f"ATTR.{key}" not in sources and key not in NOT_READ_BY_MODULES]
    assert unread == []


def test_browser_modules_do_not_spell_contract_attributes_themselves():
    code = [line for line in _module_sources().splitlines() if not line.lstrip().startswith(("//", "/*", "*"))]
    sources = "\n".join(code)
    for name in contract.ATTRS.values():
        # A selector or a string with the bare name means the module bypasses the contract.
        assert not re.search(rf"""["'`\[]{re.escape(name)}["'`\]=]""", sources), name
    for event in contract.EVENTS.values():
        assert f'"{event}"' not in sources, event


def test_the_checker_words_are_read_from_its_source_as_it_defines_them():
    # contract.py reads them as literals (so a build does not import the checker): same values as importing them.
    read = contract.checker_constants()
    assert read == {"CRITERIA": report.CRITERIA, "MET": report.MET, "MISSING": report.MISSING, "PARTIAL": report.PARTIAL,
                    "CAUTION_NOTE": text.CAUTION_NOTE, "FRAMING": text.FRAMING, "TITLES": text.TITLES}
    assert contract.STATUS_WORDS == {report.MET: "clear", report.PARTIAL: "nearly there", report.MISSING: "not yet"}


def test_the_checker_words_fall_back_to_an_import_when_one_is_not_a_literal(tmp_path, monkeypatch):
    smart = tmp_path / "smart"
    smart.mkdir()
    (smart / "report.py").write_text((contract._SMART / "report.py").read_text("utf-8").replace(
        'CRITERIA = ("specific"', 'CRITERIA = tuple(["specific"]) + ("specific"', 1), encoding="utf-8")
    (smart / "text.py").write_text((contract._SMART / "text.py").read_text("utf-8"), encoding="utf-8")
    monkeypatch.setattr(contract, "_SMART", smart)
    assert "CRITERIA = tuple(" in (smart / "report.py").read_text("utf-8")
    assert contract.checker_constants()["CRITERIA"] == report.CRITERIA  # imported, not the edited copy's value


def test_building_pages_does_not_import_the_checker():
    # The checker's package compiles its patterns on import (a tenth of a build's CPU); the plugin needs none of it.
    code = "import sys, generator.plugin, generator.render; print('generator.smart' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"
