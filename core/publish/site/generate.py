"""`gongkai site generate`: catalogs/ → site_src/ (Markdown for MkDocs).

site_src/ is owned by the generator: files it would not write are removed, and
a file whose content is unchanged is not touched, so a second run on the same
input writes nothing. Nothing from the request database reaches the site."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from core import files, home
from core.chinese import from_int
from core.organisation.agencies import list_agencies, load_catalog, primary_name
from core.publish import authenticity, catalogue, texts
from core.publish.gazette import store
from core.publish.site import guide, verify_page
from core.publish.site.listing import paged
from core.publish.site.render import body_html, esc, md_escape, page
from core.publish.texts import Skipped
from core.store import checkpoints

NAV_FILE = "nav.yml"  # read by `site build`, excluded from the pages (mkdocs.yml exclude_docs)

# The site's own static files (styles, the table-sort script), copied as they are.
ASSETS = Path(__file__).resolve().parent / "assets"


@dataclass(frozen=True)
class Pages:
    files: dict[str, str | bytes]  # the 申请表 is a Word file
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True)
class GenerateReport:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]
    skipped: tuple[Skipped, ...]


def _meta_table(rows: list[tuple[str, str]]) -> str:
    lines = ['<table class="doc-meta" data-search-exclude>']
    for label, value in rows:
        lines.append(f"<tr><td>{md_escape(label)}</td><td>{md_escape(value or '—')}</td></tr>")
    lines.append("</table>")
    return "".join(lines)


@dataclass(frozen=True)
class _Relations:
    """The published gazette documents indexed for `_related` (one pass, not one per page)."""

    by_stem: dict  # (issue, file stem) → document
    children: dict  # (issue, parent stem) → documents it issues or forwards
    by_doc_no: dict  # 文号 → (issue, document)
    repealed_by: dict  # 文号 → [(issue, document that repeals it)]

    @classmethod
    def of(cls, by_issue: dict) -> _Relations:
        by_stem, children, by_doc_no, repealed_by = {}, defaultdict(list), {}, defaultdict(list)
        for m, docs in by_issue.items():
            for d in docs:
                by_stem[m, d.path.stem] = d
                if d.meta.get("parent"):
                    children[m, d.meta["parent"]].append(d)
                if d.doc_no:
                    by_doc_no.setdefault(d.doc_no, (m, d))
                for r in d.meta.get("repeals") or []:
                    if r.get("doc_no"):
                        repealed_by[r["doc_no"]].append((m, d))
        return cls(by_stem, children, by_doc_no, repealed_by)


def _related(doc, month_dir: str, relations: _Relations) -> str:
    """Links both ways between a notice and the 办法 it issues or forwards, and between a repealing
    and a repealed document, among the published gazette documents."""

    def link(m: str, d) -> str:
        target = f"{d.path.stem}.md" if m == month_dir else f"../{m}/{d.path.stem}.md"
        return f"[{md_escape(d.title)}]({target})" + (f"（{md_escape(d.doc_no)}）" if d.doc_no else "")

    lines = []
    parent = relations.by_stem.get((month_dir, doc.meta.get("parent")))
    if parent is not None:
        lines.append(f"- 印发本文件的通知：{link(month_dir, parent)}")
    lines += [f"- 随文印发：{link(month_dir, d)}" for d in relations.children.get((month_dir, doc.path.stem), [])]
    for repealed in doc.meta.get("repeals") or []:
        found = relations.by_doc_no.get(repealed.get("doc_no")) if repealed.get("doc_no") else None
        lines.append("- 废止：" + (link(*found) if found else md_escape(
            f"《{repealed.get('title')}》" + (f"（{repealed['doc_no']}）" if repealed.get("doc_no") else ""))))
    if doc.doc_no:
        lines += [f"- 已被废止：{link(m, d)}" for m, d in relations.repealed_by.get(doc.doc_no, [])]
    return "**相关文件**\n\n" + "\n".join(lines) if lines else ""


def _written(doc, month_dir: str, dated: dict) -> str:
    """A document's 成文日期; a 办法 issued by a notice has none of its own and carries the notice's."""
    own = str(doc.meta.get("date") or "")
    notice = dated.get((month_dir, doc.meta.get("parent"))) if not own else None
    return own or (f"{notice}（随印发通知）" if notice else "")


def _issue_link(by_issue: dict, month_dir: str) -> str:
    meta = store.issue_meta(by_issue[month_dir][0].path.parent)
    return f"最新一期：[{md_escape(meta['name'])} {meta['year']}年{meta['month']}月](gazette/{month_dir}/index.md)"


def _contents(doc) -> str:
    """A long text's chapters, linked to their anchors (`#第一章`, which body_html sets)."""
    chapters = doc.meta.get("chapters") or []
    if len(chapters) < 2:
        return ""
    return "**目录**\n\n" + "\n".join(
        f"- [第{from_int(c['number'])}章 {md_escape(c['title'])}](#第{from_int(c['number'])}章)" for c in chapters)


