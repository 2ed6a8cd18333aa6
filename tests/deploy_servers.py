"""Run the deploy recipes for real: nginx and Caddy (Debian packages) on a free 127.0.0.1 port.

Each server gets a temp folder for its config, pid, logs and state, so no
root-only path is touched; the recipe itself is what ``workbook deploy``
writes, included as a person would include it. ``make test`` installs both.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.sitebuild import ROOT

# Debian's main nginx.conf includes conf.d/*.conf in its http block; this is the least of it a server needs.
NGINX_MAIN = """\
{user}worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/workbook.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workbook_deploy(*args: str) -> subprocess.CompletedProcess:
    """The ``workbook deploy`` verb, as a person runs it."""
    return subprocess.run([sys.executable, "-m", "generator.cli", "deploy", *args], cwd=ROOT, capture_output=True, text=True)


def _write_recipe(host: str, site: Path, out: Path, *options: str) -> None:
    done = workbook_deploy(host, "--site", str(site), "-o", str(out), *options)
    assert done.returncode == 0, done.stderr


def nginx_files(site: Path, tmp: Path, port: int) -> list[str]:
    """Write the recipe and a main config around it; return the command that runs nginx in the foreground."""
    _write_recipe("nginx", site, tmp / "workbook.conf", "--listen", f"127.0.0.1:{port}", "--server-name", "localhost")
    # Workers run as 'nobody' when root starts nginx; pytest's temp folders are private to their owner.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(NGINX_MAIN.format(tmp=tmp, user=user), encoding="utf-8")
    return [shutil.which("nginx") or "/usr/sbin/nginx", "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")]


def caddy_files(site: Path, tmp: Path, port: int) -> list[str]:
    """Write the recipe with global options for a test (no admin endpoint); return the command that runs Caddy."""
    _write_recipe("caddy", site, tmp / "site.caddy", "--address", f"http://127.0.0.1:{port}")
    recipe = (tmp / "site.caddy").read_text("utf-8")
    (tmp / "Caddyfile").write_text("{\n    admin off\n}\n" + recipe, encoding="utf-8")
    return [shutil.which("caddy") or "/usr/bin/caddy", "run", "--config", str(tmp / "Caddyfile"), "--adapter", "caddyfile"]


SERVERS = {"nginx": nginx_files, "caddy": caddy_files}


class RecipeServer:
    """One of the recipes serving a built site until the ``with`` block ends."""

    def __init__(self, kind: str, site: Path, tmp: Path):
        self.kind, self.tmp = kind, tmp
        tmp.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.command = SERVERS[kind](site, tmp, self.port)
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> "RecipeServer":
        env = {**os.environ, "HOME": str(self.tmp), "XDG_DATA_HOME": str(self.tmp / "data"), "XDG_CONFIG_HOME": str(self.tmp / "config")}
        self.log = open(self.tmp / "server.log", "wb")
        self.proc = subprocess.Popen(self.command, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise AssertionError(f"{self.kind} did not start:\n" + self.output())

    def output(self) -> str:
        logs = [self.tmp / "server.log", self.tmp / "error.log"]
        return "\n".join(p.read_text("utf-8", "replace") for p in logs if p.exists())

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
