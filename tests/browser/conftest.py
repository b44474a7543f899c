"""The built site in a real browser: Debian's chromium, driven by Playwright.

Off CI without chromium these tests are skipped with their reason; on CI (`.ci/run` installs
chromium from Debian packages) a missing browser is a failure."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


# Package scope: Playwright's sync API keeps an event loop running while it is open, and the
# asyncio tests that run after this package (the TUI's) need none to be running.
@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but chromium is not installed: .ci/run must install it")
        pytest.skip("browser tests skipped: chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


# Catalogue entries an office publishes beside the gazette: one quotes two articles of the
# 电子政务运维管理办法 word for word (a copy of that 办法 holds it whole, and is still judged
# as a copy of the 办法), one is an ordinary notice.
ENTRIES = (
    ("关于电子政务外网接入的说明", "业务及服务", "第四条 电子政务外网分为市、县两级，按照统一规划、分级建设、分级管理的原则进行建设。"),
    ("关于春节期间办公安排的公告", "其他", "春节期间政务服务大厅暂停现场服务，网上办事大厅照常受理。\n\n咨询电话：0877-2012345"),
)


def _gongkai(tree: Path, login: str, *args: str) -> dict:
    env = {**os.environ, "GONGKAI_HOME": str(tree), "GONGKAI_DB": f"sqlite:///{tree / 'office.db'}",
           "GONGKAI_USER": login, "GONGKAI_TODAY": "2025-12-01"}
    result = subprocess.run([sys.executable, "-m", "core.cli.main", *args, "--json"], env=env, cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if result.stdout.strip() else {}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """An office's site, built as `gongkai site build` builds it: the shipped gazette issue and
    catalogue entries, each through its three-level review in a training database."""
    tree = tmp_path_factory.mktemp("office")
    shutil.copytree(REPO / "catalogs", tree / "catalogs")
    shutil.copy(REPO / "mkdocs.yml", tree / "mkdocs.yml")
    _gongkai(tree, "admin", "init", "--training")
    _gongkai(tree, "admin", "demo")
    regulation = next((tree / "catalogs" / "gazette" / "2025-09").glob("02-01.md")).read_text(encoding="utf-8")
    for title, subject, text in ENTRIES:
        if text.startswith("第四条"):
            text = next(p for p in regulation.split("\n\n") if p.replace("**", "").startswith("第四条"))
        body = tree / "body.txt"
        body.write_text(text + "\n", encoding="utf-8")
        added = _gongkai(tree, "zhaomin", "catalog", "add", "--title", title, "--class", subject, "--agency", "YXSZFB",
                         "--body", str(body))
        for login, extra in (("zhaomin", ["--judgement", "不涉密"]), ("qianli", []), ("sunhong", [])):
            _gongkai(tree, login, "review", "sign", str(added["review_id"]), "--opinion", "同意", *extra)
    _gongkai(tree, "admin", "site", "build", "--out", str(tree / "site"))
    return tree / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def served(site) -> str:
    """The built site from a local web server: its base address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(params=["server", "folder"])
def base(request, site) -> str:
    """The site's address, served and opened from the folder (file://)."""
    return request.getfixturevalue("served") if request.param == "server" else site.as_uri() + "/"


@pytest.fixture
def page(browser):
    """A fresh page that records every address it asks for."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.requested = []
    opened.on("request", lambda r: opened.requested.append(r.url))
    yield opened
    context.close()
