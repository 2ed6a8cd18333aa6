"""Model -> print HTML -> PDF, with a content-hash cache so an unchanged worksheet is never re-rendered.

Two steps, kept apart: ``render_worksheet_html`` / ``render_workbook_html`` turn
the model into print HTML (Jinja, ``templates/print/``), and ``write_pdf`` is
the only place WeasyPrint is called. ``build_pdfs`` joins them: one PDF per
worksheet, ``<id>-example.pdf`` for each worksheet with examples (the worked
case's answers as text), plus ``workbook.pdf`` (cover, contents, every
worksheet in order).

Every PDF is tagged PDF/UA-1 and fillable: each ``<input>``/``<textarea>`` in
the print HTML becomes a form field named after the field id
(``goal``, ``steps[0].step``, ``ratings[3].rating``, ``ticks[sleep]``).

The cache key of a worksheet PDF is the sha256 of its model JSON, every file
under ``templates/print/``, this module's source, the paper size, the
WeasyPrint version and the workbook's name (``site_name``) when it is not the default; the workbook's key is the hash of all worksheet keys in
order. Renders are stored in ``<cache_dir>/pdf/<key>.pdf`` and copied to the
output folder, so a build with nothing changed renders nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Sequence
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
import markdown as md
from markupsafe import Markup

from . import render
from .model import WORKBOOK_ID, RepeatField, Worksheet
from .render import TEMPLATES

# The workbook's name on the cover and in every PDF's metadata: mkdocs.yml's site_name
# (the plugin passes it); this default is for callers without a config.
WORKBOOK_NAME = "Therapy Goals Workbook"
WORKBOOK_FILE = f"{WORKBOOK_ID}.pdf"  # a reserved worksheet id (model.py)
LANG = "en"
# CSS page sizes for the plugin's ``paper`` option.
PAGE_SIZES = {"a4": "A4", "letter": "letter"}
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_forms": True}
PRINT_TEMPLATES = TEMPLATES / "print"
# Cached renders unused for this long are removed.
CACHE_MAX_AGE = 30 * 24 * 3600


@dataclass
class PdfBuild:
    """What one ``build_pdfs`` run did: file names rendered and reused, wall time in seconds."""

    rendered: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return f"PDFs: {len(self.rendered)} rendered, {len(self.reused)} reused in {self.seconds:.1f} s"


# --- model -> print HTML --------------------------------------------------


def repeat_rows(group: RepeatField) -> int:
    """Empty rows printed for a repeat group: its print_rows, else at least four, or min_rows, but never past max_rows."""
    if group.print_rows is not None:
        return min(group.print_rows, group.max_rows)
    return min(max(group.min_rows, 4), group.max_rows)


def example_name(ws: Worksheet) -> str:
    """The file name of a worksheet's example PDF (the worked case's answers)."""
    return render.pdf_file(ws, example=True)


# A link Markdown wrote from an intro: <a href="...">text</a>.
_LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>', re.S)
_PAGE = re.compile(r"^(?:\.\./)*(?:worksheets/)?([a-z][a-z0-9_-]*)\.md(?:#.*)?$")


@jinja2.pass_context
def markdown_filter(context: jinja2.runtime.Context, text: str) -> Markup:
    """An intro's Markdown (the authors' own, trusted like the chapters) as HTML for paper.

    Links between pages of the site mean nothing on paper: a link to a
    worksheet printed in the same document goes to it; any other site link
    becomes plain text. Web addresses stay links.
    """

    def link(match: re.Match) -> str:
        href, label = match.groups()
        if href.startswith(("https:", "http:", "mailto:")):
            return match.group(0)
        page = _PAGE.match(href)
        if page and page.group(1) in context["printed_ids"]:
            return f'<a href="#ws-{page.group(1)}">{label}</a>'
        return label

    return Markup(_LINK.sub(link, md.markdown(text)))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The print templates' Jinja environment: the site's (render.environment), with a Markdown filter for intros."""
    env = render.environment(keep_trailing_newline=False)
    env.filters["markdown"] = markdown_filter
    env.globals["rows_for"] = repeat_rows
    return env


