"""Build time: the real site against plain Material, scaling with workbook size, and PDFs cold and warm.

Every build is ``python -m mkdocs build`` in a fresh interpreter (what an
author waits for, imports included) into a temp dir. The real site and the
plain baseline alternate, so drift on a noisy machine hits both alike.
Scaling uses synthetic workbooks (``bench.synth``) of 10, 100 and 500
worksheets; ``per_worksheet_ms`` is the marginal cost between sizes, which
should stay flat. An in-process breakdown at the largest size shows which
step grows: loading the YAML, rendering the page Markdown, or MkDocs itself.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from . import sites, synth
from .stats import paired_ratios, ratio, summarize

SIZES = (10, 100, 500)


def site_vs_plain(tmp: Path, runs: int, log=print) -> dict:
    real, plain = sites.real_config(tmp, name="build-real"), sites.plain_config(tmp, name="build-plain")
    times: dict[str, list[float]] = {"real": [], "plain": []}
    cpu: dict[str, list[float]] = {"real": [], "plain": []}
    sites.build_or_raise(real, tmp / "warmup")  # the first build pays for cold disk caches
    for i in range(runs):
        for which in (("real", "plain") if i % 2 == 0 else ("plain", "real")):
            dest = tmp / f"build-{which}-{i}"
            wall, used = sites.build_or_raise(real if which == "real" else plain, dest)
            times[which].append(wall)
            cpu[which].append(used)
            shutil.rmtree(dest, ignore_errors=True)
    log(f"build: real {summarize(times['real'], 2)['median']} s, plain {summarize(times['plain'], 2)['median']} s "
        f"(CPU {summarize(cpu['real'], 2)['median']} s, {summarize(cpu['plain'], 2)['median']} s)")
    return {
        "real_s": summarize(times["real"], 3),
        "plain_s": summarize(times["plain"], 3),
        "ratio": ratio(summarize(times["real"]), summarize(times["plain"])),
        "paired_ratio": paired_ratios(zip(times["real"], times["plain"])),
        # CPU time (user + system) is what another process on the machine disturbs least.
        "real_cpu_s": summarize(cpu["real"], 3),
        "plain_cpu_s": summarize(cpu["plain"], 3),
        "cpu_ratio": ratio(summarize(cpu["real"]), summarize(cpu["plain"])),
        "real_config": "mkdocs.yml with workbook pdf: false (paths made absolute)",
        "plain_config": "theme material (same palette, features, font: false), same content/ and Markdown "
                        "extensions, plugins [search], no custom_dir, no extra_css, not strict",
    }


def scaling(tmp: Path, runs: dict[int, int], log=print) -> dict:
    out: dict = {"sizes": {}}
    for size, n in runs.items():
        folder = tmp / f"ws-{size}"
        synth.make_workbook(folder, size)
        config = sites.real_config(tmp, worksheets_dir=folder, name=f"scale-{size}")
        samples, cpu = [], []
        for i in range(n):
            dest = tmp / f"scale-site-{size}-{i}"
            wall, used = sites.build_or_raise(config, dest)
            samples.append(wall)
            cpu.append(used)
            shutil.rmtree(dest, ignore_errors=True)
        out["sizes"][str(size)] = {"build_s": summarize(samples, 3), "cpu_s": summarize(cpu, 3), "runs": n}
        log(f"build: {size} worksheets: {summarize(samples, 2)['median']} s")
    sizes = sorted(runs)
    for key, name in (("build_s", "per_worksheet_ms"), ("cpu_s", "per_worksheet_cpu_ms")):
        marginal = {}
        for a, b in zip(sizes, sizes[1:]):
            ta, tb = out["sizes"][str(a)][key]["median"], out["sizes"][str(b)][key]["median"]
            marginal[f"{a}->{b}"] = round((tb - ta) * 1000 / (b - a), 1)
        out[name] = marginal
    steps = list(out["per_worksheet_cpu_ms"].values())
    out["flatness"] = ratio(steps[-1], steps[0]) if len(steps) > 1 else None
    out["note"] = ("per_worksheet_ms is (build(b) - build(a)) / (b - a), wall and CPU; flatness is the last CPU step "
                   "over the first (1.0 = flat)")
    out["breakdown"] = breakdown(tmp / f"ws-{max(sizes)}")
    return out


def breakdown(folder: Path) -> dict:
    """Per-worksheet ms of the plugin's own steps, in process: load + validate, render the page."""
    from generator.loader import load_all
    from generator.render import render_page

    start = time.perf_counter()
    worksheets = load_all([folder])
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    for ws in worksheets:
        render_page(ws)
    render_s = time.perf_counter() - start
    n = len(worksheets)
    return {"worksheets": n, "load_ms_per_worksheet": round(load_s * 1000 / n, 2),
            "render_ms_per_worksheet": round(render_s * 1000 / n, 2)}


