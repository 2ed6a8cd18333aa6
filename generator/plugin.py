"""The ``workbook`` MkDocs plugin: it orchestrates, and holds no rendering or validation of its own.

Hooks, in build order: load the worksheets (stop the build before anything is
written if one is bad), add their generated pages and the runtime assets to the
files, put the pages in the nav, and watch the YAML when serving.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import assets, contract, csp, deploy, index, minify, offline, render, versioning
from .config import WorkbookConfig
from .loader import WorksheetError, display_path, load_all, problem_at
from .model import Worksheet
from .render import page_path, render_page

log = logging.getLogger("mkdocs.plugins.workbook")
# Every page's crisis-help link (main.html's bar, the footer) goes here: the build needs it.
HELP_PAGE = "getting-help.md"


class WorkbookPlugin(BasePlugin[WorkbookConfig]):
    supports_multiple_instances = False

    # All state is set here, as MkDocs' and Material's plugins do; path options arrive absolute (config.py).
    def __init__(self) -> None:
        super().__init__()
        self.worksheets: list[Worksheet] = []
        self.serving = False
        self.use_directory_urls = True
        self.css_parts: list[str] = []
        self.form_css_parts: list[str] = []
        self.help_url = "getting-help/"  # set from the docs' files in on_files, for either URL style
        self.docs_urls: dict[str, str] = {}

    # Load and validate here, before MkDocs cleans site_dir: a bad worksheet
    # stops the build with compiler-style messages and leaves no half-built site.
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.use_directory_urls = config.use_directory_urls
        try:
            self.worksheets = load_all([Path(self.config.worksheets_dir)])
        except WorksheetError as exc:
            raise PluginError(f"{len(exc.problems)} problem(s) in the worksheets:\n{exc}") from None
        _warn_if_shared_origin(config.site_url, accepted=self.config.shared_origin)
        self._add_to_nav(config)
        # The theme's stylesheets become one (minify.JOINED, made in on_files): pages link that one.
        self.css_parts = minify.own_stylesheets(config.extra_css)
        if self.css_parts:
            config.extra_css = [minify.JOINED] + [e for e in config.extra_css if str(e) not in self.css_parts]
        # The form stylesheets: joined into minify.FORMS, linked only where needed (main.html: forms_css).
        self.form_css_parts = [str(e) for e in self.config.form_css]
        twice = sorted(set(self.form_css_parts) & set(self.css_parts))
        if twice:
            raise PluginError(f"mkdocs.yml: {', '.join(twice)} is under both extra_css and the workbook plugin's form_css")
        return config

    # With an explicit nav, worksheet pages go under one section, in their order;
    # without one, MkDocs lists the generated files by itself.
    def _add_to_nav(self, config: MkDocsConfig) -> None:
        if config.nav is None:
            return
        entries = [{ws.title: page_path(ws)} for ws in self.worksheets]
        for item in config.nav:
            if isinstance(item, dict) and self.config.nav_title in item:
                existing = item[self.config.nav_title] or []
                extra = [e for e in existing if not _is_worksheet_entry(e)]
                item[self.config.nav_title] = entries + extra
                return
        config.nav.append({self.config.nav_title: entries})

    # Generated pages and runtime assets join the file list in memory: nothing
    # is ever written into content/.
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._check_against_docs(files, config)
        for ws in self.worksheets:
            files.append(File.generated(config, page_path(ws), content=render_page(ws, pdf_url=self.pdf_url(ws))))
        checker = assets.checker_files()
        try:  # the trimmed standard library must hold what the checker imports (issue 16)
            runtime = assets.pyodide_files(Path(self.config.pyodide_dir), checker=checker)
        except (FileNotFoundError, assets.stdlib.StdlibError) as exc:
            raise PluginError(str(exc)) from None
        for url, src in {**runtime, **checker}.items():
            files.append(File.generated(config, url, abs_src_path=str(src)))
        files.append(File.generated(config, assets.PYTHON_URL + "manifest.json", content=assets.checker_manifest(checker)))
        # Issue 7: the goal and tracker fields of every worksheet, for the My goals page.
        files.append(File.generated(config, index.URL, content=index.index_json(self.worksheets, use_directory_urls=self.use_directory_urls)))
        # The names shared with the browser, written from contract.py (the theme's copy is for node --test).
        stale = files.get_file_from_path(contract.JS_URL)
        if stale is not None:
            files.remove(stale)
        files.append(File.generated(config, contract.JS_URL, content=contract.js_source()))
        self._join_stylesheets(files, config)
        return files

    # What only the docs' files can tell (review 2): a worksheet's page must not silently replace a
    # chapter's, its chapter link must name a page, and the help page every page links to must exist.
    def _check_against_docs(self, files: Files, config: MkDocsConfig) -> None:
        docs = display_path(Path(config.docs_dir))
        problems = []
        for ws in self.worksheets:
            if files.get_file_from_path(page_path(ws)) is not None:
                problems.append(problem_at(ws, "id", f"the generated page {page_path(ws)} would replace "
                                           f"{docs}/{page_path(ws)}; rename the worksheet's id or the page"))
            if ws.chapter and files.get_file_from_path(ws.chapter.page) is None:
                problems.append(problem_at(ws, "chapter.page", f"no page {ws.chapter.page} in {docs}/"))
        errors = [str(p) for p in sorted(problems)]
        help_page = files.get_file_from_path(HELP_PAGE)
        if help_page is None:
            errors.insert(0, f"{docs}/{HELP_PAGE}: missing: every page links to it (Get help now), so the site is not built without it")
        if errors:
            raise PluginError(f"{len(errors)} problem(s) in the worksheets and pages:\n" + "\n".join(errors))
        self.help_url = help_page.url
        self.docs_urls = {f.src_uri: f.url for f in files.documentation_pages()}

    def doc_url(self, src: str) -> str | None:
        """The site address of a page of the docs (``references.md``), as this build writes it; None if absent."""
        return self.docs_urls.get(src)

    def _join_stylesheets(self, files: Files, config: MkDocsConfig) -> None:
        for joined, urls, where in ((minify.JOINED, self.css_parts, "extra_css"),
                                    (minify.FORMS, self.form_css_parts, "workbook: form_css")):
            parts = []
            for url in urls:
                part = files.get_file_from_path(url)
                if part is None:
                    raise PluginError(f"mkdocs.yml: {where}: {url} is not in the theme's or the docs' files")
                parts.append((url.rsplit("/", 1)[1], Path(part.abs_src_path).read_text("utf-8") if part.abs_src_path else part.content_string))
                files.remove(part)
            if parts:
                files.append(File.generated(config, joined, content=minify.join_css(parts)))

    def forms_css(self, page: Any) -> str | None:
        """The joined form stylesheet, for main.html to link on a page with a mount it styles; else None."""
        if self.form_css_parts and page and minify.needs_forms(getattr(page, "content", None) or ""):
            return minify.FORMS
        return None

    @property
    def wb(self) -> dict:
        """The contract's names for main.html (``workbook.wb.attr.exit``), as the worksheet templates get them."""
        return contract.for_templates()

    def pdf_url(self, ws: Worksheet) -> str | None:
        """Link from a worksheet's page to its PDF, when PDFs are built."""
        if not self.config.pdf:
            return None
        return render.link(render.pdf_url(ws), page=render.page_url(ws, use_directory_urls=self.use_directory_urls))

    # MkDocs compiles the theme's templates (Material's and main.html) in every build, 0.1 s of CPU: keep
    # them compiled between builds, as our own templates are (render.bytecode_cache; same output).
    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if env.bytecode_cache is None:
            env.bytecode_cache = render.bytecode_cache()
        return env

    # A chapter's Markdown may hold raw HTML; a <script> in it stops the build at its file:line.
    def on_page_content(self, html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
        if csp.has_script(html):
            source = page.file.abs_src_path
            text = Path(source).read_text("utf-8") if source else (page.markdown or "")
            shown = display_path(Path(source)) if source else page.file.src_path
            errors = csp.content_script_errors(shown, text, markdown=True)
            raise PluginError("\n".join(errors or [f"{page.file.src_path}: inline <script> in a page: content must not be able to run code"]))
        return html

    # Every page gets its own policy: the hashes of the theme's and the workbook's inline scripts, nothing else.
    def on_post_page(self, output: str, page: Any, config: MkDocsConfig) -> str:
        return self._with_csp(output, page.content or "")

    # Static templates (404.html) are pages too, and get the same treatment.
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return self._with_csp(output_content) if template_name.endswith(".html") else output_content

    def _with_csp(self, html: str, content: str = "") -> str:
        return csp.add_meta(html, content)[0]

    def on_post_build(self, config: MkDocsConfig) -> None:
        # Printable PDFs (issue 5): rendered from the same model, content-hash cached.
        if self.config.pdf:
            from .pdf import PdfError, build_pdfs

            try:
                build_pdfs(self.worksheets, out_dir=Path(config.site_dir) / render.PDF_DIR, paper=self.config.paper,
                           cache_dir=Path(self.config.cache_dir), name=config.site_name, log=log.info)
            except PdfError as exc:
                raise PluginError(str(exc)) from None
        # Versioned URLs (issue 15): a page loads only its own build's code. Not for `mkdocs serve`,
        # which has no service worker and rebuilds into the same folder.
        if not self.serving:
            try:
                small = minify.minify_site(Path(config.site_dir), Path(self.config.node_modules_dir))
            except (FileNotFoundError, RuntimeError) as exc:
                raise PluginError(str(exc)) from None
            log.info("Minified %d files, %d -> %d bytes", small["files"], small["before"], small["after"])
            done = versioning.version_site(Path(config.site_dir), versioning.pyodide_version(Path(self.config.pyodide_dir)))
            log.info("Versioned %d files, code version %s", len(done["renamed"]), done["build"])
        # Offline (issue 9): sw.js with a content-hashed precache manifest of the finished site.
        self._write_offline(config)
        # Last, from the finished site: the response headers for hosts that read _headers (issue 15;
        # workers obey only headers). `workbook deploy` renders the same plan for nginx, Caddy, Netlify.
        site = Path(config.site_dir)
        (site / "_headers").write_text(deploy.headers_file(deploy.plan(site)), encoding="utf-8")

    # `mkdocs serve` writes no service worker: pages then unregister any left from a build.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @property
    def offline_active(self) -> bool:
        """Whether pages register sw.js (read by main.html)."""
        return bool(self.config.offline) and not self.serving

    def _write_offline(self, config: MkDocsConfig) -> None:
        if not self.offline_active:
            return offline.remove_offline(Path(config.site_dir))
        try:
            done = offline.write_offline(Path(config.site_dir), Path(self.config.node_modules_dir))
        except FileNotFoundError as exc:
            raise PluginError(str(exc)) from None
        log.info("Offline: sw.js precaches %d files (%.1f MB), build %s", done["files"], done["bytes"] / 1e6, done["version"])

    # Authors editing YAML or a template see the page rebuild, as they do for Markdown. The
    # templates are the installed package's (render.TEMPLATES), wherever mkdocs.yml is.
    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(self.config.worksheets_dir)
        server.watch(str(render.TEMPLATES))
        return server


def _warn_if_shared_origin(site_url: str | None, *, accepted: bool = False) -> None:
    """A site below an origin's root shares that origin with its siblings: say so (issue 15).

    A warning, so a strict build stops, until the author accepts it (``shared_origin: true``): then info.
    """
    path = urlsplit(site_url or "").path
    if path not in ("", "/"):
        (log.info if accepted else log.warning)(
            "site_url %s puts the workbook at %s, below its origin's root. Everything on that origin is shared "
            "with the sites beside it: their pages can read the answers in localStorage ('workbook:v1'), "
            "'script-src \'self\'' trusts their scripts, and a service worker they register or unregister "
            "affects this one. Serve the workbook from an origin of its own (a user or organisation site, "
            "or a custom domain). Set the workbook plugin's shared_origin: true to accept this.", site_url, path)


def _is_worksheet_entry(entry: Any) -> bool:
    if isinstance(entry, dict):
        entry = next(iter(entry.values()), "")
    return isinstance(entry, str) and entry.startswith("worksheets/")