def _context(paper: str, doc_title: str, doc_description: str, printed: Sequence[Worksheet], name: str) -> dict:
    if paper not in PAGE_SIZES:
        raise ValueError(f"unknown paper size {paper!r}; expected one of: {', '.join(PAGE_SIZES)}")
    return {
        "lang": LANG,
        "page_size": PAGE_SIZES[paper],
        "css": (PRINT_TEMPLATES / "print.css").read_text("utf-8"),
        "workbook_name": name,
        "doc_title": doc_title,
        "doc_description": doc_description,
        "prefix": "",
        "printed_ids": {ws.id for ws in printed},
    }


def render_worksheet_html(ws: Worksheet, *, paper: str = "a4", name: str = WORKBOOK_NAME) -> str:
    """The print HTML of one worksheet; its form fields are named by field id."""
    context = _context(paper, ws.title, ws.summary, [ws], name)
    return environment().get_template("print/worksheet.html.j2").render(ws=ws, **context)


def render_example_html(ws: Worksheet, *, paper: str = "a4", name: str = WORKBOOK_NAME) -> str:
    """The print HTML of a worksheet filled with its examples: read-only text, no form fields."""
    context = _context(paper, f"{ws.title}: example answers", f"Example answers for: {ws.summary}", [ws], name)
    return environment().get_template("print/example.html.j2").render(ws=ws, **context)


def render_workbook_html(worksheets: Sequence[Worksheet], *, paper: str = "a4", name: str = WORKBOOK_NAME) -> str:
    """The print HTML of the whole workbook; form field names are prefixed with ``<worksheet id>.``."""
    context = _context(paper, name, "Every worksheet of the workbook, ready to print or fill on screen.", worksheets, name)
    return environment().get_template("print/workbook.html.j2").render(worksheets=worksheets, **context)


# --- print HTML -> PDF ------------------------------------------------------


class PdfError(Exception):
    """A PDF that cannot be made as asked (an intro names a web address); the message says where."""

    def __init__(self, message: str, url: str = ""):
        super().__init__(message)
        self.url = url


def _is_local(url: str) -> bool:
    """data: URLs, and files under the print templates: all a PDF may use."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file":
        return False
    path = Path(url2pathname(parts.path)).resolve()
    return path.is_relative_to(PRINT_TEMPLATES.resolve())


def _local_fetcher():
    """WeasyPrint's fetcher, refusing (and stopping the render at) anything not local: no network at build time."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class Refused(FatalURLFetchingError):  # a BaseException: WeasyPrint lets it end the render
        pass

    class LocalOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if not _is_local(url):
                raise Refused(url)
            return super().fetch(url, headers)

    return LocalOnly(), Refused


def write_pdf(html: str, target: Path) -> float:
    """Render print HTML to a tagged, fillable PDF at ``target`` (written atomically); return seconds taken."""
    import weasyprint

    start = time.perf_counter()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    fetcher, refused = _local_fetcher()
    try:
        weasyprint.HTML(string=html, base_url=str(PRINT_TEMPLATES), url_fetcher=fetcher).write_pdf(partial, **PDF_OPTIONS)
        partial.replace(target)
    except refused as exc:
        raise PdfError(f"refused to fetch '{exc}': a PDF is built from local files only (no network at build time); "
                       "remove it from the worksheet", str(exc)) from None
    finally:
        partial.unlink(missing_ok=True)
    return time.perf_counter() - start


def _written_at(text: str, worksheets: Sequence[Worksheet]) -> str:
    """'worksheets/x.yml:12: ' where ``text`` (a refused address) is written, or '' when no file holds it."""
    for ws in worksheets:
        shown = ws._origin[0]
        try:
            lines = Path(shown).read_text("utf-8").splitlines()
        except OSError:
            continue
        line = next((n for n, l in enumerate(lines, 1) if text in l), None)
        if line:
            return f"{shown}:{line}: "
    return ""


# --- the cache --------------------------------------------------------------


