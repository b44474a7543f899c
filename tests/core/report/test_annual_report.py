"""The annual report from a fixture log: every cell of tables 三 and 四, the
carry-over between two years, the identities, the roll-up, the outputs and
the 3/1 → 3/15 → 3/31 schedule."""

from __future__ import annotations

import datetime as dt
import json

import docx
import pytest

from core import demo
from core.errors import IllegalTransition, InvalidInput
from core.organisation import users
from core.report import counting, document
from core.report import files as report_files
from core.report import national_format as annual_report
from core.report import states as reports
from core.requests import cases
from core.requests import service as requests
from core.requests.lifecycle import Params
from core.review import store as review_store
from core.store.models import Request
from tests.reviewing import officers, sign_all

D = dt.date
TODAY = D(2026, 2, 10)
ZERO = (0,) * 7


def log(clerk, agency, applicant_type, received, *steps):
    view = requests.create(requests.Intake(
        agency=agency, received=received, channel="当面", applicant_type=applicant_type,
        applicant_name="张三" if applicant_type == "自然人" else "某单位", content="某项信息"), clerk, TODAY)
    for action, date, extra in steps:
        requests.act(view.id, action, Params(date=date, **extra), clerk, TODAY)
    return view


@pytest.fixture
def fixture_log(db):
    demo.fill()
    clerk = users.get("zhaomin")
    accept = ("accept",)
    a = log(clerk, "YXSZFB", "自然人", D(2024, 3, 4), (*accept, D(2024, 3, 4), {}),
            ("decide", D(2024, 3, 20), {"outcome": "予以公开"}))
    log(clerk, "YXSZFB", "商业企业", D(2024, 12, 20), (*accept, D(2024, 12, 20), {}),
        ("decide", D(2025, 1, 10), {"outcome": "部分公开", "reason": "含第三方个人信息，已作区分处理"}))
    log(clerk, "YXSZFB", "自然人", D(2024, 12, 27), (*accept, D(2024, 12, 27), {}),
        ("decide", D(2025, 1, 15), {"outcome": "不予公开", "reason_code": 4, "reason": "第三方不同意公开"}))
    d = log(clerk, "YXSZFB", "科研机构", D(2025, 3, 3), ("decline", D(2025, 3, 10), {"agency": "玉溪市财政局"}))
    log(clerk, "YXSZFB", "法律服务机构", D(2025, 6, 2),
        ("correct", D(2025, 6, 3), {"items": ("请明确所需信息",), "period_days": 10}), ("withdraw", D(2025, 6, 30), {"reason_code": 1}))
    log(clerk, "YXSZFB", "社会公益组织", D(2025, 12, 22), (*accept, D(2025, 12, 22), {}))
    log(clerk, "YXSZFB", "其他", D(2025, 5, 5), (*accept, D(2025, 5, 5), {}),
        ("decide", D(2025, 5, 20), {"outcome": "不予处理", "reason_code": 2, "reason": "与2025年3月的申请内容相同"}))
    log(officers("YXFGW")[0], "YXFGW", "自然人", D(2025, 4, 1), (*accept, D(2025, 4, 1), {}),
        ("decide", D(2025, 4, 8), {"outcome": "予以公开"}))
    cases.attach(a.id, "行政复议", "维持", D(2025, 2, 1), D(2025, 4, 1), None, clerk, TODAY)
    cases.attach(d.id, "直接起诉", "纠正", D(2025, 5, 1), D(2026, 1, 20), None, clerk, TODAY)
    return clerk


def cells(report) -> dict[str, tuple | None]:
    return {r.label: r.values for r in report.tables.table_b}


def test_every_cell_of_table_b_for_2025(fixture_log):
    b = cells(reports.build("YXSZFB", 2025, TODAY))
    expected = {label: ZERO for label in b}
    expected.update({
        "一、本年新收政府信息公开申请数量": (0, 0, 1, 1, 1, 1, 4),
        "二、上年结转政府信息公开申请数量": (1, 1, 0, 0, 0, 0, 2),
        "三、本年度办理结果": None, "（三）不予公开": None, "（四）无法提供": None, "（五）不予处理": None,
        "（六）其他处理": None,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": (0, 1, 0, 0, 0, 0, 1),
        "4.保护第三方合法权益": (1, 0, 0, 0, 0, 0, 1),
        "1.本机关不掌握相关政府信息": (0, 0, 1, 0, 0, 0, 1),
        "2.重复申请": (0, 0, 0, 0, 0, 1, 1),
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": (0, 0, 0, 0, 1, 0, 1),
        "（七）总计": (1, 1, 1, 0, 1, 1, 5),
        "四、结转下年度继续办理": (0, 0, 0, 1, 0, 0, 1),
    })
    assert b == expected


