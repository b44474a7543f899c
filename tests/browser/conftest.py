"""The built site in a real browser: Debian's chromium, driven by Playwright.

Off CI without chromium these tests are skipped with their reason; on CI (`.ci/run` installs
chromium from Debian packages) a missing browser is a failure."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from tests import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The shipped site, built: the committed content tree (its site_src/ is what the generator
    makes from the reviewed demo issue — tests/core/publish/test_site.py checks that)."""
    from core.publish.site.build import build

    tree = tmp_path_factory.mktemp("office")
    for name in ("catalogs", "site_src"):
        shutil.copytree(REPO / name, tree / name)
    shutil.copy(REPO / "mkdocs.yml", tree / "mkdocs.yml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GONGKAI_HOME", str(tree))
        build(tree / "site")
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