def code_fingerprint() -> bytes:
    """What every render depends on besides the worksheet: print templates, CSS, this module, WeasyPrint.

    Read afresh on every build, so that under ``mkdocs serve`` an edited template re-renders.
    """
    digest = hashlib.sha256(f"weasyprint {metadata.version('weasyprint')}\n".encode())
    digest.update(Path(__file__).read_bytes() + b"\0")
    for path in sorted(PRINT_TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(PRINT_TEMPLATES).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.digest()


def worksheet_key(ws: Worksheet, paper: str, fingerprint: bytes, name: str = WORKBOOK_NAME) -> str:
    digest = hashlib.sha256(fingerprint)
    digest.update(f"\0paper={paper}\0".encode())
    if name != WORKBOOK_NAME:  # printed on every page's metadata; the default adds nothing, so old renders stay valid
        digest.update(f"name={name}\0".encode())
    digest.update(ws.model_dump_json().encode())
    return digest.hexdigest()


def workbook_key(keys: Sequence[str]) -> str:
    return hashlib.sha256(("workbook\0" + "\0".join(keys)).encode()).hexdigest()


def _prune(cache: Path, keep: set[Path]) -> None:
    """Drop cached renders nobody has used for CACHE_MAX_AGE (both paper sizes stay warm meanwhile)."""
    cutoff = time.time() - CACHE_MAX_AGE
    for path in cache.glob("*.pdf"):
        if path not in keep and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


# --- the build --------------------------------------------------------------


@dataclass
class _Job:
    name: str
    cached: Path
    html: Callable[[], str]


def build_pdfs(
    worksheets: Sequence[Worksheet],
    *,
    out_dir: Path,
    paper: str = "a4",
    cache_dir: Path,
    name: str = WORKBOOK_NAME,
    log: Callable[[str], object] = print,
) -> PdfBuild:
    """Write ``<id>.pdf`` for every worksheet and ``workbook.pdf`` into ``out_dir``, re-rendering only what changed.

    Renders run one after another in this process: a cold build of the nine
    worksheets and the workbook takes a few seconds, and worker processes
    (spawned, since the parent may hold Pango state and threads) cost more in
    start-up than they saved on a busy 2-core machine.
    """
    start = time.perf_counter()
    out_dir, cache = Path(out_dir), Path(cache_dir) / "pdf"
    cache.mkdir(parents=True, exist_ok=True)
    fingerprint = code_fingerprint()
    keys = {ws.id: worksheet_key(ws, paper, fingerprint, name) for ws in worksheets}

    def job(name: str, key: str, html: Callable[[], str]) -> _Job:
        return _Job(name, cache / f"{key}.pdf", html)

    jobs = [job(render.pdf_file(ws), keys[ws.id], lambda ws=ws: render_worksheet_html(ws, paper=paper, name=name)) for ws in worksheets]
    jobs += [
        job(example_name(ws), hashlib.sha256(f"example\0{keys[ws.id]}".encode()).hexdigest(),
            lambda ws=ws: render_example_html(ws, paper=paper, name=name))
        for ws in worksheets if ws.has_examples()
    ]
    jobs.append(job(WORKBOOK_FILE, workbook_key(list(keys.values())), lambda: render_workbook_html(worksheets, paper=paper, name=name)))

    result = PdfBuild()
    todo = [j for j in jobs if not j.cached.exists()]
    for j in todo:
        try:
            log(f"PDF {j.name}: rendered ({write_pdf(j.html(), j.cached):.1f} s)")
        except PdfError as exc:
            raise PdfError(f"{_written_at(exc.url, worksheets)}{render.PDF_DIR}{j.name}: {exc}", exc.url) from None
    out_dir.mkdir(parents=True, exist_ok=True)
    for j in jobs:
        if j in todo:
            result.rendered.append(j.name)
        else:
            result.reused.append(j.name)
            log(f"PDF {j.name}: reused")
        os.utime(j.cached)  # keeps it from being pruned
        shutil.copyfile(j.cached, out_dir / j.name)
    _prune(cache, {j.cached for j in jobs})
    result.seconds = time.perf_counter() - start
    log(result.summary())
    return result
