"""举报投诉: intake and each handling step with its exact errors and due date, the letters, and the
complainant's identity kept from the body complained about, the site, the audit chain and every
masked export (举报调查制度第八条) — on PostgreSQL by the database itself."""

from __future__ import annotations

import csv
import datetime as dt
import json

import openpyxl
import pytest

from core import demo
from core.organisation import users
from core.oversight import complaints
from core.store.models import SystemEvent
from tests.conftest import act_as

D = dt.date
NAME, PHONE, EMAIL, ADDRESS = "欧阳修远", "13987654321", "ouyang@example.cn", "玉溪市红塔区聂耳路88号"


@pytest.fixture
def handled(db, env, cli, monkeypatch):
    """A complaint about 市发展改革委, logged and taken to its reply by the city office's 承办人."""
    demo.fill()
    users.add("liwei", "李伟", "YXFGW", ["承办人", "分管领导"])
    act_as(monkeypatch, "zhaomin")
    monkeypatch.setenv("GONGKAI_TODAY", "2025-10-20")
    code, out, err = cli("complaint", "new", "--agency", "YXFGW", "--received", "2025-09-29", "--channel", "电子邮件",
                         "--grounds", "1,3", "--content", "申请公开项目批复时被收取检索费，且逾期未答复",
                         "--name", NAME, "--phone", PHONE, "--email", EMAIL, "--address", ADDRESS, "--json")
    assert (code, err) == (0, "")
    number = json.loads(out)["number"]
    assert number == "YXSZFB-JB-2025-0001"
    for step, extra in (("accept", ("--date", "2025-09-30")),
                        ("supervise", ("--date", "2025-10-09", "--note", "请说明收费依据并报送处理情况")),
                        ("reply", ("--date", "2025-10-20", "--finding", "部分成立", "--follow-up",
                                   "退还检索费并在门户网站公开收费标准", "--follow-up-due", "2025-11-10"))):
        code, out, err = cli("complaint", "act", number, step, *extra, "--json")
        assert (code, err) == (0, ""), step
    return number


def test_a_department_does_not_handle_complaints_about_the_city_office(db, env, cli, monkeypatch):
    demo.fill()
    users.add("liwei", "李伟", "YXFGW", ["承办人"])
    act_as(monkeypatch, "liwei")
    code, _, err = cli("complaint", "new", "--agency", "YXSZFB", "--received", "2025-10-20", "--channel", "来信",
                       "--grounds", "2", "--content", "目录未更新")
    assert (code, err) == (1, "错误：被举报单位：玉溪市发展和改革委员会不能受理针对玉溪市人民政府办公室的举报投诉：应由其上级行政机关、"
                              "监察机关或政府信息公开工作主管部门受理（举报调查制度第二条），以免举报人信息为被举报单位知悉（第八条）\n")


def test_the_steps_due_date_and_finding(handled, cli):
    code, out, _ = cli("complaint", "show", handled, "--json")
    shown = json.loads(out)
    # 受理 on 30 Sep: 60 calendar days (the 信访 rule the regime names) → 29 November.
    assert {k: shown[k] for k in ("state_name", "accepted_on", "due", "replied_on", "finding", "follow_up_due",
                                  "overdue")} == {
        "state_name": "已答复", "accepted_on": "2025-09-30", "due": "2025-11-29", "replied_on": "2025-10-20",
        "finding": "部分成立", "follow_up_due": "2025-11-10", "overdue": False}
    assert [(s["name"], s["date"]) for s in shown["steps"]] == [
        ("受理", "2025-09-30"), ("督办", "2025-10-09"), ("答复", "2025-10-20")]
    # The handling office sees who complained, masked until it asks, and the asking is recorded.
    assert shown["complainant"] == {"name": "欧阳**", "phone": "1398***4321", "address": "（已隐去）",
                                    "email": "o***@example.cn", "masked": True}
    code, out, _ = cli("complaint", "show", handled, "--reveal", "--json")
    assert json.loads(out)["complainant"]["name"] == NAME
    read = SystemEvent.select().where(SystemEvent.action == "complainant_read").get()
    assert (read.actor, json.loads(read.data)) == ("zhaomin", {"complaints": [handled], "via": "show"})


