"""Gazette issues as files under catalogs/gazette/YYYY-MM/: `issue.yaml` for the
issue (name, month, editorial board, table of contents) and one Markdown file
per document, YAML front matter for its fields and the text as the body.
Writing is idempotent: a file whose content would not change is not touched."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from core import home
from core.errors import DataFileError, NotFound, Problem
from core.publish.gazette.parse import Document, Issue
from core.yamlfile import display_path


@dataclass(frozen=True)
class WriteReport:
    directory: Path
    written: tuple[str, ...]
    unchanged: tuple[str, ...]


def issue_dir(year: int, month: int) -> Path:
    return home.catalogs() / "gazette" / f"{year:04d}-{month:02d}"


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _front(doc: Document, number: str, parent: str | None) -> dict:
    data = {
        "number": number, "title": doc.title, "doc_no": doc.doc_no, "issuers": doc.issuers,
        "addressees": doc.addressees, "date": doc.date.isoformat() if doc.date else None, "public": doc.public,
        "section": doc.section, "page": doc.page,
        "chapters": [{"number": c.number, "title": c.title} for c in doc.chapters],
        "articles": len(doc.articles), "attachments": doc.attachments,
        "tables": [{"title": t.title, "rows": len(t.rows)} for t in doc.tables],
        "repeals": doc.repeals,
    }
    if parent:
        data["parent"] = parent
    if doc.problems:
        data["problems"] = doc.problems
    return data


def render_document(doc: Document, number: str, parent: str | None = None) -> str:
    return f"---\n{_dump(_front(doc, number, parent))}---\n\n" + "\n\n".join(doc.body) + "\n"


def files_for(issue: Issue, source: str, source_text: str) -> dict[str, str]:
    """File name → content for the whole issue."""
    files: dict[str, str] = {}
    toc: list[dict] = []
    for i, doc in enumerate(issue.documents, 1):
        number = f"{i:02d}"
        files[f"{number}.md"] = render_document(doc, number)
        children = []
        for j, child in enumerate(doc.documents, 1):
            child_number = f"{number}-{j:02d}"
            files[f"{child_number}.md"] = render_document(child, child_number, number)
            children.append(f"{child_number}.md")
        entry = {"file": f"{number}.md", "title": doc.title, "doc_no": doc.doc_no, "page": doc.page}
        if children:
            entry["forwards"] = children
        if toc and toc[-1]["section"] == doc.section:
            toc[-1]["documents"].append(entry)
        else:
            toc.append({"section": doc.section, "documents": [entry]})
    files["issue.yaml"] = _dump({
        "name": issue.name, "year": issue.year, "month": issue.month,
        "editorial_board": [{"role": r, "names": n} for r, n in issue.editorial_board],
        "toc": toc,
        "source": {"file": source, "sha256": hashlib.sha256(source_text.encode("utf-8")).hexdigest()},
        "problems": issue.problems,
    })
    return files


def write(directory: Path, files: dict[str, str]) -> WriteReport:
    directory.mkdir(parents=True, exist_ok=True)
    written, unchanged = [], []
    for name, content in files.items():
        path = directory / name
        if path.exists() and path.read_text(encoding="utf-8") == content:
            unchanged.append(name)
            continue
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(content, encoding="utf-8")
        tmp.replace(path)
        written.append(name)
    return WriteReport(directory, tuple(written), tuple(unchanged))


@dataclass(frozen=True)
class StoredDocument:
    path: Path
    meta: dict
    body: str

    @property
    def title(self) -> str:
        return self.meta.get("title") or ""

    @property
    def doc_no(self) -> str | None:
        return self.meta.get("doc_no")


# libyaml's loader when PyYAML has it: the site generator reads every document's head.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_document(path: Path) -> StoredDocument:
    """One stored document, checked: a YAML head between --- lines with at least a title."""
    name = display_path(path)
    text = path.read_text(encoding="utf-8")
    parts = text.split("---\n", 2)
    if len(parts) != 3 or parts[0]:
        raise DataFileError([Problem(name, 1, None, "文件应以 --- 包围的 YAML 头开始")])
    try:
        meta = yaml.load(parts[1], Loader=_FAST_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError([Problem(name, mark.line + 2 if mark else None, None,
                                     f"YAML 格式错误：{getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(meta, dict) or not meta.get("title"):
        raise DataFileError([Problem(name, 2, "title", "缺少必填字段")])
    return StoredDocument(path, meta, parts[2].strip())


def all_documents() -> list[StoredDocument]:
    """Every gazette document under catalogs/gazette/, issue by issue."""
    root = home.catalogs() / "gazette"
    if not root.is_dir():
        return []
    # 02-01 (what 02 forwards) comes after 02, not before it as plain sorting would put it.
    paths = sorted(root.glob("*/*.md"), key=lambda p: (p.parent.name, [int(x) for x in p.stem.split("-")]))
    return [read_document(p) for p in paths]


def issue_meta(directory: Path) -> dict:
    return yaml.load((directory / "issue.yaml").read_text(encoding="utf-8"), Loader=_FAST_LOADER)


# Each issue's 保密审查 records, by document file, beside issue.yaml: a re-import
# rewrites the issue and its documents but leaves the reviews (their content
# hashes then tell whether the text still is what was reviewed).
REVIEWS_FILE = "reviews.yaml"


def find_document(ref: str) -> StoredDocument:
    """A document by its file under catalogs/gazette/, e.g. 2025-09/01.md."""
    path = home.catalogs() / "gazette" / ref
    if not re.fullmatch(r"\d{4}-\d{2}/[\d-]+\.md", ref) or not path.is_file():
        raise NotFound(f"公报文件 {ref} 不存在（应为 YYYY-MM/NN.md）")
    return read_document(path)


def reviews_of(directory: Path) -> dict:
    path = directory / REVIEWS_FILE
    return (yaml.load(path.read_text(encoding="utf-8"), Loader=_FAST_LOADER) or {}) if path.is_file() else {}


def set_review(ref: str, record: dict) -> None:
    path = find_document(ref).path
    records = {**reviews_of(path.parent), path.name: record}
    write(path.parent, {REVIEWS_FILE: _dump(dict(sorted(records.items())))})
