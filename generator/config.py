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
    # Offline: a service worker (sw.js at the site root) precaches the whole site
    # after the first visit. Never written by `mkdocs serve`, so authors always see fresh pages.
    offline = c.Type(bool, default=True)
    # Where the pinned Workbox packages are (npm), relative to mkdocs.yml.
    node_modules_dir = c.Type(str, default="node_modules")
    # Where "Exit this page" (and Shift pressed three times) goes, replacing the
    # page in history. Default: BBC Weather, the GOV.UK Design System's example of
    # a neutral, everyday page that looks unremarkable on a shared screen.
    exit_url = c.Type(str, default="https://www.bbc.co.uk/weather")
