"""The 主动公开目录 as files: adding entries and checking them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.errors import DataFileError
from core.publish import catalogue


@pytest.fixture
def body(tmp_path):
    path = tmp_path / "body.txt"
    path.write_text("春节期间政务服务大厅2月15日至23日暂停现场服务。\n", encoding="utf-8")
    return path


def test_add_numbers_entries_per_agency_and_year(db, cli, body, monkeypatch, env):
    monkeypatch.setenv("GONGKAI_TODAY", "2025-12-20")
    code, out, _ = cli("catalog", "add", "--title", "2026年春节政务服务大厅办公安排", "--class", "业务及服务",
                       "--agency", "YXZWFWJ", "--body", str(body), "--json")
    first = json.loads(out)
    assert code == 0
    assert {k: first[k] for k in ("id", "index_no", "class", "method", "validity", "written")} == {
        "id": "YXZWFWJ-2025-00001", "index_no": "YXZWFWJ/2025-00001", "class": "业务及服务", "method": "主动公开",
        "validity": "有效", "written": "2025-12-20"}
    code, out, _ = cli("catalog", "add", "--title", "办事指南", "--class", "业务及服务", "--agency", "YXZWFWJ",
                       "--body", str(body), "--doc-no", "玉政服发〔2025〕2号", "--json")
    assert json.loads(out)["index_no"] == "YXZWFWJ/2025-00002"
    path = env["catalogs"] / "catalogue" / "YXZWFWJ" / "YXZWFWJ-2025-00002.md"
    assert path.read_text(encoding="utf-8").endswith("\n\n春节期间政务服务大厅2月15日至23日暂停现场服务。\n")
    code, out, _ = cli("catalog", "list", "--json")
    assert [e["index_no"] for e in json.loads(out)] == ["YXZWFWJ/2025-00001", "YXZWFWJ/2025-00002"]


def test_add_refuses_an_unknown_agency(db, cli, body):
    code, _, err = cli("catalog", "add", "--title", "x", "--class", "其他", "--agency", "NOPE", "--body", str(body))
    assert (code, err) == (1, "错误：机构：机构代码 'NOPE' 不存在（`gongkai agencies` 列出所有机构）\n")


def test_every_problem_in_an_entry_is_named_with_file_line_and_field(db, env):
    folder = env["catalogs"] / "catalogue" / "YXSZFB"
    folder.mkdir(parents=True)
    (folder / "bad.md").write_text(
        "---\n索引号: YXSZFB-2025-1\n信息名称: 某通知\n发布机构: YXSZFB\n主题分类: 通知公告\n有效性: 已废止\n颜色: 红\n---\n\n正文\n",
        encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        catalogue.load_all()
    assert [str(p) for p in err.value.problems] == [
        "catalogs/catalogue/YXSZFB/bad.md 第7行 字段 颜色：未知字段（可用：索引号、信息名称、内容概述、发布机构、成文日期、形成日期、发布日期、变更日期、更新日期、文号、主题分类、公开方式、有效性、废止文件、废止日期、文件类型、保密审查）",
        "catalogs/catalogue/YXSZFB/bad.md 第2行 字段 索引号：索引号 'YXSZFB-2025-1' 应为 机构代码/年份-5位序号，如 YXSZFB/2025-00001",
        "catalogs/catalogue/YXSZFB/bad.md 第5行 字段 主题分类：应为 机构职能、法律依据、发展规划、行政执法、业务及服务、其他 之一",
        "catalogs/catalogue/YXSZFB/bad.md 第2行 字段 废止文件：已废止的条目须注明废止它的文件",
    ]


def test_duplicate_index_numbers_are_refused(db, env):
    folder = env["catalogs"] / "catalogue" / "YXSZFB"
    folder.mkdir(parents=True)
    entry = "---\n索引号: YXSZFB/2025-00001\n信息名称: 某通知\n发布机构: YXSZFB\n主题分类: 其他\n---\n\n正文\n"
    (folder / "a.md").write_text(entry, encoding="utf-8")
    (folder / "b.md").write_text(entry, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        catalogue.load_all()
    assert str(err.value) == ("catalogs/catalogue/YXSZFB/b.md 字段 索引号：索引号 YXSZFB/2025-00001 与 "
                              "catalogs/catalogue/YXSZFB/a.md 重复")


CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "documents"


def test_an_entry_is_imported_from_a_pdf_with_its_fields_read_from_the_document(db, cli, env):
    code, out, err = cli("catalog", "import", str(CORPUS / "05-letter-from-pdf.pdf"), "--class", "其他", "--json")
    assert code == 0, err
    entry = json.loads(out)
    assert (entry["index_no"].split("/")[0], entry["title"], entry["doc_no"], entry["written"]) == (
        "YXCZJ", "玉溪市财政局关于征求《玉溪市市级财政专项资金管理办法（征求意见稿）》意见的函", "玉财函〔2022〕56号",
        "2022-05-06")
    assert entry["review_id"]  # through its 保密审查 like any entry
    stored = catalogue.find(entry["index_no"])
    assert "逾期未反馈的，视为无意见。" in stored.body and "2022年5月6日" in stored.body


def test_an_issuer_that_is_no_registered_agency_needs_the_officer_to_name_one(db, cli, env):
    notice = str(CORPUS / "01-county-notice.docx")
    code, out, _ = cli("catalog", "import", notice, "--class", "其他", "--dry-run")
    assert code == 0 and "发文机关：峨山彝族自治县人民政府办公室（发布机构代码：未能确定，请用 --agency 指定）" in out
    code, _, err = cli("catalog", "import", notice, "--class", "其他")
    assert (code, err) == (1, "错误：机构：原文的发文机关“峨山彝族自治县人民政府办公室”不是唯一的登记机构，"
                              "请用 --agency 指定发布机构代码\n")
    code, out, _ = cli("catalog", "import", notice, "--class", "其他", "--agency", "YXESX", "--json")
    assert code == 0 and json.loads(out)["written"] == "2024-01-26"
