"""The ``workbook`` command: validate worksheets, print the schema, check a goal, build PDFs, write deploy configs.

Exit codes: 0 success, 1 a problem with the input (bad worksheet), 2 a usage error (including an
output path that cannot be written).
Heavy imports stay inside each verb so ``workbook check`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def _problems(exc) -> int:
    """Every problem, then their count: the same ending for every verb that loads worksheets."""
    print(exc, file=sys.stderr)
    print(f"{len(exc.problems)} problem(s) found.", file=sys.stderr)
    return 1


def _cannot_write(verb: str, exc: OSError) -> int:
    print(f"workbook {verb}: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
    return 2


def _write(verb: str, path: Path | None, text: str) -> int:
    """Write a verb's output to ``path``, or to standard output without one."""
    if not path:
        sys.stdout.write(text)
        return 0
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        return _cannot_write(verb, exc)
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .loader import WorksheetError, load_all

    try:
        worksheets = load_all(args.paths or [Path("worksheets")])
    except WorksheetError as exc:
        return _problems(exc)
    print(f"OK: {len(worksheets)} worksheet(s) valid: {', '.join(ws.id for ws in worksheets)}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .model import json_schema

    return _write("schema", args.output, json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


def _check(args: argparse.Namespace) -> int:
    from .smart import check_goal

    report = check_goal(args.goal, why=args.why, confidence=args.confidence)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        from .smart.text import format_report

        print(format_report(report, args.goal))
    return 0


def _pdf(args: argparse.Namespace) -> int:
    from .loader import WorksheetError, load_all
    from .pdf import PdfError, build_pdfs

    for folder in (args.out, args.cache):  # before any rendering: a bad path fails at once
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return _cannot_write("pdf", exc)
    try:
        worksheets = load_all([args.worksheets])
    except WorksheetError as exc:
        return _problems(exc)
    try:
        build_pdfs(worksheets, out_dir=args.out, paper=args.paper, cache_dir=args.cache, log=print)
    except PdfError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def _deploy(args: argparse.Namespace) -> int:
    from . import deploy

    site = args.site.resolve()
    if not (site / "index.html").is_file():
        print(f"{args.site}: not a built site (no index.html). Run 'make build' first.", file=sys.stderr)
        return 1
    plan = deploy.plan(site)
    root = args.root or site
    text = {
        "headers": lambda: deploy.headers_file(plan),
        "netlify": lambda: deploy.netlify_toml(plan, publish=args.publish),
        "nginx": lambda: deploy.nginx_conf(plan, root, listen=args.listen, server_name=args.server_name),
        "caddy": lambda: deploy.caddyfile(plan, root, address=args.address),
    }[args.host]()
    return _write("deploy", args.output, text)


def _confidence(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number from 0 to 10") from None
    if not 0 <= number <= 10:
        raise argparse.ArgumentTypeError(f"{number} is outside 0 to 10")
    return number


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="workbook", description=__doc__.splitlines()[0])
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")

    v = verbs.add_parser("validate", help="check worksheet YAML files; exit 1 listing every problem")
    v.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: worksheets/)")
    v.set_defaults(run=_validate)

    s = verbs.add_parser("schema", help="print the JSON Schema of a worksheet")
    s.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    s.set_defaults(run=_schema)

    c = verbs.add_parser("check", help="check one goal against SMART")
    c.add_argument("goal", help="the goal, in quotes")
    c.add_argument("--why", help="why the goal matters to you")
    c.add_argument("--confidence", type=_confidence, help="how sure you are you can do it, 0 to 10")
    c.add_argument("--json", action="store_true", help="print the report as JSON")
    c.set_defaults(run=_check)

    d = verbs.add_parser("pdf", help="render printable PDFs of the worksheets")
    d.add_argument("--paper", choices=("a4", "letter"), default="a4")
    d.add_argument("--out", type=Path, default=Path("site/pdf"), help="output folder (default: site/pdf)")
    d.add_argument("--worksheets", type=Path, default=Path("worksheets"), help="worksheet folder")
    d.add_argument("--cache", type=Path, default=Path(".cache/workbook"), help="render cache folder")
    d.set_defaults(run=_pdf)

    h = verbs.add_parser("deploy", help="write a host's config (headers, types, caching, compression) for a built site")
    h.add_argument("host", choices=("nginx", "caddy", "netlify", "headers"), help="headers: the _headers file the build writes")
    h.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    h.add_argument("--root", type=Path, help="where the server will find the site (default: --site's absolute path)")
    h.add_argument("--listen", default="80", help="nginx: the listen directive's value (default: 80)")
    h.add_argument("--server-name", default="_", help="nginx: server_name (default: _)")
    h.add_argument("--address", default="example.org", help="caddy: the site address (default: example.org)")
    h.add_argument("--publish", default="site", help="netlify: the publish folder (default: site)")
    h.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    h.set_defaults(run=_deploy)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # The reader stopped early (`workbook check ... | head`): not a bug of ours, so no report.
        # Point stdout at nothing, or the interpreter's flush at exit raises the same error again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # noqa: BLE001 - the backstop: a bug ends in one line, never a traceback
        print(f"workbook: internal error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