def test_archiving_waits_for_the_follow_up(handled, cli):
    code, _, err = cli("complaint", "act", handled, "archive", "--date", "2025-10-20")
    assert (code, err) == (1, "错误：举报事项查实的，须先登记整改落实情况才能归档（监督检查制度第五条：件件有落实）\n")
    code, _, err = cli("complaint", "act", handled, "rectify", "--date", "2025-10-20")
    assert (code, err) == (1, "错误：整改落实情况：请填写整改落实情况\n")
    assert cli("complaint", "act", handled, "rectify", "--date", "2025-10-20", "--note", "已退费并公开标准")[0] == 0
    assert cli("complaint", "act", handled, "archive", "--date", "2025-10-20")[0] == 0
    code, _, err = cli("complaint", "act", handled, "investigate", "--note", "补充调查")
    assert (code, err) == (1, "错误：举报投诉当前为“已归档”，不能调查\n")


@pytest.mark.parametrize("args, message", [
    (("--agency", "YXSZFB"), "被举报单位：玉溪市人民政府办公室不能受理针对玉溪市人民政府办公室的举报投诉：应由其上级行政机关、"
                             "监察机关或政府信息公开工作主管部门受理（举报调查制度第二条），以免举报人信息为被举报单位知悉（第八条）"),
    (("--agency", "YXSZF"), "被举报单位：玉溪市人民政府办公室不能受理针对玉溪市人民政府的举报投诉：应由其上级行政机关、"
                            "监察机关或政府信息公开工作主管部门受理（举报调查制度第二条），以免举报人信息为被举报单位知悉（第八条）"),
    (("--agency", "NOPE"), "被举报单位：机构代码 'NOPE' 不存在（`gongkai agencies` 列出所有机构）"),
    (("--channel", "微信"), "举报方式：举报方式应为 来信、来访、电话、电子邮件、口头 之一"),
    (("--grounds", "7"), "举报事项：举报事项应为第三条第（一）至（六）项的编号 1–6，收到 '7'"),
    (("--received", "2025-10-21"), "收到日期：收到日期 2025-10-21 晚于今天"),
    (("--phone", "12345"), "举报人联系电话：联系电话应为11位手机号或带区号的固定电话（如 0877-2012345）"),
    (("--content", f"我是{NAME}，申请被拖延"), f"举报内容：举报内容中含有举报人的信息“{NAME}”：内容将转给被举报单位核查，"
                                              "请删去后再登记（举报调查制度第八条）"),
])
def test_bad_intake_is_refused_with_the_field_named(db, env, cli, monkeypatch, args, message):
    demo.fill()
    act_as(monkeypatch, "zhaomin")
    monkeypatch.setenv("GONGKAI_TODAY", "2025-10-20")
    given = {"--agency": "YXFGW", "--received": "2025-10-20", "--channel": "来信", "--grounds": "1",
             "--content": "目录未更新", "--name": NAME, "--phone": PHONE}
    given.update(dict(zip(args[::2], args[1::2])))
    code, out, err = cli("complaint", "new", *(x for pair in given.items() for x in pair))
    assert (code, out, err) == (1, "", f"错误：{message}\n")
    assert complaints.Complaint.select().count() == 0


def test_the_body_complained_about_never_learns_who(handled, cli, monkeypatch, env, tmp_path):
    act_as(monkeypatch, "liwei")  # 市发展改革委's own officer, a 分管领导 too
    code, out, _ = cli("complaint", "show", handled, "--json")
    shown = json.loads(out)
    assert shown["complainant"] == "（保密）" and shown["finding"] == "部分成立"
    code, _, err = cli("complaint", "show", handled, "--reveal")
    assert (code, err) == (1, "错误：举报人信息只有受理机关的工作人员可以查看（举报调查制度第八条）\n")
    code, listed, _ = cli("complaint", "list", "--json")
    exported = tmp_path / "body.csv"
    assert cli("complaint", "export", "--out", str(exported), "--format", "csv")[0] == 0
    code, _, err = cli("complaint", "letter", handled, "--kind", "举报督办")
    assert (code, err) == (1, "错误：举报投诉的文书由玉溪市人民政府办公室出具\n")
    seen_by_body = out + listed + exported.read_text(encoding="utf-8-sig")
    # The handling office's letters to the body, and the public site.
    act_as(monkeypatch, "zhaomin")
    for kind in ("举报督办", "整改通知"):
        code, letter, err = cli("complaint", "letter", handled, "--kind", kind)
        assert (code, err) == (0, "")
        seen_by_body += letter
    assert "请说明收费依据并报送处理情况" in seen_by_body and "退还检索费并在门户网站公开收费标准" in seen_by_body
    assert cli("site", "generate")[0] == 0
    site = "".join(p.read_text(encoding="utf-8") for p in (env["home"] / "site_src").rglob("*.md"))
    chain = "".join(e.data for e in SystemEvent.select())
    for secret in (NAME, "欧阳", PHONE, "4321", EMAIL, "ouyang", ADDRESS, "聂耳路"):
        assert secret not in seen_by_body and secret not in site and secret not in chain, secret


