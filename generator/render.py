"""Model -> page source: each worksheet becomes a Markdown page holding a real HTML form.

The page is Markdown (so MkDocs builds its title, table of contents and
section headings as usual) wrapping a ``<form>`` whose controls are raw HTML
from Jinja templates. Labels and help are author text and are escaped;
intros are Markdown and are left for MkDocs to render.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from . import contract
from .contract import dom_id
from .model import Worksheet

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """One Jinja environment: autoescaped, strict about undefined names."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["dom_id"] = dom_id
    # The names shared with the browser (contract.py): {{ wb.attr.field }} is "data-field".
    env.globals["wb"] = contract.for_templates()
    return env


def page_path(ws: Worksheet) -> str:
    """Where a worksheet's generated page lives inside docs_dir."""
    return f"worksheets/{ws.id}.md"


def render_page(ws: Worksheet, *, pdf_url: str | None = None) -> str:
    """The Markdown source of a worksheet's page."""
    return environment().get_template("page.md.j2").render(ws=ws, pdf_url=pdf_url)
