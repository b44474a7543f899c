"""The built search index, made to find a document by its 文号 and 索引号.

Material segments Chinese with jieba, which splits 玉政办发〔2025〕15号 into 玉/政办发/〔2025〕15/号
(no word can hold 〔〕), and the query typed in the browser is not segmented at all: a 文号 typed
whole, or its 〔2025〕15号 part, matched nothing. Each document's entry therefore starts with a plain line
holding the 文号 whole and in its parts, each a token of its own; the header table itself is left out of the index, so a result's snippet is that line
and the text, not the table's cells run together."""

from __future__ import annotations

import json
import re
from pathlib import Path

SERIAL = re.compile(r"〔\d{4}〕\d+号")


def keys_line(doc: dict) -> str:
    """`文号 玉政办发〔2025〕15号 · 发文字号 玉政办发 〔2025〕15号 · 成文日期 … · 索引号 …`: the 文号
    whole and in its two parts, each a token of its own."""
    parts = []
    doc_no = doc.get("doc_no") or ""
    serial = SERIAL.search(doc_no)
    if doc_no:
        parts.append(f"文号 {doc_no}")
        if serial and serial.start():
            parts.append(f"机关代字 {doc_no[:serial.start()]} 年份序号 {serial.group(0)}")
    if doc.get("date"):
        parts.append(f"成文日期 {doc['date']}")
    if doc.get("index_no"):
        parts.append(f"索引号 {doc['index_no']}")
    return " · ".join(parts)


def refine(site: Path) -> int:
    """Rewrite search/search_index.json (and the offline copy, search_index.js); return the
    number of document entries given their keys."""
    index_path = site / "search" / "search_index.json"
    if not index_path.is_file():
        return 0
    documents = {d["path"]: d for d in json.loads((site / "manifest.json").read_text(encoding="utf-8"))["documents"]}
    index = json.loads(index_path.read_text(encoding="utf-8"))
    refined = 0
    for entry in index["docs"]:
        doc = documents.get(entry["location"])
        if doc is None:
            continue
        line = keys_line(doc)
        if line:
            entry["text"] = f"<p>{line}</p> {entry['text']}"
        refined += 1
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    index_path.write_text(data, encoding="utf-8")
    offline = index_path.with_suffix(".js")
    if offline.is_file():
        offline.write_text(f"var __index = {data}", encoding="utf-8")
    return refined