def test_exports_are_masked_unless_revealed_and_recorded(handled, cli, tmp_path):
    masked = tmp_path / "masked.xlsx"
    assert cli("complaint", "export", "--out", str(masked))[0] == 0
    rows = list(openpyxl.load_workbook(masked).active.iter_rows(values_only=True))
    assert rows[1][16:20] == ("欧阳**", "1398***4321", "o***@example.cn", "（已隐去）")
    assert masked.stat().st_mode & 0o777 == 0o644
    assert not SystemEvent.select().where(SystemEvent.action == "export_personal_data").exists()
    full = tmp_path / "full.csv"
    code, out, err = cli("complaint", "export", "--out", str(full), "--format", "csv", "--reveal")
    assert (code, err) == (0, "")
    row = list(csv.reader(full.open(encoding="utf-8-sig")))[1]
    assert row[16:20] == [NAME, PHONE, EMAIL, ADDRESS]
    assert full.stat().st_mode & 0o777 == 0o600
    event = SystemEvent.select().where(SystemEvent.action == "export_personal_data").get()
    assert json.loads(event.data) == {"what": "complainants", "complaints": [handled], "format": "csv",
                                      "file": str(full)}


def test_letters_to_the_complainant(handled, cli):
    code, out, err = cli("complaint", "letter", handled, "--kind", "举报答复")
    assert (code, err) == (0, "")
    assert out.splitlines()[1:8] == [
        "政府信息公开举报投诉答复书", "（YXSZFB-JB-2025-0001）", "", f"{NAME}：", "",
        "您于2025年9月29日反映的玉溪市发展和改革委员会政府信息公开工作问题（编号：YXSZFB-JB-2025-0001），"
        "本机关已调查核实，现答复如下：", ""]
    assert "经调查，您反映的问题部分成立。本机关已责成玉溪市发展和改革委员会于2025年11月10日前完成整改：" \
           "退还检索费并在门户网站公开收费标准。" in out
    reads = [json.loads(e.data)["via"] for e in SystemEvent.select().where(SystemEvent.action == "complainant_read")]
    assert reads == ["letter:举报答复"]


def test_an_anonymous_complaint_gets_no_letter_to_a_person(db, env, cli, monkeypatch):
    demo.fill()
    act_as(monkeypatch, "zhaomin")
    monkeypatch.setenv("GONGKAI_TODAY", "2025-10-20")
    code, out, _ = cli("complaint", "new", "--agency", "YXFGW", "--received", "2025-10-20", "--channel", "电话",
                       "--grounds", "2", "--content", "目录三个月未更新", "--json")
    number = json.loads(out)["number"]
    assert json.loads(out)["complainant"]["name"] == "匿名"
    cli("complaint", "act", number, "accept")
    code, _, err = cli("complaint", "letter", number, "--kind", "举报受理")
    assert (code, err) == (1, "错误：匿名举报没有可送达的举报人，不能出具该文书\n")


def test_overdue_when_the_window_runs_out(handled, cli, monkeypatch):
    code, out, _ = cli("complaint", "new", "--agency", "YXFGW", "--received", "2025-09-01", "--channel", "来信",
                       "--grounds", "2", "--content", "目录未更新", "--json")
    number = json.loads(out)["number"]
    cli("complaint", "act", number, "accept", "--date", "2025-09-02")  # due 1 November
    monkeypatch.setenv("GONGKAI_TODAY", "2025-11-03")
    code, out, _ = cli("complaint", "list", "--overdue", "--json")
    assert [(c["number"], c["due"]) for c in json.loads(out)] == [(number, "2025-11-01")]
