"""The annual report's Word file as a leader and the office's proofreaders read it:
table 三 cell for cell against the national template's grid, tables 二 and 四
each one table, the structure of every table against a stored snapshot, the
GB/T 9704 page, the chart's font — and the file converted to PDF by LibreOffice
and read page by page.

Off CI without LibreOffice or a Chinese font these tests are skipped with their
reason; on CI (`.ci/run` installs both from Debian) they must run."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from core import demo
from core.organisation import users
from core.report import chart, document
from core.report import states as reports
from core.store import db as core_db
from tests import REPO
from tests.conftest import open_training

TODAY = dt.date(2026, 2, 10)
SNAPSHOT = Path(__file__).with_name("word_structure.json")
UPDATE = os.environ.get("GONGKAI_UPDATE_SNAPSHOTS") == "1"


def needs(what: str, found: bool, install: str) -> None:
    if found:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {what} is missing: .ci/run must install {install}")
    pytest.skip(f"{what} is not installed (apt-get install {install})")


def cjk_font_installed() -> bool:
    try:
        chart.cjk_font()
    except chart.ChartFontMissing:
        return False
    return True


SECTION_ONE = """（一）主动公开

本年度通过政府门户网站主动公开政府信息1,203条。

（二）依申请公开

本年度依法办理政府信息公开申请，答复均按法定形式作出。"""


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """A demo year of 600 requests: the office's own report, written and 已审核, and the city's
    roll-up of every body under 玉溪市人民政府, still 未开始 (a draft), both saved as Word."""
    needs("a Chinese font for the chart", cjk_font_installed(), "fonts-noto-cjk")
    root = tmp_path_factory.mktemp("papers")
    shutil.copytree(REPO / "catalogs", root / "office" / "catalogs")
    shutil.copy(REPO / "mkdocs.yml", root / "office" / "mkdocs.yml")
    url = f"sqlite:///{root / 'demo.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GONGKAI_HOME", str(root / "office"))
        mp.setenv("GONGKAI_DB", url)
        open_training(url)
        try:
            demo.fill(600, today=TODAY)
            clerk = users.get("zhaomin")
            for number, text in (("一", SECTION_ONE), ("五", "存在的主要问题：答复文书格式仍需统一。"),
                                 ("六", "本年度认真落实上级政务公开工作要点。")):
                reports.set_section("YXSZFB", 2025, number, text, clerk, TODAY)
            reports.move("YXSZFB", 2025, "submit", clerk, TODAY)
            reports.move("YXSZFB", 2025, "approve", users.get("sunhong"), TODAY)
            agency = reports.build("YXSZFB", 2025, TODAY)
            city = reports.build("YXSZF", 2025, TODAY, reports.under("YXSZF"))
            for name, report in (("agency", agency), ("city", city)):
                document.save_docx(report, root / f"{name}.docx")
        finally:
            core_db.close_database()
    return {"root": root, "agency": agency, "city": city}


@pytest.fixture(scope="module")
def pdfs(papers):
    """Both files converted by LibreOffice headless, as a proofreader's printout."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    needs("LibreOffice", soffice is not None, "libreoffice-writer-nogui")
    root = papers["root"]
    profile = root / "lo-profile"  # a private profile: no lock shared with another run
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(root), str(root / "agency.docx"), str(root / "city.docx")],
                   check=True, capture_output=True, timeout=180)
    return {name: [p.extract_text() for p in pypdf.PdfReader(root / f"{name}.pdf").pages]
            for name in ("agency", "city")}


def spans(table) -> list[tuple[int, int, int, int, str]]:
    """Each cell of a Word table as (row, column, rows spanned, columns spanned, text)."""
    grid = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        c = 0
        for tc in tr.tc_lst:
            grid[(r, c)] = (tc.vMerge, "".join(t.text for t in tc.iter(qn("w:t"))), tc.grid_span)
            c += tc.grid_span
    found = []
    for (r, c), (merge, text, colspan) in sorted(grid.items()):
        if merge == "continue":
            continue
        rowspan = 1
        while grid.get((r + rowspan, c), (None,))[0] == "continue":
            rowspan += 1
        found.append((r, c, rowspan, colspan, text))
    return found


