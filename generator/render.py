"""Model -> page source: each worksheet becomes a Markdown page holding a real HTML form.

The page is Markdown (so MkDocs builds its title, table of contents and
section headings as usual) wrapping a ``<form>`` whose controls are raw HTML
from Jinja templates. Labels and help are author text and are escaped;
intros are Markdown and are left for MkDocs to render.

Two things every output shares live here: ``environment`` (the one Jinja set-up
for pages, print HTML and the service worker) and the site's addresses
(``page_url``, ``pdf_url``, ``link``), so a page, the index and a PDF link agree.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.utils import get_relative_url

from . import contract
from .contract import dom_id
from .model import EXAMPLE_SUFFIX, Worksheet

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Where the PDFs are in the built site.
PDF_DIR = "pdf/"


def environment(**options: Any) -> jinja2.Environment:
    """A Jinja environment over ``templates/``: autoescaped, strict about undefined names, with the contract.

    ``options`` override Jinja settings (the service worker is JavaScript, not
    HTML, so it turns autoescape off); callers add their own filters and cache
    the result.
    """
    settings: dict[str, Any] = {
        "loader": jinja2.FileSystemLoader(TEMPLATES),
        "bytecode_cache": bytecode_cache(),
        "autoescape": True,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        **options,
    }
    env = jinja2.Environment(**settings)
    env.filters["dom_id"] = dom_id
    # The names shared with the browser (contract.py): {{ wb.attr.field }} is "data-field".
    env.globals["wb"] = contract.for_templates()
    return env


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates kept between builds; a cache that cannot be written is only slower."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@lru_cache(maxsize=1)
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiling the templates took 40 ms of every build's CPU (a fortieth of the real site's build).

    Kept in the user's cache folder beside the runtime files (``assets.runtime_cache``); Jinja names each
    entry by the template and checks its source's hash, so an edited template is compiled again.
    """
    from .assets import runtime_cache

    folder = runtime_cache().parent / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


@lru_cache(maxsize=1)
def page_environment() -> jinja2.Environment:
    return environment()


# --- addresses ---------------------------------------------------------------


def page_path(ws: Worksheet) -> str:
    """Where a worksheet's generated page lives inside docs_dir."""
    return f"worksheets/{ws.id}.md"


def page_url(ws: Worksheet, *, use_directory_urls: bool = True) -> str:
    """The worksheet page's address, relative to the site root (as MkDocs writes it)."""
    return f"worksheets/{ws.id}/" if use_directory_urls else f"worksheets/{ws.id}.html"


def pdf_file(ws: Worksheet, *, example: bool = False) -> str:
    """The file name of a worksheet's PDF, or of its example PDF (the worked case's answers)."""
    return f"{ws.id}{EXAMPLE_SUFFIX}.pdf" if example else f"{ws.id}.pdf"


def pdf_url(ws: Worksheet, *, example: bool = False) -> str:
    """A worksheet's PDF address, relative to the site root."""
    return PDF_DIR + pdf_file(ws, example=example)


def link(target: str, *, page: str) -> str:
    """A relative link from the page at site address ``page`` to the site address ``target``."""
    return get_relative_url(target, page)


def render_page(ws: Worksheet, *, pdf_url: str | None = None) -> str:
    """The Markdown source of a worksheet's page; ``pdf_url`` is relative to the page."""
    return page_environment().get_template("page.md.j2").render(ws=ws, pdf_url=pdf_url)