# The catalogue's listings as HTML tables of their own class: the columns that must not wrap
# (索引号, dates, 文号) are styled so, and the table scrolls sideways on a phone.
CATALOGUE_HEADER = ('<div class="catalogue-scroll"><table class="catalogue-list"><thead><tr>'
                    + "".join(f"<th>{h}</th>" for h in ("索引号", "信息名称", "主题分类", "发布机构", "成文日期", "文号", "有效性"))
                    + "</tr></thead><tbody>\n")
CATALOGUE_FOOTER = "</tbody></table></div>"
NEWEST = 20  # entries on the catalogue's front page


def _catalogue_listings(entries: list, rows: dict[str, str], names: dict[str, str]) -> dict[str, str]:
    """The catalogue's front page (its columns, issuers and years with counts, the newest
    entries) and one paged listing per class, issuer and year, newest first."""
    newest = sorted(entries, key=lambda e: (e.written or dt.date.min, e.index_no), reverse=True)
    groups = {  # listing base name → (heading, entries)
        **{f"class-{i}": (c, [e for e in newest if e.subject == c]) for i, c in enumerate(catalogue.CLASSES, 1)},
        **{f"agency-{a}": (names.get(a, a), [e for e in newest if e.agency == a])
           for a in sorted({e.agency for e in entries}, key=lambda a: (list(names).index(a) if a in names else 0, a))},
        **{f"year-{y}": (f"{y}年", [e for e in newest if e.index_no.split("/")[1][:4] == y])
           for y in sorted({e.index_no.split("/")[1][:4] for e in entries}, reverse=True)}}
    files = {}
    sections = {"class": "按主题分类", "agency": "按发布机构", "year": "按年份"}
    front = []
    for kind, heading in sections.items():
        links = [f"[{md_escape(title)}]({base}.md)（{len(chosen)}条）" for base, (title, chosen) in groups.items()
                 if base.startswith(kind + "-") and chosen]
        if links:
            front += [f"## {heading}", "　".join(links)]
    for base, (title, chosen) in groups.items():
        if chosen:
            listing = paged(f"catalogue/{base}", f"主动公开目录：{title}", "[返回主动公开目录](index.md)　点击表头可在本页排序",
                            CATALOGUE_HEADER, [rows[e.index_no] for e in chosen], "", CATALOGUE_FOOTER)
            files.update(listing)
    files["catalogue/index.md"] = page(
        "主动公开目录", *front, "## 最新条目" if entries else "",
        CATALOGUE_HEADER + "\n".join(rows[e.index_no] for e in newest[:NEWEST]) + CATALOGUE_FOOTER
        if entries else "目录中暂无条目。", wide=True)
    return files


