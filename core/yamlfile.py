"""YAML loading that remembers where each value came from, so a schema
check can name the file, line and field of every problem."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable

import yaml

from core import files, home
from core.errors import DataFileError, InvalidInput, Problem


class Located(dict):
    """A YAML mapping that knows its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


# libyaml's parser when PyYAML has it (the catalogue of thousands is read whole by the site, the report,
# the scorecard): it gives the same nodes and marks, so every value keeps its line.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


# Dates stay text until a schema check reads them, so an impossible date such
# as 2026-13-01 becomes a located problem instead of a crash inside PyYAML.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    result = Located()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool, type(None))):
            # `? [a, b]: c` is valid YAML, but no catalog file has such a key, and a list cannot be one.
            raise yaml.constructor.ConstructorError(None, None, "键应为文本或数字", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_text(text: str, file: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except RecursionError:  # PyYAML composes nested collections recursively
        raise DataFileError([Problem(file, None, None, "YAML 嵌套层数过多")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataFileError([Problem(file, line, None, f"YAML 格式错误：{getattr(exc, 'problem', exc)}")]) from None


def display_path(path: Path) -> str:
    """A path as an officer should read it in an error: `catalogs/…` for a
    file of the content tree wherever the tree lives, as given otherwise."""
    resolved = path.resolve()
    tree = home.find(resolved.parent)
    return str(resolved.relative_to(tree)) if tree else str(path)


def load(path: Path, display_name: str | None = None) -> Any:
    name = display_name or str(path)
    if not path.exists() and not path.is_symlink():
        raise DataFileError([Problem(name, None, None, "文件不存在")])
    try:
        text = files.read_text(path).text
    except InvalidInput as exc:
        raise DataFileError([Problem(name, None, None, exc.reason)]) from None
    return load_text(text, name)


class Checker:
    """Collects every problem in a file instead of stopping at the first,
    so an officer fixes a file in one pass."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, where: Located | None, field: str | None, message: str, line: int | None = None) -> None:
        if line is None and where is not None:
            line = where.key_lines.get(field, where.line) if field else where.line
        self.problems.append(Problem(self.file, line, field, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataFileError(self.problems)

    def mapping(self, value: Any, where: Located | None, field: str) -> Located | None:
        if not isinstance(value, Located):
            self.add(where, field, "应为键值映射")
            return None
        return value

    def get(self, rec: Located, field: str, kind: Callable[[Any], Any] | type, *,
            required: bool = True, default: Any = None, label: str = "") -> Any:
        """Return rec[field] converted by `kind`, or record a problem and return None."""
        if field not in rec or rec[field] is None or rec[field] == "":
            if required:
                self.add(rec, field, "缺少必填字段")
            return default
        value = rec[field]
        try:
            return _convert(kind, value)
        except (TypeError, ValueError) as exc:
            self.add(rec, field, label or str(exc))
            return default


def _convert(kind: Callable[[Any], Any] | type, value: Any) -> Any:
    if kind is str:
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise ValueError("应为文本")
        return str(value).strip()
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("应为整数")
        return value
    if kind is dt.date:
        return as_date(value)
    if kind is list:
        if not isinstance(value, list):
            raise ValueError("应为列表")
        return value
    return kind(value)


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def as_date(value: Any) -> dt.date:
    """A date from YAML (already a date) or an ISO string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"不是有效日期（应为 YYYY-MM-DD）：{value!r}")


def load_listing(path: Path, key: str, message: str) -> tuple[Located, Checker]:
    """Load a catalog file whose top level is a mapping holding the list `key`
    (agencies.yaml, regimes.yaml); returns it with a Checker for its entries."""
    name = display_path(path)
    data = load(path, name)
    check = Checker(name)
    if not isinstance(data, Located) or not isinstance(data.get(key), list):
        check.add(data if isinstance(data, Located) else None, key, message)
        check.raise_if_any()
    return data, check