def test_rows_and_columns_are_the_formats_character_for_character(fixture_log):
    data = reports.build("YXSZFB", 2025, TODAY).as_json()["table_b"]
    assert data["columns"] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    labels = [r["label"] for r in data["rows"]]
    assert len(labels) == 30 and labels[:4] == ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
                                               "三、本年度办理结果", "（一）予以公开"]
    assert labels[6:8] == ["1.属于国家秘密", "2.其他法律行政法规禁止公开"]
    assert labels[8] == "3.危及“三安全一稳定”"
    assert labels[-2:] == ["（七）总计", "四、结转下年度继续办理"]


def test_what_is_undecided_at_year_end_carries_over_to_the_next_year(fixture_log):
    b2024 = cells(reports.build("YXSZFB", 2024, TODAY))
    assert b2024["一、本年新收政府信息公开申请数量"] == (2, 1, 0, 0, 0, 0, 3)
    assert b2024["（一）予以公开"] == (1, 0, 0, 0, 0, 0, 1)
    assert b2024["四、结转下年度继续办理"] == (1, 1, 0, 0, 0, 0, 2)
    assert b2024["四、结转下年度继续办理"] == cells(reports.build("YXSZFB", 2025, TODAY))[
        "二、上年结转政府信息公开申请数量"]
    assert reports.build("YXSZFB", 2024, TODAY).failures == ()


def test_table_c_counts_cases_filed_in_the_year_with_their_result_at_year_end(fixture_log):
    c = {r.label: r.values for r in reports.build("YXSZFB", 2025, TODAY).tables.table_c}
    assert c == {"行政复议": (1, 0, 0, 0, 1), "行政诉讼·未经复议直接起诉": (0, 0, 0, 1, 1),
                 "行政诉讼·复议后起诉": (0, 0, 0, 0, 0)}


def test_a_case_pending_at_year_end_is_reported_with_its_result_the_year_it_is_decided(fixture_log):
    """The 直接起诉 filed 2025-05-01 and decided (纠正) on 2026-01-20: 尚未审结 in 2025, 纠正 in 2026."""
    c = {r.label: r.values for r in counting.tables("YXSZFB", 2026, {}).table_c}
    assert c == {"行政复议": (0, 0, 0, 0, 0), "行政诉讼·未经复议直接起诉": (0, 1, 0, 0, 1),
                 "行政诉讼·复议后起诉": (0, 0, 0, 0, 0)}


def test_section_six_sums_the_fees_actually_paid(fixture_log):
    """Each payment at its own amount: 4,700 (250 pages) + 100 (40 pages) paid, one notice unpaid, one waived."""
    clerk = fixture_log
    fee = ("fee", D(2025, 7, 2))
    log(clerk, "YXSZFB", "自然人", D(2025, 7, 1), ("accept", D(2025, 7, 1), {}),
        (*fee, {"method": "按量", "pages": 250}), ("paid", D(2025, 7, 10), {}))
    log(clerk, "YXSZFB", "自然人", D(2025, 7, 1), ("accept", D(2025, 7, 1), {}),
        (*fee, {"method": "按量", "pages": 40}), ("paid", D(2025, 7, 11), {}))
    log(clerk, "YXSZFB", "自然人", D(2025, 7, 1), ("accept", D(2025, 7, 1), {}), (*fee, {"method": "按量", "pages": 90}))
    log(clerk, "YXSZFB", "自然人", D(2025, 7, 1), ("accept", D(2025, 7, 1), {}),
        (*fee, {"method": "按量", "pages": 60}), ("waive", D(2025, 7, 3), {"reason": "申请人为低保户"}))
    summary = counting.fees(["YXSZFB"], 2025)
    assert (summary.paid_count, summary.paid_amount, summary.waived_count) == (2, 4800, 1)
    assert annual_report.fee_paragraph(summary) == (
        "本年度依据《政府信息公开信息处理费管理办法》收取信息处理费2件，共计4800元；依规减免1件。")


