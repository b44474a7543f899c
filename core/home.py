"""The office's content tree: a folder holding `catalogs/` (source data),
`site_src/` (the generated site sources) and `mkdocs.yml`. It is apart from
the code: gongkai finds it as git finds a repository — `GONGKAI_HOME`, else
the nearest folder at or above the working directory that holds both
`catalogs/` and `mkdocs.yml` — and never writes under its own installation.

`create` lays out a new tree from the defaults this package ships (the
reference jurisdiction's agencies, regimes, letters, search dictionary and a
starter mkdocs.yml), for the office to edit."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from core.errors import GongkaiError

ENV_HOME = "GONGKAI_HOME"
CATALOGS, SITE_SRC, MKDOCS = "catalogs", "site_src", "mkdocs.yml"
DEFAULTS = Path(__file__).resolve().parent / "defaults"

_NOT_FOUND = ("找不到政务公开内容目录（含 catalogs/ 与 mkdocs.yml 的文件夹）：请设置环境变量 GONGKAI_HOME 指向它，"
              "或在该目录及其子目录中运行；新建一个：gongkai init --home 目录")


def is_tree(path: Path) -> bool:
    return (path / CATALOGS).is_dir() and (path / MKDOCS).is_file()


def find(start: Path | None = None) -> Path | None:
    """The content tree at or above `start` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    return next((p for p in (here, *here.parents) if is_tree(p)), None)


def root() -> Path:
    """The content tree this process works on; a clear error when there is none."""
    configured = os.environ.get(ENV_HOME)
    if configured:
        path = Path(configured).expanduser().resolve()
        if not is_tree(path):
            raise GongkaiError(f"GONGKAI_HOME={configured} 不是政务公开内容目录（缺少 catalogs/ 或 mkdocs.yml）；"
                               f"新建一个：gongkai init --home {configured}", ENV_HOME)
        return path
    found = find()
    if found is None:
        raise GongkaiError(_NOT_FOUND, ENV_HOME)
    return found


def catalogs() -> Path:
    return root() / CATALOGS


def site_src() -> Path:
    return root() / SITE_SRC


def mkdocs_config() -> Path:
    return root() / MKDOCS


def website() -> str | None:
    """The public site as papers name it — “site_name”网站（site_url） — from mkdocs.yml's own
    lines (the file may carry tags a plain YAML loader refuses)."""
    text = mkdocs_config().read_text(encoding="utf-8")
    name, url = (re.search(rf"^{key}:[ \t]*(.+?)[ \t]*$", text, re.M) for key in ("site_name", "site_url"))
    if name is None:
        return None
    return f"“{name.group(1).strip(chr(34) + chr(39))}”网站" + (f"（{url.group(1).strip(chr(34) + chr(39))}）" if url else "")


@dataclass(frozen=True)
class Created:
    root: Path
    files: tuple[str, ...]  # written, relative to root


def create(target: Path) -> Created:
    """Lay out a new content tree at `target` from the package's defaults.
    Refuses a folder that already holds a tree or any of the files it would
    write, so an office's own edits are never overwritten."""
    target = target.expanduser().resolve()
    if is_tree(target):
        raise GongkaiError(f"{target} 已是政务公开内容目录，未作改动", "home")
    sources = sorted(p for p in DEFAULTS.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    clashes = [str(p.relative_to(DEFAULTS)) for p in sources if (target / p.relative_to(DEFAULTS)).exists()]
    if clashes:
        raise GongkaiError(f"{target} 中已有 {clashes[0]} 等 {len(clashes)} 个文件，未作改动（请换一个空目录）", "home")
    written = []
    for source in sources:
        relative = source.relative_to(DEFAULTS)
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / relative)
        written.append(str(relative))
    return Created(target, tuple(written))
