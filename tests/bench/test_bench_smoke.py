"""The bench's pure helpers work. No timing is asserted here: a timed test is not a benchmark."""

from __future__ import annotations

import yaml

from bench import HERE, ROOT, report, sites, synth
from bench.stats import paired_ratios, ratio, summarize
from generator.loader import load_all


def test_summary_is_median_min_max_and_skips_failed_runs():
    assert summarize([3, 1, 2, None]) == {"median": 2.0, "min": 1.0, "max": 3.0, "n": 3, "failed": 1}
    assert summarize([]) == {"median": None, "min": None, "max": None, "n": 0}


def test_ratio_of_medians_and_of_pairs():
    assert ratio(summarize([2, 4, 6]), summarize([1, 2, 3])) == 2.0
    assert ratio(3.0, 0) is None and ratio(None, 1.0) is None
    assert paired_ratios([(2, 1), (3, 1), (None, 1), (1, 0)])["median"] == 2.5


def test_synthetic_workbook_has_n_valid_distinct_worksheets(tmp_path):
    files = synth.make_workbook(tmp_path, 23)
    assert len(files) == 23
    worksheets = load_all([tmp_path])
    assert len(worksheets) == 23
    assert len({ws.id for ws in worksheets}) == 23
    real_ids = {ws.id for ws in load_all([synth.ROOT / "worksheets"])}
    assert real_ids <= {ws.id for ws in worksheets}  # the chapters' links still resolve


def test_variant_changes_only_top_level_id_title_order():
    text = "# c\nid: a\ntitle: 'A: b'\nsummary: s\norder: 5\nsections:\n  - title: T\n    fields:\n      - id: x\n"
    new_id, out = synth.variant(text, 3, 1042)
    data = yaml.safe_load(out)
    assert new_id == "a-n3" and data["id"] == "a-n3" and data["title"] == "A: b (3)" and data["order"] == 1042
    assert data["sections"][0]["fields"][0]["id"] == "x"


def test_configs_are_absolute_and_plain_has_no_plugin(tmp_path):
    real = yaml.safe_load(sites.real_config(tmp_path).read_text())
    plugin = next(p["workbook"] for p in real["plugins"] if isinstance(p, dict) and "workbook" in p)
    assert plugin["pdf"] is False
    assert all(plugin[k].startswith("/") for k in plugin if k.endswith("_dir"))
    plain = yaml.safe_load(sites.plain_config(tmp_path).read_text())
    assert plain["plugins"] == ["search"] and "custom_dir" not in plain["theme"] and plain["theme"]["font"] is False


def test_bare_page_files_exist():
    for name in ("index.html", "bare.js", "bare-worker.mjs"):
        assert (HERE / "bare" / name).is_file()
    assert "./pyodide/pyodide.mjs" in (HERE / "bare" / "bare-worker.mjs").read_text()


def test_the_bare_page_gets_stock_pyodide(tmp_path):
    sites.add_bare(tmp_path)
    for name in sites.STOCK_PYODIDE:
        assert (tmp_path / "bench-bare" / "pyodide" / name).read_bytes() == (ROOT / "node_modules" / "pyodide" / name).read_bytes()
    assert (HERE / "pyodide_node.mjs").is_file()


def test_table_renders_with_missing_parts():
    text = report.table({"build": {"pdf": {"available": False, "reason": "not there yet"}}})
    assert "Checker, native" in text and "not available" in text


def test_table_shows_second_visit_and_precache_apart_from_page_weight():
    page = {"bytes": 350_000, "pyodide_bytes": 0}
    results = {
        "feedback": {"cold": {"ratio": 1.1}, "warm": {"ratio": 1.0},
                     "second": {"site_ms": {"median": 3000.0, "min": 2900.0, "max": 3100.0}, "ratio": 0.5,
                                "target": 0.6, "from_snapshot": [True, True]}},
        "weight": {"reading": {"smart-goals/": {"site": page, "plain": {"bytes": 340_000}, "ratio": 1.03}},
                   "reading_pages_load_no_pyodide": True,
                   "precache": {"page": "smart-goals/", "bytes": 14_000_000, "pyodide_bytes": 13_000_000,
                                "manifest": {"bytes": 14_100_000}}},
    }
    rows = {r[0]: r for r in report.rows(results)}
    second = rows["First feedback, second visit (service worker + snapshot, 2/2 from snapshot)"]
    assert second[2] == "0.50× bare cold" and second[4] == "yes"
    assert rows["Reading pages fetch no Pyodide while they load"][4] == "yes"
    precache = next(r for name, r in rows.items() if name.startswith("Offline precache after load + idle"))
    assert precache[1] == "14,000,000 B" and "14,100,000" in precache[0]


def test_table_renders_results_from_before_the_precache_was_split():
    old = {"feedback": {"cold": {"ratio": 1.48}, "warm": {"ratio": 1.2}},
           "weight": {"reading": {"smart-goals/": {"site": {"bytes": 1, "pyodide_bytes": 1, "bytes_without_service_worker": 1},
                                                   "plain": {"bytes": 1}, "ratio": 1.0}},
                      "reading_pages_load_no_pyodide": False}}
    text = report.table(old)
    assert "second visit" in text and "Offline precache" not in text


def test_precache_manifest_is_read_from_sw_js(tmp_path):
    from bench.weight import manifest_bytes

    (tmp_path / "assets" / "pyodide").mkdir(parents=True)
    (tmp_path / "index.html").write_text("x" * 10)
    (tmp_path / "assets" / "pyodide" / "pyodide.asm.wasm").write_bytes(b"\0" * 100)
    (tmp_path / "sw.js").write_text('precaching.precacheAndRoute([{"url":"index.html","revision":"a"},\n'
                                    '{"url":"assets/pyodide/pyodide.asm.wasm","revision":"b"}], {\n  ignoreURLParametersMatching: []\n});\n')
    assert manifest_bytes(tmp_path) == {"files": 2, "bytes": 110, "pyodide_bytes": 100}
    assert manifest_bytes(None) is None