def test_a_broken_identity_names_its_cell_and_blocks_submission(fixture_log):
    Request.update(reason_code=9).where(Request.outcome == "不予处理").execute()  # not in the national list
    report = reports.build("YXSZFB", 2025, TODAY)
    assert report.failures == ("表三“（七）总计”行“其他”列：为1，各项办理结果之和为0，两者应相等（有申请的办理结果不属于国家分类）",
                               "表三“（七）总计”行“总计”列：为5，各项办理结果之和为4，两者应相等（有申请的办理结果不属于国家分类）")
    with pytest.raises(IllegalTransition) as err:
        reports.move("YXSZFB", 2025, "submit", fixture_log, TODAY)
    assert err.value.message.startswith("数据校验未通过，不能报送：表三“（七）总计”行“其他”列")
    assert reports.build("YXSZFB", 2025, TODAY).state == "not_started"


def test_the_roll_up_sums_the_agencies_tables(fixture_log):
    office = reports.build("YXSZFB", 2025, TODAY)
    fgw = reports.build("YXFGW", 2025, TODAY)
    city = reports.build("YXSZFB", 2025, TODAY, ["YXFGW"])
    assert city.includes == ("YXFGW",)
    for label, values in cells(city).items():
        mine, theirs = cells(office)[label], cells(fgw)[label]
        assert values == (None if mine is None else tuple(x + y for x, y in zip(mine, theirs)))
    assert cells(city)["（一）予以公开"] == (1, 0, 0, 0, 0, 0, 1)
    assert city.failures == () and cells(office)["（一）予以公开"] == ZERO  # each agency's own report stands


def test_entered_cells_sections_and_the_fee_paragraph(fixture_log):
    report = reports.set_cells("YXSZFB", 2025, {"行政许可": 120, "行政事业性收费": 1.25}, fixture_log, TODAY)
    blocks = report.as_json()["table_a"]["blocks"]
    assert blocks[1]["rows"] == [{"label": "行政许可", "values": [120]}]
    assert blocks[3]["rows"] == [{"label": "行政事业性收费", "values": [1.25]}]
    assert report.as_json()["fees"]["statement"] == "本年度未收取政府信息公开信息处理费。"
    assert "六" not in report.sections  # the office has written nothing there; the statement is printed anyway
    with pytest.raises(InvalidInput) as err:
        reports.set_cells("YXSZFB", 2025, {"行政许可": 1.5}, fixture_log, TODAY)
    assert err.value.message == "填报栏目：“行政许可”是件数，应为整数"
    with pytest.raises(InvalidInput) as err:
        reports.move("YXSZFB", 2025, "submit", fixture_log, TODAY)
    assert err.value.message == "报告部分：“一、总体情况”尚未填写"


def submitted(clerk):
    reports.set_section("YXSZFB", 2025, "一", "本年度主动公开政府信息……", clerk, TODAY)
    reports.set_section("YXSZFB", 2025, "五", "存在问题：……", clerk, TODAY)
    return reports.move("YXSZFB", 2025, "submit", clerk, TODAY)


def test_states_move_in_order_with_their_roles(fixture_log, env):
    assert submitted(fixture_log).state_name == "已报送"
    with pytest.raises(IllegalTransition):
        reports.set_section("YXSZFB", 2025, "一", "改", fixture_log, TODAY)
    with pytest.raises(Exception) as err:
        reports.move("YXSZFB", 2025, "approve", fixture_log, TODAY)
    assert err.value.message == "审核年度报告需要“分管领导”角色，当前用户 zhaomin（赵敏）没有该角色"
    reports.move("YXSZFB", 2025, "approve", users.get("sunhong"), TODAY)
    published = reports.move("YXSZFB", 2025, "publish", users.get("qianli"), TODAY)
    assert published.state_name == "已公布"
    page = (env["catalogs"] / "reports" / "2025" / "YXSZFB.md").read_text(encoding="utf-8")
    assert page.startswith("# 玉溪市人民政府办公室2025年政府信息公开工作年度报告")
    assert "<th colspan=\"5\" rowspan=\"1\">法人或其他组织</th>" in page and "YXSZFB.svg" in page


def test_the_schedule_shows_each_agencys_state_and_who_is_late(fixture_log, cli, monkeypatch):
    submitted(fixture_log)
    monkeypatch.setenv("GONGKAI_TODAY", "2026-03-05")
    code, out, err = cli("schedule", "--year", "2025", "--json")
    assert code == 0, err
    first, second, third = json.loads(out)["milestones"]
    assert (first["date"], second["date"], third["date"]) == ("2026-03-01", "2026-03-15", "2026-03-31")
    fgw = next(a for a in first["agencies"] if a["code"] == "YXFGW")
    assert (fgw["state"], fgw["late"]) == ("未开始", True)
    assert all(a["code"] != "YXSZF" for a in first["agencies"])  # the city government reports at 3/15
    office = next(a for a in third["agencies"] if a["code"] == "YXSZFB")
    assert (office["state"], office["late"], office["submitted_on"]) == ("已报送", False, "2026-02-10")


