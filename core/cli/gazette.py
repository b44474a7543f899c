"""`gongkai gazette import …`: a raw issue or document into catalogs/gazette/."""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from core.cli import output
from core.cli.parser import ArgumentParser
from core.errors import InvalidInput
from core.publish import catalogue
from core.publish.document import elements, sources
from core.publish.gazette import artefacts, parse, store
from core.session import start
from core.store import audit
from core.store.db import write_transaction


def register(nouns: argparse._SubParsersAction) -> None:
    group = nouns.add_parser("gazette", help="政府公报").add_subparsers(dest="action", metavar="操作",
                                                                    parser_class=ArgumentParser)
    p = group.add_parser("import", help="导入一期公报的原始文本，或单篇文件（文本、Word、PDF、网页），到 catalogs/gazette/")
    p.add_argument("file", type=Path, help="原文：.txt/.md、.docx、有文字层的 .pdf、保存的网页 .html")
    p.add_argument("--issue", help="期号 YYYY-MM（默认：一期公报取原文所注，单篇文件取其成文日期所在月）")
    p.add_argument("--dry-run", action="store_true", help="只解析并报告，不写文件")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_import)


def _month(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InvalidInput("issue", f"期号应为 YYYY-MM，如 2025-09，收到 {value!r}")
    return int(m.group(1)), int(m.group(2))


def cmd_import(args) -> int:
    read = sources.text_of(args.file, "file")
    if read.notice:
        sys.stderr.write(read.notice + "\n")
    text = read.text
    wanted = _month(args.issue)
    words, cleaned = artefacts.clean(text)
    parsed = None
    if parse.is_issue(words):
        issue = parse.parse_issue(words)
    else:
        parsed = elements.parse(words)
        doc = parse.from_elements(parsed)
        # A single document goes into the issue of its month unless the officer names another.
        issue = parse.Issue(name="", year=doc.date.year if doc.date else None, month=doc.date.month if doc.date else None,
                            editorial_board=[], toc=[], documents=[doc], problems=[])
    if wanted:
        issue.year, issue.month = wanted
    if issue.year is None:
        raise InvalidInput("issue", "原文未注明期号，也未找到成文日期，请用 --issue YYYY-MM 指定")
    directory = store.issue_dir(issue.year, issue.month)
    files = store.files_for(issue, args.file.name, text)
    report = None
    if not args.dry_run:
        actor = start()  # what the site will publish is on the record: who imported which text
        report = store.write(directory, files)
        with write_transaction():
            audit.system_event(actor.login, "gazette_import", {
                "source": args.file.name, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "issue": directory.name, "written": list(report.written)})
    # A forwarded regulation repeals under the 文号 (and on the date) of the notice that issues it.
    repeals = []
    for top in issue.documents:
        for d in [top, *top.documents]:
            date = d.date or top.date
            repeals += [(d.doc_no or top.doc_no or d.title, date.isoformat() if date else None, r) for r in d.repeals]
    repealed = None
    if not args.dry_run and repeals:
        repealed = catalogue.apply_repeals(repeals)
    problems = issue.problems + [f"{d.title}：{p}" for d in issue.documents for p in d.problems] + [
        f"{c.title}：{p}" for d in issue.documents for c in d.documents for p in c.problems]
    if args.json:
        data = issue.as_json()
        if parsed is not None:  # a single document: its GB/T 9704 elements, each with its source line
            data["elements"] = parsed.as_json()["elements"]
            data["missing"] = parsed.missing
        data.update({"directory": str(directory), "dry_run": args.dry_run, "problems": problems, "cleaned": cleaned,
                     "written": list(report.written) if report else [],
                     "unchanged": list(report.unchanged) if report else [],
                     "repealed": {"updated": list(repealed.updated) if repealed else [],
                                  "not_in_catalogue": list(repealed.not_in_catalogue) if repealed else []}})
        output.emit_json(data)
        return 0
    output.say(f"{issue.name or '公报'} {issue.year}年{issue.month}月：{len(issue.documents)} 篇文件")
    for d in issue.documents:
        output.say(f"  {d.title}  {d.doc_no or '（无文号）'}  {d.date or '（无日期）'}"
                   + "".join(f"\n    {'转发' if '转发' in d.title else '印发'}：{c.title}（{len(c.articles)} 条）"
                             for c in d.documents))
    for c in cleaned:
        output.say(f"  已清理转换产物：{c}")
    for p in problems:
        output.say(f"  待确认：{p}")
    if repealed:
        for index_no in repealed.updated:
            output.say(f"  目录条目 {index_no} 已标注为已废止")
        for r in repealed.not_in_catalogue:
            output.say(f"  已废止（目录中无此文件）：《{r['title']}》（{r['doc_no']}），由 {r['repealed_by']} 废止")
    if report:
        output.say(f"写入 {len(report.written)} 个文件，未变 {len(report.unchanged)} 个：{directory}")
    else:
        output.say("（试运行，未写入文件）")
    return 0
