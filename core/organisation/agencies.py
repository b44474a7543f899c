"""Agencies: loaded from catalogs/agencies.yaml and mirrored into the database
so that requests and users can refer to them."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from core import files, home, yamlfile
from core.calendar import regimes
from core.errors import InvalidInput
from core.store.db import database
from core.store.models import Agency

LEVELS = ("city", "department", "county")
LEVEL_NAMES = {"city": "市级", "department": "市级部门", "county": "县级"}
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,31}$")


@dataclass(frozen=True)
class AgencyRecord:
    code: str
    name: str
    short_name: str
    level: str
    parent: str | None
    category: str | None = None
    list_no: int | None = None
    contact: dict | None = None  # for the public guide; only in the catalog file
    regime: str | None = None  # the reply-window regime its requests follow, when not its level's

    def as_json(self) -> dict:
        data = asdict(self)
        if data["contact"] is None:
            del data["contact"]  # most agencies publish none
        if data["regime"] is None:
            del data["regime"]
        return data


def existing(code: str, field: str = "agency") -> Agency:
    """The agency an officer named by its code, or an error naming the field."""
    code = (code or "").strip()
    row = Agency.get_or_none(Agency.code == code) if code else None
    if row is None:
        raise InvalidInput(field, f"机构代码 {code!r} 不存在（`gongkai agencies` 列出所有机构）")
    return row


@dataclass(frozen=True)
class SyncResult:
    added: int
    updated: int
    unchanged: int


def catalog_path() -> Path:
    return home.catalogs() / "agencies.yaml"


def load_catalog(path: Path | None = None) -> list[AgencyRecord]:
    """Parse and check agencies.yaml; every problem is reported with its line. Parsed once per
    change of the file (a report, a guide page and every deadline's regime ask for it)."""
    path = path or catalog_path()
    return list(_load_catalog(path, files.stamp(path)))


@lru_cache(maxsize=8)
def _load_catalog(path: Path, _stamp: int | None) -> tuple[AgencyRecord, ...]:
    data, check = yamlfile.load_listing(path, "agencies", "应为机构列表")
    records: list[AgencyRecord] = []
    lines: dict[str, yamlfile.Located] = {}
    for item in data["agencies"]:
        rec = check.mapping(item, data, "agencies")
        if rec is None:
            continue
        code = check.get(rec, "code", str)
        if code is not None and not _CODE.match(code):
            check.add(rec, "code", f"机构代码 {code!r} 应为大写字母开头的字母数字（2–32 位）")
            code = None
        if code in lines:
            check.add(rec, "code", f"机构代码 {code} 重复（另见第{lines[code].line}行）")
            code = None
        level = check.get(rec, "level", str)
        if level is not None and level not in LEVELS:
            check.add(rec, "level", f"级别 {level!r} 应为 {' / '.join(LEVELS)} 之一")
        record = AgencyRecord(
            code=code or "",
            name=check.get(rec, "name", str),
            short_name=check.get(rec, "short_name", str),
            level=level,
            parent=check.get(rec, "parent", str, required=False),
            category=check.get(rec, "category", str, required=False),
            list_no=check.get(rec, "list_no", int, required=False),
            contact=_contact(check, rec),
            regime=check.get(rec, "regime", str, required=False),
        )
        if record.regime is not None and record.regime not in regimes.load().by_code:
            check.add(rec, "regime", f"期限制度 {record.regime!r} 未在 regimes.yaml 中定义")
        if code:
            lines[code] = rec
            records.append(record)
    parents = {r.code: r.parent for r in records}
    for record in records:
        if record.parent and record.parent not in lines:
            check.add(lines[record.code], "parent", f"上级机构代码 {record.parent} 不存在")
            continue
        trail = [record.code]
        while parents.get(trail[-1]) and parents[trail[-1]] in lines and len(trail) <= len(records):
            trail.append(parents[trail[-1]])
            if trail[-1] == record.code:
                check.add(lines[record.code], "parent", f"上级机构形成循环：{' → '.join(trail)}")
                break
    check.raise_if_any()
    return tuple(_parents_first(records))


CONTACT_FIELDS = ("office", "address", "postcode", "phone", "fax", "email", "hours")


def _contact(check: yamlfile.Checker, rec: yamlfile.Located) -> dict | None:
    value = rec.get("contact")
    if value is None:
        return None
    contact = check.mapping(value, rec, "contact")
    if contact is None:
        return None
    for key in contact:
        if key not in CONTACT_FIELDS:
            check.add(contact, str(key), f"未知的联系信息字段（可用：{'、'.join(CONTACT_FIELDS)}）")
    return {k: str(v) for k, v in contact.items() if k in CONTACT_FIELDS}


def _parents_first(records: list[AgencyRecord]) -> list[AgencyRecord]:
    """Order so that a parent is always stored before its children (the
    foreign key demands it); the file's own order is kept otherwise."""
    by_code = {r.code: r for r in records}
    done: set[str] = set()
    ordered: list[AgencyRecord] = []

    def visit(record: AgencyRecord) -> None:
        if record.code in done:
            return
        if record.parent:
            visit(by_code[record.parent])
        done.add(record.code)
        ordered.append(record)

    for record in records:
        visit(record)
    return ordered


def sync(records: list[AgencyRecord]) -> SyncResult:
    """Insert new agencies and update changed ones, in one transaction.
    Agencies no longer in the file are kept: requests may refer to them."""
    added = updated = unchanged = 0
    with database.atomic():
        existing = {a.code: a for a in Agency.select()}
        for order, record in enumerate(records):
            values = dict(name=record.name, short_name=record.short_name, level=record.level,
                          category=record.category, list_no=record.list_no, parent=record.parent,
                          sort_order=order)
            row = existing.get(record.code)
            if row is None:
                Agency.create(code=record.code, **values)
                added += 1
            elif _row_values(row) != values:
                Agency.update(**values).where(Agency.code == record.code).execute()
                updated += 1
            else:
                unchanged += 1
    return SyncResult(added, updated, unchanged)


def _row_values(row: Agency) -> dict:
    return dict(name=row.name, short_name=row.short_name, level=row.level, category=row.category,
                list_no=row.list_no, parent=row.parent_id, sort_order=row.sort_order)


def list_agencies() -> list[AgencyRecord]:
    return [
        AgencyRecord(code=a.code, name=a.name, short_name=a.short_name, level=a.level,
                     parent=a.parent_id, category=a.category, list_no=a.list_no)
        for a in Agency.select().order_by(Agency.sort_order, Agency.code)
    ]


def primary_name(name: str) -> str:
    """The agency's own name, without the other names it also carries in brackets."""
    return name.split("(")[0]


def regime_of(code: str) -> regimes.Regime:
    """The regime a body's requests follow by default: its own in agencies.yaml, else its level's
    (regimes.yaml `by_level`) — a county government is not bound by the city's rules unless its
    data says so."""
    path = catalog_path()
    level, own = _levels_and_regimes(path, files.stamp(path)).get(code, (None, None))
    if level is None:
        row = Agency.get_or_none(Agency.code == code)
        level = row.level if row else None
    return regimes.load().for_agency(level, own)


@lru_cache(maxsize=4)
def _levels_and_regimes(path: Path, _stamp: int | None) -> dict[str, tuple[str, str | None]]:
    """Each body's level and own regime, read once per change of agencies.yaml (a ledger import
    asks for every row)."""
    return {r.code: (r.level, r.regime) for r in load_catalog(path)} if _stamp is not None else {}


def _parents() -> dict[str, str | None]:
    return dict(Agency.select(Agency.code, Agency.parent).tuples())


def under(code: str) -> list[str]:
    """Every agency below `code` in the catalog's hierarchy, nearest first (a roll-up's default set,
    and whose records an officer may read besides their own)."""
    children: dict[str | None, list[str]] = {}
    for child, parent in _parents().items():
        children.setdefault(parent, []).append(child)
    found, stack = [], list(children.get(code, []))
    while stack:
        c = stack.pop(0)
        found.append(c)
        stack += children.get(c, [])
    return found


def above(code: str) -> list[str]:
    """The agencies above `code`, nearest first."""
    parents, found = _parents(), []
    while parents.get(code) and parents[code] not in found and parents[code] != code:
        code = parents[code]
        found.append(code)
    return found


def name_of(code: str) -> str:
    row = Agency.get_or_none(Agency.code == code)
    return primary_name(row.name) if row else code