def test_section_six_prints_the_fee_statement_beside_the_offices_own_text(fixture_log, tmp_path):
    reports.set_section("YXSZFB", 2025, "六", "本年度认真落实上级政务公开工作要点。", fixture_log, TODAY)
    report = reports.build("YXSZFB", 2025, TODAY)
    assert report.sections["六"] == "本年度认真落实上级政务公开工作要点。"
    six = report_files.markdown(report).split("## 六、其他需要报告的事项")[1]
    assert six.index("本年度未收取政府信息公开信息处理费。") < six.index("本年度认真落实上级政务公开工作要点。")
    document.save_docx(report, tmp_path / "r.docx")
    text = [p.text for p in docx.Document(tmp_path / "r.docx").paragraphs]
    six = text.index("六、其他需要报告的事项")
    assert text[six + 1:six + 3] == ["本年度未收取政府信息公开信息处理费。", "本年度认真落实上级政务公开工作要点。"]


def answered(clerk, agency, received, *, late=False, reply=True):
    """A request refused on its merits and, if `reply`, answered on its due date (or the day after)."""
    view = log(clerk, agency, "自然人", received, ("accept", received, {}))
    due = Request.get_by_id(view.id).due
    day = due + dt.timedelta(days=1) if late else due
    requests.act(view.id, "decide", Params(date=day, outcome="不予公开", reason_code=4, reason="第三方不同意公开"),
                 clerk, TODAY)
    if reply:
        requests.act(view.id, "reply", Params(date=day), clerk, TODAY)
    return due


def test_timeliness_counts_replies_against_the_binding_due_date_and_compares_with_last_year(fixture_log):
    clerk = officers("YXJTJ")[0]
    answered(clerk, "YXJTJ", D(2025, 3, 3))
    # 国庆·中秋 10/1–10/8 do not count; the 调休 Sunday 9/28 and Saturday 10/11 do.
    assert answered(clerk, "YXJTJ", D(2025, 9, 22)) == D(2025, 10, 17)
    answered(clerk, "YXJTJ", D(2025, 5, 6), late=True)
    answered(clerk, "YXJTJ", D(2025, 6, 9), reply=False)  # decided, never answered: past due at year end
    log(clerk, "YXJTJ", "自然人", D(2025, 11, 3), ("accept", D(2025, 11, 3), {}))  # still open, long past due
    log(clerk, "YXJTJ", "自然人", D(2025, 12, 22), ("accept", D(2025, 12, 22), {}))  # open, due in January
    log(clerk, "YXJTJ", "自然人", D(2025, 7, 1), ("withdraw", D(2025, 7, 2), {"reason_code": 3, "reason": "书面撤回申请"}))  # no reply owed
    answered(clerk, "YXJTJ", D(2024, 4, 1), late=True)
    report = reports.build("YXJTJ", 2025, TODAY)
    assert report.timeliness == annual_report.Timeliness(on_time=2, late=1, past_due=2)
    assert report.timeliness.sentence(2025) == (
        "本年度作出答复3件，其中在答复期限内答复2件，按期答复率66.7%；超过答复期限答复1件。"
        "截至2025年12月31日，有2件申请已超过答复期限尚未答复。")
    rows = {c.label: (c.previous, c.current, c.change, c.ratio) for c in report.comparison}
    assert rows["本年新收申请（件）"] == (1, 7, "+6", "+600.0%")
    assert rows["本年办结（件）"] == (1, 5, "+4", "+400.0%")
    assert rows["超过答复期限答复（件）"] == (1, 1, "持平", "+0.0%")
    assert rows["按期答复率（%）"] == (0.0, 66.7, "+66.7", "—")
    assert rows["行政复议（件）"] == (0, 0, "持平", "—")