def tables(path: Path) -> dict[str, object]:
    found = {}
    for t in docx.Document(path).tables:
        first = "".join(x.text for x in t._tbl.tr_lst[0].iter(qn("w:t")))
        found[first[:8]] = t
    return found


# The national template's table 三 (国办公开办函〔2021〕30号), drawn here by hand from the format:
# three header rows under the corner note; then, in three label columns, each label with the
# rows and columns it spans. Every data row has seven single number cells after them.
TEMPLATE_HEADER = [
    (0, 0, 3, 3, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
    (0, 3, 1, 7, "申请人情况"),
    (1, 3, 2, 1, "自然人"), (1, 4, 1, 5, "法人或其他组织"), (1, 9, 2, 1, "总计"),
    (2, 4, 1, 1, "商业企业"), (2, 5, 1, 1, "科研机构"), (2, 6, 1, 1, "社会公益组织"), (2, 7, 1, 1, "法律服务机构"),
    (2, 8, 1, 1, "其他"),
]
TEMPLATE_LABELS = [
    (3, 0, 1, 3, "一、本年新收政府信息公开申请数量"),
    (4, 0, 1, 3, "二、上年结转政府信息公开申请数量"),
    (5, 0, 22, 1, "三、本年度办理结果"),
    (5, 1, 1, 2, "（一）予以公开"),
    (6, 1, 1, 2, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    (7, 1, 8, 1, "（三）不予公开"),
    (7, 2, 1, 1, "1.属于国家秘密"), (8, 2, 1, 1, "2.其他法律行政法规禁止公开"), (9, 2, 1, 1, "3.危及“三安全一稳定”"),
    (10, 2, 1, 1, "4.保护第三方合法权益"), (11, 2, 1, 1, "5.属于三类内部事务信息"), (12, 2, 1, 1, "6.属于四类过程性信息"),
    (13, 2, 1, 1, "7.属于行政执法案卷"), (14, 2, 1, 1, "8.属于行政查询事项"),
    (15, 1, 3, 1, "（四）无法提供"),
    (15, 2, 1, 1, "1.本机关不掌握相关政府信息"), (16, 2, 1, 1, "2.没有现成信息需要另行制作"),
    (17, 2, 1, 1, "3.补正后申请内容仍不明确"),
    (18, 1, 5, 1, "（五）不予处理"),
    (18, 2, 1, 1, "1.信访举报投诉类申请"), (19, 2, 1, 1, "2.重复申请"), (20, 2, 1, 1, "3.要求提供公开出版物"),
    (21, 2, 1, 1, "4.无正当理由大量反复申请"), (22, 2, 1, 1, "5.要求行政机关确认或重新出具已获取信息"),
    (23, 1, 3, 1, "（六）其他处理"),
    (23, 2, 1, 1, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (24, 2, 1, 1, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    (25, 2, 1, 1, "3.其他"),
    (26, 1, 1, 2, "（七）总计"),
    (27, 0, 1, 3, "四、结转下年度继续办理"),
]


def test_table_three_is_the_national_templates_grid_side_by_side(papers):
    found = spans(tables(papers["root"] / "agency.docx")["（本列数据的勾稽"])
    header = [s for s in found if s[0] < 3]
    labels = [s for s in found if s[0] >= 3 and s[1] < 3]
    numbers = [s for s in found if s[0] >= 3 and s[1] >= 3]
    assert header == TEMPLATE_HEADER
    assert labels == TEMPLATE_LABELS
    assert [(r, c, rs, cs) for r, c, rs, cs, _ in numbers] == [(r, c, 1, 1) for r in range(3, 28) for c in range(3, 10)]
    b = papers["agency"].tables.table_b
    assert [int(t) for *_, t in numbers[:7]] == list(b[0].values)  # 一、本年新收 — the report's own numbers
    assert [int(t) for *_, t in numbers[-7:]] == list(b[-1].values)  # 四、结转下年度


def test_tables_two_and_four_are_one_table_each_with_the_templates_merges(papers):
    found = tables(papers["root"] / "agency.docx")
    two = spans(found["第二十条第（一）"])
    assert [s for s in two if s[3] > 1] == [
        (0, 0, 1, 4, "第二十条第（一）项"), (4, 0, 1, 4, "第二十条第（五）项"), (5, 1, 1, 3, "本年处理决定数量"),
        (6, 1, 1, 3, "0"), (7, 0, 1, 4, "第二十条第（六）项"), (8, 1, 1, 3, "本年处理决定数量"), (9, 1, 1, 3, "0"),
        (10, 1, 1, 3, "0"), (11, 0, 1, 4, "第二十条第（八）项"), (12, 1, 1, 3, "本年收费金额（单位：万元）"),
        (13, 1, 1, 3, "0")]
    assert [s[4] for s in two if s[0] == 1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    four = spans(found["行政复议行政诉讼"])
    assert four[:4] == [(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼"), (1, 0, 2, 1, "结果维持"),
                        (1, 1, 2, 1, "结果纠正")]
    assert (1, 5, 1, 5, "未经复议直接起诉") in four and (1, 10, 1, 5, "复议后起诉") in four
    assert [s[4] for s in four if s[0] == 2] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    assert [(s[0], s[2], s[3]) for s in four if s[0] == 3] == [(3, 1, 1)] * 15


def structure(path: Path) -> list[dict]:
    """Every table's shape: rows, column widths (cm), repeated header rows, merged cells."""
    shapes = []
    for t in docx.Document(path).tables:
        widths = [round(int(col.get(qn("w:w"))) / 567, 2) for col in t._tbl.tblGrid.iter(qn("w:gridCol"))]
        headers = sum(1 for tr in t._tbl.tr_lst if tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None)
        merged = [[r, c, rs, cs] for r, c, rs, cs, _ in spans(t) if rs > 1 or cs > 1]
        shapes.append({"rows": len(t._tbl.tr_lst), "widths_cm": widths, "header_rows": headers, "merged": merged})
    return shapes


def test_the_structure_of_every_table_matches_its_snapshot(papers):
    """A change of merges, widths or header rows shows here; rerun with GONGKAI_UPDATE_SNAPSHOTS=1
    after checking the new layout on paper."""
    seen = {name: structure(papers["root"] / f"{name}.docx") for name in ("agency", "city")}
    if UPDATE:
        SNAPSHOT.write_text(json.dumps(seen, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert seen == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    for t in docx.Document(papers["root"] / "city.docx").tables:  # the 156 mm type area, no wider
        columns = [int(col.get(qn("w:w"))) for col in t._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert 8800 < sum(columns) <= 8844 + len(columns)  # 156 mm is 8844 twips; each width rounds by < 1


def test_merged_cells_hold_one_paragraph_and_rows_neither_split_nor_lose_their_header(papers):
    for t in docx.Document(papers["root"] / "city.docx").tables:
        for tr in t._tbl.tr_lst:
            assert tr.trPr.find(qn("w:cantSplit")) is not None
            for tc in tr.tc_lst:
                assert len(tc.p_lst) == 1  # no blank line left in a merged cell
    three = tables(papers["root"] / "city.docx")["（本列数据的勾稽"]
    flags = [tr.trPr.find(qn("w:tblHeader")) is not None for tr in three._tbl.tr_lst]
    assert flags == [True] * 3 + [False] * 25


def test_the_page_is_gb_t_9704_in_chinese_with_page_numbers_and_the_bodys_properties(papers):
    doc = docx.Document(papers["root"] / "agency.docx")
    section = doc.sections[0]
    assert [round(x.cm, 2) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                     section.right_margin)] == [3.7, 3.5, 2.8, 2.6]
    lang = doc.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("zh-CN", "zh-CN")
    normal = doc.styles["Normal"].paragraph_format
    assert round(normal.line_spacing.pt, 2) == 28.95 and doc.styles["Normal"].font.size.pt == 16
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, side in ((section.footer, "RIGHT"), (section.even_page_footer, "LEFT")):
        p = footer.paragraphs[0]
        assert p.alignment.name == side and "".join(t.text for t in p._p.iter(qn("w:t"))) == "— 1 —"
        assert [i.text for i in p._p.iter(qn("w:instrText"))] == [" PAGE "]
    props = doc.core_properties
    assert (props.title, props.author, props.language) == (
        "玉溪市人民政府办公室2025年政府信息公开工作年度报告", "玉溪市人民政府办公室", "zh-CN")
    assert props.created == dt.datetime(2026, 2, 10, tzinfo=dt.timezone.utc)  # approved that day; not 2013
    title = doc.paragraphs[0]
    assert title.runs[0].font.name == "方正小标宋简体" and title.runs[0].font.size.pt == 22
    heading = next(p for p in doc.paragraphs if p.text == "一、总体情况")
    assert heading.runs[0].font.name == "黑体"
    sub = next(p for p in doc.paragraphs if p.text == "（一）主动公开")
    assert sub.runs[0].font.name == "楷体_GB2312"
    text = [p.text for p in doc.paragraphs]
    assert text[-2:] == ["玉溪市人民政府办公室", "2026年2月10日"]  # the closing block


def test_a_draft_is_marked_on_every_page_and_lists_its_failing_identities(papers, tmp_path):
    city = docx.Document(papers["root"] / "city.docx")
    header = city.sections[0].header._element.xml
    assert 'string="草稿"' in header and "【培训·草稿】" in city.sections[0].even_page_header.paragraphs[0].text
    assert city.paragraphs[1].text == "【草稿】本报告当前状态为“未开始”，尚未审核，不得报送或公开。"
    final = docx.Document(papers["root"] / "agency.docx")
    assert "草稿" not in final.sections[0].header._element.xml
    assert final.sections[0].header.paragraphs[0].text == "【培训】"
    broken = dataclasses.replace(papers["city"], failures=("表三“（七）总计”行“总计”列：为5，各项办理结果之和为4，两者应相等",))
    document.save_docx(broken, tmp_path / "broken.docx")
    text = [p.text for p in docx.Document(tmp_path / "broken.docx").paragraphs]
    assert text[2:4] == ["数据校验未通过（1项）：", "· 表三“（七）总计”行“总计”列：为5，各项办理结果之和为4，两者应相等"]


def test_a_long_title_breaks_after_the_bodys_name(papers):
    assert document.title_lines(papers["agency"]) == ["玉溪市人民政府办公室", "2025年政府信息公开工作年度报告"]
    assert document.title_lines(papers["city"]) == ["玉溪市2025年政府信息公开工作年度报告"]  # 19 characters: one line


def test_the_roll_up_lists_its_bodies_in_an_annex(papers):
    doc = docx.Document(papers["root"] / "city.docx")
    text = [p.text for p in doc.paragraphs]
    assert text[0] == "玉溪市2025年政府信息公开工作年度报告"
    assert text[text.index("附件") + 1] == "汇总机关主要数据"
    annex = spans(tables(papers["root"] / "city.docx")["序号机关本年新收"])
    assert [s[4] for s in annex[:9]] == ["序号", "机关", "本年新收", "上年结转", "本年办结", "结转下年度", "超期答复",
                                         "复议纠正", "诉讼纠正"]
    names = [s[4] for s in annex if s[1] == 1][1:]
    assert len(names) == 54 and names[:2] == ["市人民政府", "市政府办公室"] and names[-1] == "元江县政府"


# ---- the chart


def stale_cache(monkeypatch) -> None:
    """matplotlib's font list as cached before the Chinese fonts were installed: none of their files."""
    from matplotlib import font_manager

    cjk_files = {f.fname for f in font_manager.fontManager.ttflist if f.name in chart.CJK_FAMILIES}
    stale = copy.copy(font_manager.fontManager)
    stale.ttflist = [f for f in stale.ttflist if f.fname not in cjk_files]
    monkeypatch.setattr(font_manager, "fontManager", stale)
    monkeypatch.setattr(font_manager, "findfont", stale.findfont)


def test_the_chart_finds_a_chinese_font_that_matplotlibs_stale_cache_does_not_list(papers, monkeypatch):
    stale_cache(monkeypatch)
    chart.cjk_font.cache_clear()
    try:
        font = chart.cjk_font()
        assert font.family in chart.CJK_FAMILIES and chart.covers(font, "每月新收申请予以公开不予处理")
        assert chart.chart(papers["agency"], "png").startswith(b"\x89PNG")  # no glyph fell back, or it raises
    finally:
        chart.cjk_font.cache_clear()


def test_without_a_chinese_font_the_word_chart_fails_naming_the_package(papers, monkeypatch):
    from matplotlib import font_manager

    stale_cache(monkeypatch)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    chart.cjk_font.cache_clear()
    try:
        with pytest.raises(chart.ChartFontMissing) as err:
            chart.chart(papers["agency"], "png")
        assert err.value.message == ("未找到可显示中文的字体，无法绘制年度报告图表（否则汉字将显示为方框）。"
                                     "请安装中文字体后重试：Debian/Ubuntu 执行 apt install fonts-noto-cjk")
        assert b"<svg" in chart.chart(papers["agency"], "svg")  # the site's chart is set by the reader's fonts
    finally:
        chart.cjk_font.cache_clear()


def test_the_chart_is_drawn_at_print_size_with_every_label_and_value(papers):
    report = papers["agency"]
    svg = chart.chart(report, "svg").decode()
    width = float(re.search(r'<svg[^>]* width="([\d.]+)pt"', svg).group(1))
    assert round(width / 72 * 2.54, 1) == 15.6  # drawn the size it is printed
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert sizes and min(sizes) >= 9
    texts = re.findall(r">([^<>]+)</text>", svg)
    for label in [f"{m}月" for m in range(1, 13)] + ["予以公开", "不予公开", "其他处理", "2025年度办理结果（件）"]:
        assert label in texts
    for month, n in enumerate(report.tables.monthly, 1):
        assert str(n) in texts  # each bar carries its value
    font = chart.cjk_font()
    assert chart.covers(font, "".join(texts))  # every character has a glyph in the font used


# ---- on paper


def pages_with(pages: list[str], text: str) -> list[int]:
    return [i for i, page in enumerate(pages) if text in re.sub(r"\s", "", page)]


def test_on_paper_table_three_starts_with_its_header_and_no_page_is_empty(pdfs):
    for name, most in (("agency", 6), ("city", 8)):
        pages = pdfs[name]
        assert 3 <= len(pages) <= most, f"{name}: {len(pages)} pages"
        header = pages_with(pages, "申请人情况")
        first_row = pages_with(pages, "一、本年新收政府信息公开申请数量")
        assert first_row and first_row[0] == header[0]  # the header never ends a page alone
        for i, page in enumerate(pages, 1):
            assert re.search(rf"—\s*{i}\s*—", page), f"{name} page {i} has no page number"
            body = re.sub(rf"—\s*{i}\s*—|【[^】]*】", "", page).strip()
            assert body, f"{name} page {i} is empty"
        assert pages_with(pages, "图12025年每月新收申请及办理结果")
        assert pages_with(pages, "主要数据与2024年比较")
    assert all("草稿" in page for page in pdfs["city"])
    assert not any("草稿" in page for page in pdfs["agency"])
    assert pages_with(pdfs["city"], "附件汇总机关主要数据") == [len(pdfs["city"]) - 2]  # the annex on its own pages


def test_the_signature_and_date_share_their_page_with_the_text(papers, pdfs):
    """GB/T 9704 7.3.5.1: no page holding only 署名 and 成文日期 — the last paragraph of text goes
    over with them when the page is full."""
    for name in ("agency", "city"):
        doc = docx.Document(papers["root"] / f"{name}.docx")
        texts = [p.text for p in doc.paragraphs]
        signed = texts.index(papers[name].issuer.name, 1)
        before = doc.paragraphs[signed - 2]  # the text, then the blank line above the name
        assert before.text and before.paragraph_format.keep_with_next, name
        date = "2026年2月10日"
        page = pdfs[name][pages_with(pdfs[name], date)[0]]
        rest = re.sub(r"—\s*\d+\s*—|【[^】]*】|\s", "", page)
        rest = rest.replace(papers[name].issuer.name, "").replace(date, "")
        assert rest, f"{name}: the closing stands on a page of its own"
