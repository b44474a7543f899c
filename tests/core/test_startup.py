"""A small command starts fast: it imports its own noun's module and nothing heavy."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from core.cli import main
from tests import REPO

HEAVY = ("openpyxl", "docx", "matplotlib", "textual", "numpy", "arrow", "mkdocs", "pypdf", "jieba", "cryptography")


def imported_by(*argv: str, env: dict) -> set[str]:
    """The top-level packages `gongkai ARGV` imports, as `python -X importtime` lists them."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "core.cli.main", *argv],
                            capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


@pytest.fixture
def training_env(tmp_path) -> dict:
    env = {**os.environ, "GONGKAI_DB": f"sqlite:///{tmp_path / 'startup.db'}", "GONGKAI_USER": "admin"}
    subprocess.run([sys.executable, "-m", "core.cli.main", "init", "--training"], env=env, cwd=REPO, check=True,
                   capture_output=True)
    return env


def test_agencies_imports_no_heavy_library(training_env):
    found = imported_by("agencies", "--json", env=training_env)
    assert "peewee" in found  # the probe sees imports at all
    assert found.isdisjoint(HEAVY), sorted(found & set(HEAVY))


def test_a_deadline_from_the_command_line_imports_no_heavy_library(training_env):
    found = imported_by("calendar", "add", "2025-09-30", "--days", "15", "--json", env=training_env)
    assert found.isdisjoint(HEAVY), sorted(found & set(HEAVY))


def test_a_date_typed_the_chinese_way_still_parses(training_env):
    result = subprocess.run([sys.executable, "-m", "core.cli.main", "calendar", "add", "2025年9月30日", "--days", "15"],
                            capture_output=True, text=True, env=training_env, cwd=REPO)
    assert result.stdout.strip() == "2025-09-30 之后第15个工作日：2025-10-28"


def test_every_noun_is_registered_by_the_module_the_table_names():
    everything = main.build_parser()
    nouns = everything._subparsers._group_actions[0].choices
    assert list(nouns) == list(main.NOUNS)
    for noun, module in main.NOUNS.items():
        alone = main.build_parser(noun)._subparsers._group_actions[0].choices
        assert noun in alone, f"{noun} is not registered by core.cli.{module}"


def test_help_lists_every_command():
    result = subprocess.run([sys.executable, "-m", "core.cli.main", "--help"], capture_output=True, text=True,
                            cwd=REPO)
    assert result.returncode == 0
    for noun in main.NOUNS:
        assert noun in result.stdout
