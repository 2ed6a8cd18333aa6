"""The ``workbook`` plugin's typed configuration, with a default for every option.

Paths are ``c.Dir`` options, as MkDocs' own ``docs_dir`` is: a relative path is
resolved against the folder of ``mkdocs.yml`` (not the shell's working
directory), and the value the plugin reads is absolute. A folder the build
cannot do without must exist, or ``mkdocs build`` stops at the config check.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class WorkbookConfig(base.Config):
    # Where worksheet definitions live.
    worksheets_dir = c.Dir(exists=True, default="worksheets")
    # The pinned npm package whose core files are served from the site itself. Not checked
    # here: its absence is reported by the build with the fix ('npm ci').
    pyodide_dir = c.Dir(default="node_modules/pyodide")
    # Title of the nav section the worksheet pages go under.
    nav_title = c.Type(str, default="Worksheets")
    # Render printable PDFs during the build (WeasyPrint).
    pdf = c.Type(bool, default=True)
    # Paper size of the PDFs.
    paper = c.Choice(("a4", "letter"), default="a4")
    # Where the PDF cache lives (content-hashed renders); created when missing.
    cache_dir = c.Dir(default=".cache/workbook")
    # Offline: a service worker (sw.js at the site root) precaches the whole site
    # after the first visit. Never written by `mkdocs serve`, so authors always see fresh pages.
    offline = c.Type(bool, default=True)
    # The theme's stylesheets that only pages with a worksheet, the workbook's tools or
    # My goals need: joined into one (assets/stylesheets/forms.css) that only those pages
    # link, so reading pages do not download them (issue 16; generator/minify.py).
    form_css = c.ListOfItems(c.Type(str), default=[])
    # Where the pinned Workbox packages are (npm). Needed only when offline is on,
    # so its absence is reported then, with the fix.
    node_modules_dir = c.Dir(default="node_modules")
    # Where "Exit this page" (and Shift pressed three times) goes, replacing the
    # page in history. Default: BBC Weather, the GOV.UK Design System's example of
    # a neutral, everyday page that looks unremarkable on a shared screen.
    exit_url = c.Type(str, default="https://www.bbc.co.uk/weather")
    # A site_url below its origin's root (https://example.org/sub/) shares the origin with its
    # neighbours: the build warns (so --strict stops) unless the author sets this, having read why.
    shared_origin = c.Type(bool, default=False)
