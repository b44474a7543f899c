"""site_src/ → a static site with MkDocs (Material), then Material's scripts adjusted
(bundle.py) and the search index given each document's keys (search_index.py).

Built beside the published copy and swapped in whole: a build that fails or is killed leaves
the site that was there."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from core import home
from core.errors import GongkaiError
from core.publish.site import bundle, search_index
from core.publish.site.generate import NAV_FILE

# Our additions to Material's templates (a page title escaped as text).
THEME = Path(__file__).resolve().parent / "theme"


def build(out: Path) -> None:
    """Build the current content tree's site_src/ into `out`."""
    tree = home.root()
    with tempfile.TemporaryDirectory() as tmp:
        # A config inheriting the office's mkdocs.yml adds the generated Chinese navigation.
        cfg = Path(tmp) / "mkdocs.yml"
        nav = (home.site_src() / NAV_FILE).read_text(encoding="utf-8")
        cfg.write_text(f"INHERIT: {home.mkdocs_config()}\ndocs_dir: {home.site_src()}\n"
                       f"theme:\n  custom_dir: {THEME}\n{nav}", encoding="utf-8")
        # Paths in mkdocs.yml (the search dictionary) are the tree's own, relative to it.
        building, old = out.with_name(f".{out.name}.building"), out.with_name(f".{out.name}.old")
        shutil.rmtree(building, ignore_errors=True)
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean",
                                 "-f", str(cfg), "-d", str(building)],
                                capture_output=True, text=True, cwd=tree)
    try:
        if result.returncode != 0:
            raise GongkaiError(f"MkDocs 构建失败：{(result.stderr or result.stdout).strip().splitlines()[-1:]}")
        bundle.cut_internet_loads(building)
        bundle.keep_whole_words(building)
        search_index.refine(building)
    except GongkaiError:
        shutil.rmtree(building, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    building.rename(out)
    shutil.rmtree(old, ignore_errors=True)
