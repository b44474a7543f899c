"""The proactive-disclosure catalogue (主动公开目录): one Markdown file per entry
under catalogs/catalogue/<agency code>/, YAML front matter with the 目录 fields
under their official names, the text as the body."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from core import home, yamlfile
from core.chinese import plain, refuse_invisible
from core.errors import DataFileError, InvalidInput, NotFound, Problem
from core.organisation import agencies
from core.organisation.roles import UserInfo, require_agency
from core.publish.gazette.parse import from_elements
from core.store import audit
from core.store.db import write_transaction
from core.store.models import Agency

CLASSES = ("机构职能", "法律依据", "发展规划", "行政执法", "业务及服务", "其他")  # seed 004 发布制度
METHODS = ("主动公开", "依申请公开", "不予公开")
VALIDITY = ("有效", "已废止", "已失效")
# 年度报告 table 二, block 第二十条第（一）项 counts these two kinds of document.
DOC_KINDS = ("规章", "行政规范性文件", "其他")
INDEX_NO = re.compile(r"^([A-Z][A-Z0-9]{1,31})/(\d{4})-(\d{5})$")
FIELDS = ("索引号", "信息名称", "内容概述", "发布机构", "成文日期", "形成日期", "发布日期", "变更日期", "更新日期", "文号",
          "主题分类", "公开方式", "有效性", "废止文件", "废止日期", "文件类型", "保密审查")
# The 主动公开 clock (发布制度第十五、十六条; 条例第二十六条): formed → published, changed → updated.
DATE_FIELDS = {"formed": "形成日期", "published": "发布日期", "changed": "变更日期", "updated": "更新日期"}
DATE_INPUTS = {"formed": "formed", "published": "publish_date", "changed": "changed", "updated": "updated"}


@dataclass(frozen=True)
class Entry:
    path: Path
    index_no: str
    title: str
    summary: str
    agency: str
    written: dt.date | None
    published: dt.date | None
    doc_no: str | None
    subject: str
    method: str
    validity: str
    repealed_by: str | None
    repealed_on: dt.date | None
    doc_kind: str
    review: dict | None
    body: str
    formed: dt.date | None = None  # 形成日期: when the information came to be (its 成文日期 unless recorded)
    changed: dt.date | None = None  # 变更日期: the latest change of the information
    updated: dt.date | None = None  # 更新日期: when the published copy was brought up to that change

    @property
    def id(self) -> str:
        return self.path.stem

    def as_json(self) -> dict:
        return {"id": self.id, "index_no": self.index_no, "title": self.title, "summary": self.summary,
                "agency": self.agency, "written": self.written, "published": self.published,
                "doc_no": self.doc_no, "class": self.subject, "method": self.method, "validity": self.validity,
                "repealed_by": self.repealed_by, "repealed_on": self.repealed_on, "doc_kind": self.doc_kind,
                "formed": self.formed, "changed": self.changed, "updated": self.updated, "review": self.review}


def root() -> Path:
    return home.catalogs() / "catalogue"


def _split(text: str, name: str) -> tuple[str, str, int]:
    m = re.match(r"^---\n(.*?)\n---\n?(.*)$", text, re.S)
    if not m:
        raise DataFileError([Problem(name, 1, None, "目录条目应以 --- 包围的 YAML 头开始")])
    return m.group(1), m.group(2).strip(), 2


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError([Problem(yamlfile.display_path(path), None, None,
                                     f"不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节起）")]) from None


def parse_entry(path: Path, agencies: set[str] | None = None, name: str | None = None,
                text: str | None = None) -> Entry:
    name = name or yamlfile.display_path(path)
    head, body, _ = _split(_read(path) if text is None else text, name)
    data = yamlfile.load_text(head, name)
    check = yamlfile.Checker(name)
    if not isinstance(data, yamlfile.Located):
        check.add(None, None, "YAML 头应为键值映射")
        check.raise_if_any()
    # The YAML head starts on the file's second line.
    data.line += 1
    data.key_lines = {k: v + 1 for k, v in data.key_lines.items()}
    for key in data:
        if key not in FIELDS:
            check.add(data, str(key), f"未知字段（可用：{'、'.join(FIELDS)}）")
    index_no = check.get(data, "索引号", str)
    if index_no and not INDEX_NO.match(index_no):
        check.add(data, "索引号", f"索引号 {index_no!r} 应为 机构代码/年份-5位序号，如 YXSZFB/2025-00001")
    agency = check.get(data, "发布机构", str)
    if agency and agencies is not None and agency not in agencies:
        check.add(data, "发布机构", f"机构代码 {agency!r} 不存在")
    if index_no and agency and INDEX_NO.match(index_no) and INDEX_NO.match(index_no).group(1) != agency:
        check.add(data, "索引号", f"索引号的机构代码应为发布机构 {agency}")

    def choice(field: str, allowed: tuple[str, ...], default: str | None = None) -> str | None:
        value = check.get(data, field, str, required=default is None, default=default)
        if value is not None and value not in allowed:
            check.add(data, field, f"应为 {'、'.join(allowed)} 之一")
        return value

    subject = choice("主题分类", CLASSES)
    method = choice("公开方式", METHODS, "主动公开")
    validity = choice("有效性", VALIDITY, "有效")
    repealed_by = check.get(data, "废止文件", str, required=False)
    doc_kind = choice("文件类型", DOC_KINDS, "其他")
    if validity == "已废止" and not repealed_by:
        check.add(data, "废止文件", "已废止的条目须注明废止它的文件")
    dates = {name: check.get(data, field, dt.date, required=False) for name, field in DATE_FIELDS.items()}
    written = check.get(data, "成文日期", dt.date, required=False)
    formed = dates["formed"] or written
    _check_order(check, data, formed, dates)
    entry = Entry(path, index_no, check.get(data, "信息名称", str), check.get(data, "内容概述", str, required=False,
                                                                          default=""),
                  agency, written, dates["published"], check.get(data, "文号", str, required=False),
                  subject, method, validity, repealed_by, check.get(data, "废止日期", dt.date, required=False),
                  doc_kind, data.get("保密审查"), body, formed, dates["changed"], dates["updated"])
    check.raise_if_any()
    return entry


def _check_order(check: yamlfile.Checker, data, formed: dt.date | None, dates: dict) -> None:
    """A date before the one it follows is a typing error that would hide a late publication."""
    published, changed, updated = dates["published"], dates["changed"], dates["updated"]
    if formed and published and published < formed:
        check.add(data, "发布日期", f"发布日期 {published} 早于形成日期 {formed}")
    if formed and changed and changed < formed:
        check.add(data, "变更日期", f"变更日期 {changed} 早于形成日期 {formed}")
    if updated and not changed:
        check.add(data, "更新日期", "有更新日期的条目须注明变更日期")
    elif updated and updated < changed:
        check.add(data, "更新日期", f"更新日期 {updated} 早于变更日期 {changed}")


# Each entry as last parsed, with the text it was parsed from: the report, the 考核 and the
# dashboard read the whole catalogue, often more than once in one action, and reading a file is
# cheap where parsing it is not. Keyed by the text itself, not the file's time (which the kernel
# keeps to a few milliseconds: an edit that keeps the size would go unseen).
_PARSED: dict[Path, tuple[str, Entry]] = {}


def load_all() -> list[Entry]:
    """Every entry, checked; duplicate 索引号 are reported with both files."""
    global _PARSED
    agencies = {a.code for a in Agency.select(Agency.code)}
    entries, problems, seen, parsed = [], [], {}, {}
    base = yamlfile.display_path(root())  # once, not per file: finding the tree walks up the folders
    for path in sorted(root().glob("*/*.md")):
        try:
            text = _read(path)
            known = _PARSED.get(path)
            if known is not None and known[0] == text and known[1].agency in agencies:
                entry = known[1]
            else:
                entry = parse_entry(path, agencies, f"{base}/{path.parent.name}/{path.name}", text)
        except DataFileError as exc:
            problems.extend(exc.problems)
            continue
        parsed[path] = (text, entry)
        if entry.index_no in seen:
            problems.append(Problem(yamlfile.display_path(path), None, "索引号",
                                    f"索引号 {entry.index_no} 与 {yamlfile.display_path(seen[entry.index_no])} 重复"))
            continue
        seen[entry.index_no] = path
        entries.append(entry)
    _PARSED = parsed  # files removed since are forgotten
    if problems:
        raise DataFileError(problems)
    return entries


HEAD_INDEX_NO = re.compile(r"^索引号:\s*['\"]?([A-Z][A-Z0-9]{1,31}/\d{4}-\d{5})", re.M)


def next_index_no(agency: str, year: int) -> str:
    """The agency's next serial for the year. Every file's 索引号 line is read (a hand-named file
    counts too) but no file is parsed in full: adding to a catalogue of thousands stays instant."""
    taken = []
    for path in (root() / agency).glob("*.md"):
        m = HEAD_INDEX_NO.search(_read(path).split("\n---", 1)[0])  # a broken file is named, not skipped
        if m and m.group(1).startswith(f"{agency}/{year}-"):
            taken.append(int(m.group(1)[-5:]))
    return f"{agency}/{year}-{max(taken, default=0) + 1:05d}"


def add(title: str, subject: str, agency: str, body: str, doc_no: str | None, today: dt.date,
        summary: str | None = None, doc_kind: str = "其他", *, actor: UserInfo, written: dt.date | None = None) -> Entry:
    """A new entry's file, recorded in the system chain with the file's hash (who added what, when).
    Its 成文日期 is `written` (an imported document's own) or today."""
    title = (title or "").strip()
    if not title:
        raise InvalidInput("title", "请填写信息名称")
    if len(title) > 200:  # every column of the review, on both databases, holds it
        raise InvalidInput("title", "信息名称不超过200字")
    refuse_invisible("title", "信息名称", title)
    refuse_invisible("body", "正文", body)
    doc_no, summary = plain("doc_no", doc_no, 100), plain("summary", summary, 500)
    if subject not in CLASSES:
        raise InvalidInput("class", f"主题分类应为 {'、'.join(CLASSES)} 之一")
    agencies.existing(agency)
    if not body.strip():
        raise InvalidInput("body", "正文不能为空")
    if doc_kind not in DOC_KINDS:
        raise InvalidInput("doc_kind", f"文件类型应为 {'、'.join(DOC_KINDS)} 之一")
    require_agency(actor, agency, "新增")
    index_no = next_index_no(agency, today.year)
    head = {"索引号": index_no, "信息名称": title, "内容概述": summary or title, "发布机构": agency,
            "成文日期": (written or today).isoformat(), "发布日期": None, "文号": doc_no, "主题分类": subject,
            "公开方式": "主动公开", "有效性": "有效", "文件类型": doc_kind}
    path = root() / agency / f"{index_no.replace('/', '-')}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, head, body.strip())
    with write_transaction():
        audit.system_event(actor.login, "catalogue_add", {"index_no": index_no, "file": str(path.relative_to(root())),
                                                          "sha256": hashlib.sha256(path.read_bytes()).hexdigest()})
    return parse_entry(path)


@dataclass(frozen=True)
class Imported:
    """A catalogue entry's fields read from an official document's elements."""

    title: str
    issuer: str | None  # the 发文机关 the document names
    agency: str | None  # its code, when one agency bears that name
    written: dt.date | None
    doc_no: str | None
    body: str
    missing: tuple[str, ...]

    def as_json(self) -> dict:
        return {"title": self.title, "issuer": self.issuer, "agency": self.agency, "written": self.written,
                "doc_no": self.doc_no, "missing": list(self.missing)}


def imported(parsed) -> Imported:
    """信息名称, 发布机构, 成文日期 and 文号 from a document's GB/T 9704 elements; the text as the
    gazette stores it, with any document it issues or forwards after it."""
    doc = from_elements(parsed)
    blocks = list(doc.body)
    for child in doc.documents:
        blocks += [f"## {child.title}", *child.body]
    issuer = doc.issuers[0] if doc.issuers else None
    names = {}
    for a in Agency.select(Agency.code, Agency.name, Agency.short_name):
        for name in {a.name, agencies.primary_name(a.name), a.short_name}:
            names.setdefault(name, set()).add(a.code)
    codes = names.get(issuer or "", set())
    return Imported(doc.title, issuer, next(iter(codes)) if len(codes) == 1 else None, doc.date, doc.doc_no,
                    "\n\n".join(blocks), tuple(parsed.missing))


def find(index_no: str) -> Entry:
    """The entry by its 索引号: its own file when named as `add` names it, else a search of all."""
    if not INDEX_NO.match(index_no):  # before it becomes a file name: too long, or not a name at all
        raise InvalidInput("catalog", f"{index_no!r} 不是索引号，应为 机构代码/年份-5位序号，如 YXSZFB/2025-00001")
    agency = index_no.split("/")[0]
    path = root() / agency / f"{index_no.replace('/', '-')}.md"
    entry = parse_entry(path) if path.is_file() and "/" in index_no else None
    if entry is None or entry.index_no != index_no:
        entry = next((e for e in load_all() if e.index_no == index_no), None)  # a file named otherwise
    if entry is None:
        raise NotFound(f"目录条目 {index_no} 不存在")
    return entry


def set_dates(index_no: str, values: dict[str, dt.date], actor: UserInfo) -> Entry:
    """Record an entry's 形成/发布/变更/更新日期 by hand (an item published through another channel,
    a catalogue taken over from paper); checked before it stands, recorded in the system chain."""
    if not values:
        raise InvalidInput("dates", "请至少登记一个日期：--formed、--published、--changed 或 --updated")
    entry = find(index_no)
    require_agency(actor, entry.agency, "登记")
    original = entry.path.read_bytes()
    update_head(entry.path, {DATE_FIELDS[k]: v for k, v in values.items()})
    try:
        changed = parse_entry(entry.path)
    except DataFileError as exc:
        entry.path.write_bytes(original)  # the entry stays as it was
        problem = exc.problems[0]
        field = next((DATE_INPUTS[k] for k, f in DATE_FIELDS.items() if f == problem.field), "dates")
        raise InvalidInput(field, problem.message) from None
    with write_transaction():
        audit.system_event(actor.login, "catalogue_dates", {"index_no": index_no,
                                                            **{k: v.isoformat() for k, v in values.items()},
                                                            "sha256": hashlib.sha256(entry.path.read_bytes()).hexdigest()})
    return changed


def set_review(index_no: str, record: dict) -> None:
    """The entry's file carries its 保密审查 record (what `site build` checks)."""
    update_head(find(index_no).path, {"保密审查": record})


def _write(path: Path, head: dict, body: str) -> None:
    text = "---\n" + yaml.safe_dump(head, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # a reader never sees half a file


def update_head(path: Path, changes: dict) -> None:
    head, body, _ = _split(path.read_text(encoding="utf-8"), str(path))
    _write(path, {**yaml.safe_load(head), **changes}, body)


@dataclass(frozen=True)
class RepealReport:
    updated: tuple[str, ...]  # index numbers now marked 已废止
    not_in_catalogue: tuple[dict, ...]  # repealed documents the catalogue does not list


def apply_repeals(repeals: list[tuple[str, str | None, dict]]) -> RepealReport:
    """Mark catalogue entries repealed by newly imported documents: each of
    `repeals` is (the repealing 文号, its date, {"title", "doc_no"} of what it repeals)."""
    by_doc_no = {e.doc_no: e for e in load_all() if e.doc_no}
    updated, missing = [], []
    for repealing, date, target in repeals:
        entry = by_doc_no.get(target["doc_no"])
        if entry is None:
            missing.append({**target, "repealed_by": repealing})
            continue
        if entry.validity == "已废止" and entry.repealed_by == repealing:
            continue
        update_head(entry.path, {"有效性": "已废止", "废止文件": repealing, "废止日期": date})
        updated.append(entry.index_no)
    return RepealReport(tuple(updated), tuple(missing))
