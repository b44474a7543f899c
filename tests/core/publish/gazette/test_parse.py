"""Parsing the seed gazette issue (2025年9月) and raw single documents."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from core.publish.document import elements
from core.publish.gazette.parse import from_elements, parse_issue
from tests import REPO, SEEDS

SEED = SEEDS / "000_dbad44c754599aa5.txt"


@pytest.fixture(scope="module")
def issue():
    return parse_issue(SEED.read_text(encoding="utf-8"))


def test_issue_metadata_board_and_contents(issue):
    assert (issue.name, issue.year, issue.month, issue.problems) == ("玉溪市人民政府公报", 2025, 9, [])
    assert issue.editorial_board[:3] == [("名誉主任", ["胡江辉"]), ("主任", ["吴渔琛"]), ("副主任", [
        "夏德喜", "师吉明", "李金华", "杨峰", "周士坤", "石龙", "刘敏", "刘有会", "罗继冰", "袁新", "刘跃", "李雯漪"])]
    assert issue.editorial_board[-2:] == [("主编", ["祁虹"]), ("副主编", ["业玉春"])]
    assert [(e.section, e.doc_no, e.page) for e in issue.toc] == [
        ("市政府文件", "玉政发〔2025〕7号", 1), ("市政府办公室文件", "玉政办发〔2025〕15号", 2),
        ("市政府办公室文件", "玉政办通〔2025〕33号", 35), ("市级部门文件", "玉医保规〔2025〕1号", 39),
        ("市级部门文件", None, 43)]


def test_all_five_documents_with_titles_numbers_dates_and_articles(issue):
    got = [(d.title, d.doc_no, d.date, d.public, [(c.title, len(c.articles)) for c in d.documents])
           for d in issue.documents]
    assert got == [
        ("玉溪市人民政府关于废止玉溪市行政机关负责人行政诉讼出庭应诉规定的决定", "玉政发〔2025〕7号",
         dt.date(2025, 9, 10), True, []),
        ("玉溪市人民政府办公室关于印发玉溪市电子政务运维管理办法(试行)的通知", "玉政办发〔2025〕15号",
         dt.date(2025, 8, 22), True, [("玉溪市电子政务运维管理办法(试行)", 125)]),
        ("玉溪市人民政府办公室关于调整公布市级行政规范性文件制定主体清单的通知", "玉政办通〔2025〕33号",
         dt.date(2025, 9, 4), True, []),
        ("玉溪市医疗保障局 玉溪市财政局关于印发《玉溪市职工生育保险办法(试行)》的通知", "玉医保规〔2025〕1号",
         dt.date(2025, 8, 26), True, [("玉溪市职工生育保险办法(试行)", 17)]),
        ("玉溪市市本级2024年度“三公”经费决算情况说明", None, None, False, []),
    ]
    assert issue.documents[3].issuers == ["玉溪市医疗保障局", "玉溪市财政局"]
    assert issue.documents[0].addressees == ["各县(市、区)人民政府", "市直有关单位"]


def test_what_cannot_be_decided_is_reported_not_guessed(issue):
    assert issue.documents[4].issuers == []
    assert issue.documents[4].problems == ["未能确定发文机关", "未找到成文日期"]


def test_the_regulation_keeps_its_chapters_across_page_breaks(issue):
    regulation = issue.documents[1].documents[0]
    assert [(c.number, c.title) for c in regulation.chapters] == [
        (1, "总则"), (2, "玉溪市电子政务外网管理"), (3, "玉溪市党政机关电子政务视频会议系统管理"),
        (4, "玉溪市政务云管理"), (5, "玉溪市智慧政务协同工作平台管理"), (6, "附则")]
    assert [a.number for a in regulation.articles] == list(range(1, 126))
    article4 = regulation.articles[3]
    assert article4.chapter == 2
    assert "玉溪市电子政务外网(以下简称“政务外网”)的管理" in article4.text  # joined across the page break
    assert len(regulation.attachments) == 9 and regulation.attachments[0] == "玉溪市电子政务外网接入申请表"


def test_the_45_row_list_of_issuing_bodies(issue):
    table = issue.documents[2].tables[0]
    assert table.title == "玉溪市市级行政规范性文件制定主体清单"
    assert table.header == ("序号", "制定主体名称")
    assert len(table.rows) == 45
    assert table.rows[0] == ("1", "玉溪市人民政府") and table.rows[-1] == ("45", "玉溪市消防救援局(支队)")
    assert table.groups == ("玉溪市人民政府工作部门", "玉溪市人民政府直属事业单位",
                            "其他行政机关和法律法规授权组织(含中央、省驻玉单位)")


RAW = """玉溪市某某局关于印发
玉溪市某某管理办法的通知

玉某发〔2026〕3号

各县（市、区）某某局，市直各单位：

