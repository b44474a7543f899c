"""The import rules that keep the layers apart (README, Architecture): core/
knows nothing of Textual, the two entry points (core/cli and tui/) do not lean
on each other, persistence depends on no domain package, and the pure rules
reach no database, however indirectly."""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Rules modules: plain functions and dataclasses, tested with plain values.
PURE = (
    "core.calendar.holidays", "core.calendar.workdays", "core.calendar.regimes",
    "core.organisation.roles",
    "core.requests.applicants", "core.requests.outcomes", "core.requests.fees", "core.requests.lifecycle",
    "core.requests.deadline",
    "core.review.rules",
    "core.report.national_format",
    "core.publish.gazette.parse", "core.publish.site.render", "core.publish.authenticity",
)
DATABASE = ("peewee", "playhouse", "psycopg2", "sqlite3", "core.store")
DOMAIN = ("core.calendar", "core.organisation", "core.requests", "core.review", "core.report", "core.publish",
          "core.session", "core.demo", "core.cli")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(top: str) -> dict[str, Path]:
    return {module_name(p): p for p in sorted((ROOT / top).rglob("*.py"))}


ALL = {**modules("core"), **modules("tui")}


@lru_cache(maxsize=None)
def imports_of(name: str) -> frozenset[str]:
    """Every module `name` imports, at the top or inside a function."""
    path = ALL[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in ALL)
    return frozenset(found)


def closure(name: str) -> set[str]:
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        for imported in imports_of(current):
            if imported not in seen:
                seen.add(imported)
                if imported in ALL:
                    todo.append(imported)
    return seen


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def offending(names, prefixes) -> list[str]:
    return sorted(n for n in names if within(n, prefixes))


@pytest.mark.parametrize("name", [n for n in ALL if n.startswith("core")])
def test_core_never_imports_textual(name):
    assert offending(imports_of(name), ("textual", "rich")) == []


@pytest.mark.parametrize("name", [n for n in ALL if n.startswith("tui")])
def test_the_terminal_app_does_not_depend_on_the_command_line(name):
    assert offending(imports_of(name), ("core.cli",)) == []


@pytest.mark.parametrize("name", [n for n in ALL if n.startswith("core") and not n.startswith("core.cli")])
def test_only_the_command_line_entry_point_starts_the_terminal_app(name):
    assert offending(imports_of(name), ("tui", "core.cli")) == []


@pytest.mark.parametrize("name", [n for n in ALL if n.startswith("core.store")])
def test_persistence_depends_on_no_domain_package(name):
    assert offending(imports_of(name), DOMAIN) == []


@pytest.mark.parametrize("name", PURE)
def test_rules_reach_no_database_even_indirectly(name):
    assert name in ALL, f"{name} is listed as a rules module but does not exist"
    assert offending(closure(name), DATABASE) == []


def test_the_check_sees_a_violation():
    """The walker resolves relative and function-level imports (else every rule above passes vacuously)."""
    assert "core.store.models" in closure("core.requests.service")
    assert "core.store.db" in imports_of("core.store.models") or "core.store.db" in closure("core.store.models")
    assert "textual.app" in imports_of("tui.app") or "textual" in imports_of("tui.app")