def test_the_roll_up_is_named_for_the_bodies_it_sums_and_lists_each(fixture_log, cli):
    city = reports.build("YXSZF", 2025, TODAY, reports.under("YXSZF"))
    assert city.title == "玉溪市2025年政府信息公开工作年度报告"  # county governments and 驻玉 units are in it
    assert city.scope.startswith("本报告汇总了玉溪市人民政府及53个机关的数据。玉溪市人民政府工作部门34个：市政府办公室、")
    assert "县（市、区）人民政府9个：红塔区政府、" in city.scope
    assert [b.code for b in city.bodies[:3]] == ["YXSZF", "YXSZFB", "YXFGW"] and len(city.bodies) == 54
    office = next(b for b in city.bodies if b.code == "YXSZFB")
    assert (office.new, office.carried_in, office.decided, office.carried_out) == (4, 2, 5, 1)
    assert (office.reconsideration_corrected, office.litigation_corrected) == (0, 0)
    assert sum(b.new for b in city.bodies) == city.tables.b("一、本年新收政府信息公开申请数量")[-1]
    departments = reports.build("YXSZF", 2025, TODAY, ["YXSZFB", "YXFGW"])
    assert departments.title == "玉溪市人民政府及所属机关2025年政府信息公开工作年度报告"
    assert reports.build("YXSZFB", 2025, TODAY, ["YXFGW"]).title == "玉溪市人民政府办公室等2个机关2025年政府信息公开工作年度报告"
    assert reports.build("YXSZFB", 2025, TODAY).scope == ""
    code, _, err = cli("report", "annual", "--year", "2025", "--agency", "YXFGW", "--include-all")
    assert (code, err) == (1, "错误：汇总机关：玉溪市发展和改革委员会（YXFGW）没有下属机关，无可汇总；"
                              "生成本机关的报告请去掉 --include-all\n")


def test_the_opening_paragraph_and_closing_block_come_from_the_bodys_data(fixture_log):
    report = reports.build("YXSZFB", 2025, TODAY)
    assert annual_report.opening(report.issuer, 2025) == (
        "本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
        "（国办公开办函〔2021〕30号）编制。本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止。"
        "本报告电子版可在“玉溪市人民政府信息公开”网站（https://www.yuxi.gov.cn/zwgk/）查阅或下载。"
        "如对本报告有疑问，请与玉溪市人民政府办公室政务公开和信息科联系（地址：玉溪市红塔区秀山西路7号；邮编：653100；"
        "电话：（0877）2025340）。")
    assert (report.issuer.name, report.issuer.date) == ("玉溪市人民政府办公室", TODAY)  # a draft: today
    assert "请与" not in annual_report.opening(reports.build("YXFGW", 2025, TODAY).issuer, 2025)  # no contact on file
    submitted(fixture_log)
    reports.move("YXSZFB", 2025, "approve", users.get("sunhong"), D(2026, 2, 12))
    approved = reports.build("YXSZFB", 2025, D(2026, 3, 1))
    assert (approved.final, approved.issuer.date) == (True, D(2026, 2, 12))


def test_bad_input_is_refused_naming_the_field(fixture_log, cli):
    code, _, err = cli("report", "annual", "--year", "2031", "--agency", "YXSZFB")
    assert (code, err) == (1, "错误：报告年度：报告年度 2031 无效（应为 2008 至 2026 之间的已过或当前年度）\n")
    code, _, err = cli("report", "set", "--year", "2025", "--agency", "YXSZFB", "--cell", "行政许可")
    assert code == 1 and "“行政许可”应为 栏目=数值，如 行政许可=120" in err


def test_a_published_report_reaches_the_sites_report_section(fixture_log, cli, env):
    submitted(fixture_log)
    reports.move("YXSZFB", 2025, "approve", users.get("sunhong"), TODAY)
    reports.move("YXSZFB", 2025, "publish", users.get("qianli"), TODAY)
    # Published by the office, but not on the site before its 保密审查 (the report went out unreviewed).
    code, out, _ = cli("site", "generate", "--json")
    generated = json.loads(out)
    assert not {"reports/2025/YXSZFB.md", "reports/2025/YXSZFB.svg"} & set(generated["written"])
    assert generated["skipped"] == [{"kind": "report", "ref": "YXSZFB/2025",
                                     "title": "玉溪市人民政府办公室2025年政府信息公开工作年度报告",
                                     "reason": "保密审查未完成（待承办人拟定意见）"}]
    sign_all(review_store.for_subject("report", "YXSZFB/2025").id, TODAY)
    code, out, _ = cli("site", "generate", "--json")
    assert {"reports/2025/YXSZFB.md", "reports/2025/YXSZFB.svg"} <= set(json.loads(out)["written"])
    index = (env["home"] / "site_src" / "reports" / "index.md").read_text(encoding="utf-8")
    assert "- [玉溪市人民政府办公室2025年政府信息公开工作年度报告](2025/YXSZFB.md)" in index