　　现将《玉溪市某某管理办法》印发给你们，请遵照执行。

　　2026年1月5日

　　（此件公开发布）

玉溪市某某管理办法

第一章　总　则

　　第一条　为了规范管理，制定本办法。

　　第二条　本办法适用于：

　　（一）市级部门；

　　（二）县级部门。

第二章　附　则

　　第四条　本办法自发布之日起施行。
"""


def test_a_single_raw_document_with_full_width_spaces():
    doc = from_elements(elements.parse(RAW))
    assert (doc.title, doc.doc_no, doc.date, doc.public) == (
        "玉溪市某某局关于印发玉溪市某某管理办法的通知", "玉某发〔2026〕3号", dt.date(2026, 1, 5), True)
    assert doc.addressees == ["各县（市、区）某某局", "市直各单位"]
    assert doc.issuers == ["玉溪市某某局"]
    [regulation] = doc.documents
    assert regulation.title == "玉溪市某某管理办法"
    assert [(c.number, c.title) for c in regulation.chapters] == [(1, "总则"), (2, "附则")]
    assert [a.number for a in regulation.articles] == [1, 2, 4]
    assert regulation.items == 2
    assert regulation.problems == ["条文编号不连续：第3条之后为第4条"]


def test_import_cli_writes_once_and_nests_forwarded_documents(env, catalogs, cli, tmp_path):
    shutil.rmtree(catalogs / "gazette" / "2025-09")
    code, out, _ = cli("gazette", "import", str(SEED), "--json")
    data = json.loads(out)
    assert code == 0 and len(data["written"]) == 8 and data["unchanged"] == []
    assert data["documents"][1]["documents"][0]["articles"] == 125
    assert data["problems"] == ["玉溪市市本级2024年度“三公”经费决算情况说明：未能确定发文机关",
                                "玉溪市市本级2024年度“三公”经费决算情况说明：未找到成文日期"]
    code, out, _ = cli("gazette", "import", str(SEED), "--json")
    again = json.loads(out)
    assert again["written"] == [] and len(again["unchanged"]) == 8
    shipped = REPO / "catalogs" / "gazette" / "2025-09"
    for name in again["unchanged"]:
        assert (catalogs / "gazette" / "2025-09" / name).read_text(encoding="utf-8") == (
            shipped / name).read_text(encoding="utf-8"), f"catalogs/gazette/2025-09/{name} is stale"


def test_a_single_document_goes_into_the_issue_of_its_month(catalogs, cli, tmp_path):
    raw = tmp_path / "doc.txt"
    raw.write_text(RAW, encoding="utf-8")
    code, out, _ = cli("gazette", "import", str(raw), "--dry-run", "--json")
    assert (code, json.loads(out)["directory"].endswith("gazette/2026-01")) == (0, True)
    code, out, _ = cli("gazette", "import", str(raw), "--issue", "2026-02", "--dry-run", "--json")
    assert json.loads(out)["documents"][0]["doc_no"] == "玉某发〔2026〕3号"
    assert json.loads(out)["directory"].endswith("gazette/2026-02")
    assert not (catalogs / "gazette" / "2026-01").exists()
    undated = tmp_path / "undated.txt"
    undated.write_text(RAW.replace("2026年1月5日", ""), encoding="utf-8")
    code, _, err = cli("gazette", "import", str(undated), "--dry-run")
    assert (code, err) == (1, "错误：期号：原文未注明期号，也未找到成文日期，请用 --issue YYYY-MM 指定\n")


def test_word_pdf_and_web_page_copies_import_like_the_text(catalogs, cli):
    """The same county notice as text, Word, PDF and a saved web page: the same document."""
    corpus = Path(__file__).resolve().parents[3] / "fixtures" / "documents"
    seen = []
    for suffix in (".txt", ".docx", ".pdf", ".html"):
        code, out, err = cli("gazette", "import", str(corpus / f"03-county-forwards-city{suffix}"), "--dry-run",
                             "--json")
        assert code == 0, err
        [doc] = json.loads(out)["documents"]
        seen.append((doc["title"], doc["doc_no"], doc["date"], [(d["title"], d["doc_no"]) for d in doc["documents"]]))
    assert seen == [("通海县人民政府办公室转发玉溪市人民政府关于加强农村饮水安全管理的通知的通知", "通政办发〔2025〕21号",
                     "2025-03-18", [("玉溪市人民政府关于加强农村饮水安全管理的通知", "玉政发〔2025〕4号")])] * 4


def test_a_scanned_pdf_is_refused_with_its_reason(catalogs, cli, tmp_path):
    from pypdf import PdfWriter

    scan = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with scan.open("wb") as fh:
        writer.write(fh)
    code, _, err = cli("gazette", "import", str(scan), "--dry-run")
    assert (code, err) == (1, "错误：文件：scan.pdf 没有文字层（可能是扫描件）：请先用 OCR 转为文字，或向发文机关索取电子文本\n")


def test_repeals_are_detected_in_both_wordings(issue):
    assert issue.documents[0].repeals == [{
        "title": "玉溪市人民政府关于印发玉溪市行政机关负责人行政诉讼出庭应诉规定的通知", "doc_no": "玉政发〔2015〕168号"}]
    assert issue.documents[3].documents[0].repeals == [{
        "title": "玉溪市医疗保障局 玉溪市财政局关于印发《玉溪市职工生育保险和职工基本医疗保险合并实施办法》的通知",
        "doc_no": "玉医保规〔2019〕1号"}]
    # citing a document without repealing it is not a repeal (第一条 cites 云政办发[2011]121号)
    assert all(not d.repeals for d in (issue.documents[1], issue.documents[2], issue.documents[4]))


def test_import_marks_a_repealed_catalogue_entry_and_lists_the_rest(db, env, cli):
    folder = env["catalogs"] / "catalogue" / "YXSZF"
    folder.mkdir(parents=True)
    (folder / "YXSZF-2015-00168.md").write_text(
        "---\n索引号: YXSZF/2015-00168\n信息名称: 玉溪市人民政府关于印发玉溪市行政机关负责人行政诉讼出庭应诉规定的通知\n"
        "发布机构: YXSZF\n文号: 玉政发〔2015〕168号\n主题分类: 法律依据\n---\n\n正文\n", encoding="utf-8")
    code, out, _ = cli("gazette", "import", str(SEED), "--json")
    repealed = json.loads(out)["repealed"]
    assert repealed["updated"] == ["YXSZF/2015-00168"]
    assert repealed["not_in_catalogue"] == [{
        "title": "玉溪市医疗保障局 玉溪市财政局关于印发《玉溪市职工生育保险和职工基本医疗保险合并实施办法》的通知",
        "doc_no": "玉医保规〔2019〕1号", "repealed_by": "玉医保规〔2025〕1号"}]
    code, out, _ = cli("catalog", "list", "--json")
    [entry] = json.loads(out)
    assert (entry["validity"], entry["repealed_by"]) == ("已废止", "玉政发〔2025〕7号")


def test_conversion_artefacts_become_the_characters_they_stand_for_and_are_listed():
    from core.publish.gazette import artefacts

    text, changes = artefacts.clean('温度 $18^{\\circ}\\text{C}$ — $25^{\\circ}\\text{C}$，费用 $100 与 $200\n'
                                    '单位性质\t<input type="checkbox"/> 机关 <input type="checkbox" checked/> 事业\n'
                                    '<div style="text-align: right;">年 月 日</div><p>申请原因：</p>')
    assert text == ("温度 18℃ — 25℃，费用 $100 与 $200\n单位性质\t☐ 机关 ☑ 事业\n年 月 日申请原因：")
    assert changes == ["LaTeX 公式改为文字（$18^{\\circ}\\text{C}$ → 18℃、$25^{\\circ}\\text{C}$ → 25℃）：2 处",
                       "复选框标记 <input type=\"checkbox\"/> 改为 ☐：2 处",
                       "HTML 标签（div、p、span 等）去掉，保留其中文字：4 处"]


def test_the_seed_issue_is_stored_without_conversion_artefacts():
    from core.publish.gazette.store import all_documents

    for doc in all_documents():
        assert not re.search(r"<(input|div|p)\b|\$[^$]*\\", doc.body), doc.path.name


def test_a_broken_word_file_and_an_unknown_kind_are_named(catalogs, cli, tmp_path):
    broken = tmp_path / "notice.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = cli("gazette", "import", str(broken), "--dry-run")
    assert code == 1 and err.startswith("错误：文件：notice.docx 不是有效的 Word 文档（.docx）：")
    scan = tmp_path / "notice.jpg"
    scan.write_bytes(b"\xff\xd8\xff")
    code, _, err = cli("gazette", "import", str(scan), "--dry-run")
    assert (code, err) == (1, "错误：文件：不支持的文件类型 .jpg（可用：.txt、.md、.docx、.pdf、.html、.htm）\n")


def test_a_dry_run_shows_each_element_with_its_line(catalogs, cli):
    corpus = Path(__file__).resolve().parents[3] / "fixtures" / "documents"
    code, out, _ = cli("gazette", "import", str(corpus / "12-urgent-signed-by-two.txt"), "--dry-run", "--json")
    data = json.loads(out)
    assert {"name": "签发人", "value": "杨军、王建华", "line": 7} in data["elements"]
    assert {"name": "密级和保密期限", "value": "机密★1年", "line": 2} in data["elements"]
    assert data["missing"] == [] and data["directory"].endswith("gazette/2017-02")