def pdfs(tmp: Path, log=print) -> dict:
    """A PDF build cold (empty cache) and warm (same cache, nothing changed): time, and how many rendered."""
    try:
        from generator.pdf import build_pdfs  # noqa: F401
    except Exception as exc:
        return {"available": False, "reason": f"generator.pdf.build_pdfs not importable: {exc!r}"}
    cache = tmp / "pdf-cache"
    config = sites.real_config(tmp, pdf=True, cache_dir=cache, name="pdf")
    out: dict = {"available": True}
    for visit in ("cold", "warm"):
        dest = tmp / f"pdf-site-{visit}"
        seconds, done = sites.mkdocs_build_verbose(config, dest)
        if done.returncode != 0:
            return {"available": False, "reason": f"mkdocs build with pdf: true failed: {done.stderr.strip()[-600:]}"}
        out[visit] = {"build_s": round(seconds, 3), "cpu_s": round(done.cpu_seconds, 3), **_pdf_log(done.stderr + done.stdout)}
        out[visit]["pdf_files"] = len(list((dest / "pdf").glob("*.pdf")))
        shutil.rmtree(dest, ignore_errors=True)
        log(f"build: PDFs {visit}: {out[visit]['build_s']:.1f} s, {out[visit].get('rendered')} rendered")
    out["in_process_warm"] = pdfs_in_process(cache)
    out["unchanged_rebuild_renders_none"] = (out["warm"].get("rendered") == 0
                                             and out["in_process_warm"].get("weasyprint_renders") == 0)
    return out


def _pdf_log(text: str) -> dict:
    """Counts from the plugin's log lines 'PDF <name>: rendered (...)' and 'PDF <name>: reused'."""
    rendered = sum(1 for line in text.splitlines() if "PDF " in line and ": rendered" in line)
    reused = sum(1 for line in text.splitlines() if "PDF " in line and ": reused" in line)
    return {"rendered": rendered, "reused": reused}


def pdfs_in_process(cache: Path) -> dict:
    """``build_pdfs`` called directly on the cache the builds just filled, counting WeasyPrint renders."""
    try:
        import weasyprint

        from generator.loader import load_all
        from generator.pdf import build_pdfs
        from . import ROOT
    except Exception as exc:
        return {"available": False, "reason": repr(exc)}
    worksheets = load_all([ROOT / "worksheets"])
    calls = {"n": 0}
    original = weasyprint.HTML.write_pdf

    def counting(self, *args, **kwargs):
        calls["n"] += 1
        return original(self, *args, **kwargs)

    weasyprint.HTML.write_pdf = counting
    try:
        start = time.perf_counter()
        build_pdfs(worksheets, out_dir=cache.parent / "pdf-direct", paper="a4", cache_dir=cache, log=lambda *_: None)
        return {"seconds": round(time.perf_counter() - start, 3), "weasyprint_renders": calls["n"]}
    except TypeError as exc:  # the signature moved under us
        return {"available": False, "reason": f"build_pdfs signature: {exc}"}
    finally:
        weasyprint.HTML.write_pdf = original


def run(tmp: Path, quick: bool = False, log=print) -> dict:
    runs = 2 if quick else 5
    scale_runs = {10: 1, 100: 1, 500: 1} if quick else {10: 3, 100: 2, 500: 1}
    out = {"site_vs_plain": site_vs_plain(tmp, runs, log), "scaling": scaling(tmp, scale_runs, log), "pdf": pdfs(tmp, log)}
    if out["pdf"].get("available"):
        # What an unchanged rebuild with PDFs costs over a build without them.
        out["pdf"]["warm_over_no_pdf"] = ratio(out["pdf"]["warm"]["build_s"], out["site_vs_plain"]["real_s"])
        out["pdf"]["warm_over_no_pdf_cpu"] = ratio(out["pdf"]["warm"]["cpu_s"], out["site_vs_plain"]["real_cpu_s"])
    return out