def pages() -> Pages:
    files: dict[str, str] = {f"assets/{p.name}": p.read_text(encoding="utf-8") for p in sorted(ASSETS.iterdir())}
    names = {a.code: primary_name(a.name) for a in list_agencies()}
    chosen = texts.select()
    entries = chosen.entries
    # A gazette document shows its catalogue entry's 索引号 and validity (facts about the document itself).
    by_doc_no = {e.doc_no: e for e in chosen.all_entries if e.doc_no}
    manifest = []

    # 主动公开目录: one page per entry; listings by class, issuer and year, paged, newest first.
    rows = {}
    for e in entries:
        slug = e.index_no.replace("/", "-")
        files[f"catalogue/{slug}.md"] = page(e.title, _meta_table([
            ("索引号", e.index_no), ("发布机构", names.get(e.agency, e.agency)),
            ("成文日期", str(e.written or "")), ("发布日期", str(e.published or "")),
            *([("更新日期", str(e.updated))] if e.updated else []), ("文号", e.doc_no or ""), ("主题分类", e.subject),
            ("有效性", e.validity + (f"（{e.repealed_by} 废止）" if e.repealed_by else ""))]),
            "\n\n".join(body_html(e.body)))
        rows[e.index_no] = "<tr>" + "".join(f"<td>{cell}</td>" for cell in (
            f'<a href="{slug}.html">{esc(e.index_no)}</a>', esc(e.title), esc(e.subject),
            esc(names.get(e.agency, e.agency)), e.written or "", esc(e.doc_no or ""), esc(e.validity))) + "</tr>"
        manifest.append({"path": texts.page_of_entry(e), "title": e.title, "doc_no": e.doc_no,
                         "index_no": e.index_no,
                         "date": str(e.written or ""), "sha256": authenticity.text_hash(e.body)})
    files.update(_catalogue_listings(entries, rows, names))

    # 政府公报: year → issue → documents in table-of-contents order.
    issues = defaultdict(list)
    by_issue = defaultdict(list)
    for d in chosen.documents:
        by_issue[d.path.parent.name].append(d)
    dated = {(m, d.path.stem): str(d.meta.get("date") or "") for m, docs in by_issue.items() for d in docs}
    relations = _Relations.of(by_issue)
    for month_dir in sorted(by_issue):
        issue_meta = store.issue_meta(by_issue[month_dir][0].path.parent)
        issues[month_dir[:4]].append((month_dir, issue_meta))
        published = {d.path.name: d for d in by_issue[month_dir]}
        toc_lines = []
        for section in issue_meta.get("toc", []):
            lines = []
            for item in section["documents"]:
                stem = item["file"].removesuffix(".md")
                indent = ""
                if item["file"] in published:
                    lines.append(f"- [{md_escape(item['title'])}]({stem}.md)"
                                 + (f" {md_escape(item['doc_no'])}" if item.get("doc_no") else ""))
                    indent = "    "
                for child in item.get("forwards", []):
                    if child in published:
                        lines.append(f"{indent}- [{md_escape(published[child].title)}]({child.removesuffix('.md')}.md)")
            if lines:
                toc_lines += [f"## {md_escape(section.get('section') or '')}", *lines]
        name = f"{issue_meta['name']} {issue_meta['year']}年{issue_meta['month']}月"
        files[f"gazette/{month_dir}/index.md"] = page(name, "\n".join(toc_lines))
        for d in by_issue[month_dir]:
            stem = d.path.stem
            entry = by_doc_no.get(d.doc_no)
            validity = entry.validity if entry else "有效"
            files[f"gazette/{month_dir}/{stem}.md"] = page(d.title, _meta_table([
                ("索引号", entry.index_no if entry else ""), ("发布机构", "、".join(d.meta.get("issuers") or [])),
                ("主送", "、".join(d.meta.get("addressees") or [])), ("成文日期", _written(d, month_dir, dated)),
                ("文号", d.doc_no or ""), ("有效性", validity)]),
                _related(d, month_dir, relations), _contents(d), "\n\n".join(body_html(d.body)))
            manifest.append({"path": texts.page_of_document(d), "title": d.title, "doc_no": d.doc_no,
                             "index_no": entry.index_no if entry else None,
                             "date": d.meta.get("date") or "", "sha256": authenticity.text_hash(d.body)})
    year_lines = []
    for year in sorted(issues, reverse=True):
        year_lines.append(f"## {year}年")
        year_lines += [f"- [{md_escape(meta['name'])} {meta['month']}月]({m}/index.md)" for m, meta in issues[year]]
    files["gazette/index.md"] = page("政府公报", "\n".join(year_lines) or "暂无公报。")

    # 政府信息公开指南: one for every body, and the 申请表.
    files.update(guide.files(load_catalog()))
    # 年度报告: the copies `report publish` wrote (already escaped when rendered), newest year first.
    report_lines = []
    reports_root = home.catalogs() / "reports"
    for year_dir in sorted((d for d in reports_root.glob("*") if d.is_dir()), reverse=True):
        pages_of_year = []
        for path in sorted(year_dir.glob("*.md")):
            text = path.read_text(encoding="utf-8")
            title = text.splitlines()[0].removeprefix("# ") if text else path.stem
            ref = f"{path.stem}/{year_dir.name}"
            if not chosen.reviewed("report", ref, title, text):
                continue
            files[f"reports/{year_dir.name}/{path.name}"] = text
            chart = path.with_suffix(".svg")
            if chart.is_file():
                files[f"reports/{year_dir.name}/{chart.name}"] = chart.read_text(encoding="utf-8")
            pages_of_year.append((title, f"{year_dir.name}/{path.name}"))
        if pages_of_year:
            report_lines += [f"## {year_dir.name}年度"] + [f"- [{t}]({link})" for t, link in pages_of_year]
    files["reports/index.md"] = page("政府信息公开工作年度报告",
                                      "\n".join(report_lines) or "年度报告经审核公布后在此发布。")
    # The home page: what a citizen comes for, newest first.
    latest = sorted([(dated[m, d.path.stem] or dated.get((m, d.meta.get("parent")), ""), d.title,
                      f"gazette/{m}/{d.path.stem}.md") for m, docs in by_issue.items() for d in docs]
                    + [(str(e.written or ""), e.title, f"catalogue/{e.index_no.replace('/', '-')}.md") for e in entries],
                    reverse=True)[:10]
    newest_issue = max(by_issue) if by_issue else None
    files["index.md"] = page(
        "玉溪市人民政府信息公开",
        "- [政府信息公开指南](guide.md)：如何申请、向谁申请、答复期限、收费和救济途径\n"
        "- [主动公开目录](catalogue/index.md)\n- [政府公报](gazette/index.md)\n"
        "- [政府信息公开工作年度报告](reports/index.md)\n- [核对文件真伪](verify.md)：网上流传的文件是否与正式文本一致",
        "## 最新文件", "\n".join(f"- {date or '　　　　　'}　[{md_escape(title)}]({link})" for date, title, link in latest)
        or "暂无已公开的文件。",
        "## 政府公报", _issue_link(by_issue, newest_issue) if newest_issue else "暂无公报。",
        "## 主动公开目录", "　".join(f"[{c}](catalogue/class-{i}.md)（{n}）" for i, c in enumerate(catalogue.CLASSES, 1)
                                  if (n := sum(e.subject == c for e in entries)))
        + "　[按主题、机构、年份浏览](catalogue/index.md)" if entries else "目录中暂无条目。",
        "## 核对文件真伪",
        "网上流传的文件是否与正式文本一致，可在[核对文件真伪](verify.md)页粘贴全文，在浏览器中逐字比对；"
        "本站每份文件的规范化文本都公布了 SHA-256 校验值（[manifest.json](manifest.json)）。")
    # The latest signed checkpoint of the audit chains (hashes only): rewriting history before it
    # is detectable by anyone holding this page (`gongkai audit verify --against`).
    checkpoint = checkpoints.latest()
    public_key = home.catalogs() / checkpoints.PUBLIC_KEY
    if checkpoint:
        files["audit/checkpoint.json"] = json.dumps(checkpoint.data, ensure_ascii=False, indent=1) + "\n"
    if public_key.is_file():
        files["audit/public-key.pem"] = public_key.read_text(encoding="utf-8")
    files["audit/index.md"] = page("审计检查点", (
        f"第{checkpoint.data['checkpoint']}号检查点，{checkpoint.data['at'].replace('T', ' ')} 签署，"
        f"涵盖 {checkpoint.data['requests']} 件申请的办理记录。\n\n"
        f"- 摘要（SHA-256）：`{checkpoint.data['root']}`\n"
        "- 检查点：[checkpoint.json](checkpoint.json)\n- 本机关公钥（Ed25519）：[public-key.pem](public-key.pem)\n\n"
        "本页只公布摘要，不含任何申请人信息。保存本页后，任何人都可请本机关以 "
        "`gongkai audit verify --against checkpoint.json` 证明此后办理记录未被改写。")
        if checkpoint and public_key.is_file() else "尚未公布审计检查点。")
    # The navigation in Chinese (MkDocs would name sections after their folders).
    # Sections only: documents are reached through the listings, so no page carries the whole
    # catalogue in its sidebar (a page's size and the build's time per page stay flat).
    files.update(verify_page.files(texts.published(chosen)))
    files[NAV_FILE] = yaml.safe_dump({"nav": [
        {"首页": "index.md"}, {"政府信息公开指南": "guide.md"}, {"主动公开目录": "catalogue/index.md"},
        {"政府公报": "gazette/index.md"}, {"年度报告": "reports/index.md"}, {"核对文件真伪": "verify.md"},
        {"审计检查点": "audit/index.md"}],
        "not_in_nav": "/catalogue/\n/gazette/\n/reports/\n"}, allow_unicode=True, sort_keys=False)
    files["manifest.json"] = json.dumps({"documents": manifest}, ensure_ascii=False, indent=1) + "\n"
    return Pages(files, tuple(chosen.skipped))


def generate(target: Path | None = None, *, actor: str | None = None, today: dt.date | None = None) -> GenerateReport:
    """The site's sources. With the officer and the day, this is publication: entries going out
    for the first time, or with their change, get their 发布日期 / 更新日期 (the 主动公开 clock)."""
    target = target or home.site_src()
    if actor is not None and today is not None:
        texts.stamp_publication(texts.select(), actor, today)
    result = pages()
    wanted = result.files
    written, unchanged = [], 0
    for name, content in wanted.items():
        path = target / name
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        files.write_bytes(path, data)
        written.append(name)
    removed = []
    for path in sorted(target.rglob("*")):
        if path.is_file() and path.relative_to(target).as_posix() not in wanted:
            path.unlink()
            removed.append(path.relative_to(target).as_posix())
    return GenerateReport(tuple(written), unchanged, tuple(removed), result.skipped)
