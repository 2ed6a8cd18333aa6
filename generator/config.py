"""The ``workbook`` plugin's typed configuration, with a default for every option."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class WorkbookConfig(base.Config):
    # Where worksheet definitions live, relative to mkdocs.yml.
    worksheets_dir = c.Type(str, default="worksheets")
    # The pinned npm package whose core files are served from the site itself.
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    # Title of the nav section the worksheet pages go under.
    nav_title = c.Type(str, default="Worksheets")
    # Render printable PDFs during the build (WeasyPrint).
    pdf = c.Type(bool, default=True)
    # Paper size of the PDFs.
    paper = c.Choice(("a4", "letter"), default="a4")
    # Where the PDF cache lives (content-hashed renders), relative to mkdocs.yml.
    cache_dir = c.Type(str, default=".cache/workbook")
