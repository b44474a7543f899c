"""The office's content tree is found like git finds a repository, created
from the package's defaults, and kept apart from the code."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from core import home
from tests import REPO

NOT_FOUND = ("错误：找不到政务公开内容目录（含 catalogs/ 与 mkdocs.yml 的文件夹）：请设置环境变量 GONGKAI_HOME 指向它，"
             "或在该目录及其子目录中运行；新建一个：gongkai init --home 目录\n")


def test_the_tree_is_found_from_any_folder_below_it(office, monkeypatch):
    monkeypatch.delenv("GONGKAI_HOME")
    deep = office / "catalogs" / "letters"
    monkeypatch.chdir(deep)
    assert home.root() == office.resolve()
    assert home.catalogs() == office.resolve() / "catalogs"
    assert home.site_src() == office.resolve() / "site_src"


def test_gongkai_home_wins_over_the_working_directory(office, monkeypatch, tmp_path):
    other = tmp_path / "other"
    home.create(other)
    monkeypatch.chdir(office)
    monkeypatch.setenv("GONGKAI_HOME", str(other))
    assert home.root() == other.resolve()


def test_a_command_outside_any_tree_says_both_ways_to_name_one(cli, monkeypatch, tmp_path):
    monkeypatch.delenv("GONGKAI_HOME")
    monkeypatch.chdir(tmp_path)
    assert cli("agencies") == (1, "", NOT_FOUND)


def test_gongkai_home_that_is_not_a_tree_is_named(cli, monkeypatch, tmp_path):
    monkeypatch.setenv("GONGKAI_HOME", str(tmp_path))
    code, _, err = cli("agencies")
    assert (code, err) == (1, f"错误：GONGKAI_HOME={tmp_path} 不是政务公开内容目录（缺少 catalogs/ 或 mkdocs.yml）；"
                              f"新建一个：gongkai init --home {tmp_path}\n")


def test_init_home_creates_a_tree_from_the_defaults_and_loads_it(cli, monkeypatch, tmp_path):
    monkeypatch.delenv("GONGKAI_HOME")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("init", "--home", "office", "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert (report["home"], report["home_created"]) == (str(tmp_path / "office"), True)
    assert report["agencies"]["added"] == 54
    assert home.is_tree(tmp_path / "office")
    assert (tmp_path / "office" / "catalogs" / "letters" / "答复.md").is_file()
    # Safe to repeat: the existing tree is used as it is.
    (tmp_path / "office" / "mkdocs.yml").write_text("site_name: 某市政府信息公开\n", encoding="utf-8")
    code, out, _ = cli("init", "--home", "office", "--json")
    assert (code, json.loads(out)["home_created"]) == (0, False)
    assert (tmp_path / "office" / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: 某市政府信息公开\n"


def test_init_home_never_overwrites_an_offices_own_file(cli, monkeypatch, tmp_path):
    monkeypatch.delenv("GONGKAI_HOME")
    (tmp_path / "office").mkdir()
    (tmp_path / "office" / "mkdocs.yml").write_text("site_name: 自己的\n", encoding="utf-8")
    code, _, err = cli("init", "--home", str(tmp_path / "office"))
    assert (code, err) == (1, f"错误：{tmp_path / 'office'} 中已有 mkdocs.yml 等 1 个文件，未作改动（请换一个空目录）\n")
    assert (tmp_path / "office" / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: 自己的\n"
    assert not (tmp_path / "office" / "catalogs").exists()


def test_the_defaults_are_the_demo_offices_own_settings():
    """The package ships the reference jurisdiction's settings; this repository's
    own tree is that office, so the two copies must not drift apart."""
    shipped = sorted(p.relative_to(home.DEFAULTS) for p in home.DEFAULTS.rglob("*") if p.is_file())
    assert Path("catalogs/regimes.yaml") in shipped and Path("mkdocs.yml") in shipped
    differing = [str(p) for p in shipped if not filecmp.cmp(home.DEFAULTS / p, REPO / p, shallow=False)]
    assert differing == []


def _installed_core(python: Path) -> Path:
    out = subprocess.run([str(python), "-c", "import core; print(core.__file__)"], capture_output=True, text=True,
                         check=True, cwd=python.parent).stdout.strip()
    return Path(out).parent


def test_a_wheel_installed_outside_the_checkout_creates_and_builds_an_office(tmp_path):
    """`pip install gongkai` (a wheel, not editable), then `gongkai init --home`
    and `gongkai site build` in the new tree — and nothing written under the package."""
    source = tmp_path / "src"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes((REPO / name).read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w",
                    str(tmp_path / "dist"), str(source)], check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("gongkai-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "core/defaults/catalogs/regimes.yaml" in names and "core/publish/site/assets/gongkai.css" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # The dependencies come from the test's own environment (no network); gongkai itself only from the wheel.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True)
    package = _installed_core(python)
    assert package.is_relative_to(site)
    before = {p for p in package.rglob("*") if "__pycache__" not in p.parts}

    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    env.update(GONGKAI_DB=f"sqlite:///{tmp_path / 'office.db'}", GONGKAI_USER="admin")
    gongkai = str(venv / "bin" / "gongkai")
    init = subprocess.run([gongkai, "init", "--home", "office", "--training"], cwd=work, env=env, capture_output=True,
                          text=True)
    assert init.returncode == 0, init.stderr
    build = subprocess.run([gongkai, "site", "build", "--json"], cwd=work / "office", env=env, capture_output=True,
                           text=True)
    assert build.returncode == 0, build.stderr
    assert json.loads(build.stdout)["out"] == str(work / "office" / "site_build")
    assert "政府信息公开指南" in (work / "office" / "site_build" / "guide.html").read_text(encoding="utf-8")
    assert {p for p in package.rglob("*") if "__pycache__" not in p.parts} == before
