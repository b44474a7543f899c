"""Stored reviews on real items: the chain through the database and the item's
file, voiding on an edit, escalation, the queue, the forms, the reply gate."""

from __future__ import annotations

import datetime as dt
import json

import docx
import pytest

from core import demo
from core.errors import IllegalTransition, PermissionDenied
from core.organisation import roles, users
from core.publish import catalogue
from core.publish.authenticity import text_hash
from core.requests import service as requests
from core.requests.intake import Intake
from core.requests.lifecycle import Params
from core.review import forms as review_forms
from core.review import rules as review
from core.review import store as reviews
from core.store import audit
from core.store.models import SystemEvent
from tests.conftest import act_as

TODAY = dt.date(2025, 12, 20)
TEXT = "春节期间政务服务大厅暂停现场服务。"


@pytest.fixture
def people(db):
    demo.fill()
    return {login: users.get(login) for login in ("zhaomin", "qianli", "sunhong")}


@pytest.fixture
def entry(people):
    return catalogue.add("春节办公安排", "业务及服务", "YXSZFB", TEXT, None, TODAY, actor=users.get("admin"))


def sign(people, review_id, login, **kw):
    return reviews.act(review_id, "sign", people[login], TODAY, opinion="同意", **kw)


def test_the_full_chain_is_stored_audited_and_carried_by_the_entrys_file(people, entry):
    r = reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)
    assert [v.id for v in reviews.queue(people["zhaomin"])] == [r.id]
    sign(people, r.id, "zhaomin", judgement="不涉密")
    assert reviews.queue(people["zhaomin"]) == [] and [v.id for v in reviews.queue(people["qianli"])] == [r.id]
    sign(people, r.id, "qianli")
    done = sign(people, r.id, "sunhong")
    assert (done.state, done.state_name) == ("approved", "审查通过")
    assert [(s["kind"], s["role"]) for s in done.steps] == [("sign", "承办人"), ("sign", "办公室主任"),
                                                           ("sign", "分管领导")]
    carried = catalogue.find(entry.index_no).review
    assert [(s["环节"], s["姓名"]) for s in carried["签署"]] == [("承办人", "赵敏"), ("办公室主任", "钱立"),
                                                               ("分管领导", "孙宏")]
    assert carried["内容校验值"] == text_hash(TEXT)
    assert review.blocked(reviews.latest_steps("catalogue")[entry.index_no], text_hash(TEXT)) is None
    assert [e.action for e in SystemEvent.select().order_by(SystemEvent.seq)][-4:] == [
        "review_new", "review_sign", "review_sign", "review_sign"]
    assert audit.verify().ok


def test_signing_out_of_order_is_refused_and_nothing_is_stored(people, entry):
    r = reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)
    with pytest.raises(PermissionDenied) as err:
        sign(people, r.id, "qianli")
    assert err.value.message == "本步骤须由“承办人”签署，当前用户 qianli（钱立）没有该角色"
    assert reviews.view(r.id).steps == ()


def test_one_person_holding_two_roles_is_refused_at_the_second_signature(people, entry):
    both = users.add("zhoujie", "周杰", "YXSZFB", [roles.CLERK, roles.OFFICE_DIRECTOR])
    r = reviews.create("catalogue", entry.index_no, both, TODAY)
    reviews.act(r.id, "sign", both, TODAY, opinion="不涉密", judgement="不涉密")
    with pytest.raises(PermissionDenied) as err:
        reviews.act(r.id, "sign", both, TODAY, opinion="同意")
    assert err.value.message == "周杰已在本审查中签署过，三级审查须由三名不同人员签署"
    assert reviews.view(r.id).state == "reviewing" and reviews.queue(both) == []


def test_an_edit_after_signing_voids_it_and_the_file_shows_it(people, entry):
    r = reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)
    sign(people, r.id, "zhaomin", judgement="不涉密")
    entry.path.write_text(entry.path.read_text(encoding="utf-8").replace(TEXT, TEXT + "另行通知。"),
                          encoding="utf-8")
    with pytest.raises(PermissionDenied):
        sign(people, r.id, "qianli")  # voided first: now the 承办人 must sign the new text
    after = reviews.view(r.id)
    assert after.state == "drafting" and [s["kind"] for s in after.steps] == ["sign", "void"]
    assert after.steps[1]["opinion"] == "审查后文本已修改，原签署作废"
    carried = catalogue.find(entry.index_no).review
    assert (carried["状态"], carried["签署"]) == ("待承办人拟定意见", [])
    assert review.blocked(reviews.latest_steps("catalogue")[entry.index_no], text_hash(TEXT + "另行通知。")) == (
        "保密审查未完成（待承办人拟定意见）")


def test_a_return_clears_the_chain_with_its_reason(people, entry):
    r = reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)
    sign(people, r.id, "zhaomin", judgement="不涉密")
    back = reviews.act(r.id, "return", people["qianli"], TODAY, opinion="涉及内部排班，请删去")
    assert back.state == "drafting" and back.steps[-1]["opinion"] == "涉及内部排班，请删去"
    assert catalogue.find(entry.index_no).review["签署"] == []
    # It waits for its drafter, with the reason, and for no other 承办人.
    other = users.add("zhouli", "周丽", "YXZWFWJ", [roles.CLERK])
    mine = reviews.queue(people["zhaomin"])
    assert [(v.id, v.returned_to, v.return_reason) for v in mine] == [(r.id, "zhaomin", "涉及内部排班，请删去")]
    assert reviews.queue(other) == []
    sign(people, r.id, "zhaomin", judgement="不涉密")
    assert reviews.view(r.id).returned_to is None


@pytest.mark.parametrize("approve_it, state, conclusion, publishable", [
    (True, "approved", "同意公开", None),
    (False, "refused", "不予公开", "保密审查结论为不予公开"),
])
def test_escalation_goes_either_way_on_the_bureaus_answer(people, entry, approve_it, state, conclusion, publishable):
    r = reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)
    with pytest.raises(IllegalTransition):  # 不确定 is not a signature: it is sent to the bureau
        sign(people, r.id, "zhaomin", judgement="不确定")
    reviews.act(r.id, "escalate", people["zhaomin"], TODAY, letter_no="玉政公保审〔2025〕3号")
    assert reviews.view(r.id).state_name == "已送保密部门审查"
    answered = reviews.act(r.id, "answer", people["qianli"], TODAY, opinion="经审查，" + conclusion,
                           approve=approve_it)
    assert (answered.state, answered.letter_no) == (state, "玉政公保审〔2025〕3号")
    carried = catalogue.find(entry.index_no).review
    assert (carried["送审函"]["编号"], carried["送审函"]["结论"]) == ("玉政公保审〔2025〕3号", conclusion)
    assert review.blocked(reviews.latest_steps("catalogue")[entry.index_no], text_hash(TEXT)) == publishable


def test_the_review_sheet_and_the_escalation_letter(people, entry, tmp_path):
    r = reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)
    sign(people, r.id, "zhaomin", judgement="不涉密")
    reviews.act(r.id, "escalate", people["qianli"], TODAY, letter_no="玉政公保审〔2025〕3号")
    sheet = review_forms.sheet(r.id)
    text = sheet.as_text()
    assert text.startswith("【培训】\n机关单位信息发布保密审查表\n")  # a training database's paper says so
    assert "  信息名称：春节办公安排\n" in text and "  信息来源：玉溪市人民政府办公室\n" in text
    assert "判断：不涉密\n" in text and "签名：赵敏" in text and "送审函 玉政公保审〔2025〕3号" in text
    path = tmp_path / "sheet.docx"
    sheet.save_docx(path)
    assert docx.Document(path).sections[0].header.paragraphs[0].text == "【培训】"
    cells = [c.text for c in docx.Document(path).tables[0].column_cells(0)]
    assert cells[:6] == ["审查编号", "信息名称", "信息来源", "拟公开形式", "公开范围", "内容校验值"]
    letter = review_forms.escalation_letter(r.id)
    assert (letter.title, letter.number, letter.paragraphs[0]) == (
        "玉溪市政府信息公开保密审查送审函", "玉政公保审〔2025〕3号", "玉溪市国家保密局：")
    assert "根据《玉溪市政府信息公开保密审查制度》第七条" in letter.paragraphs[1]


def test_no_escalation_letter_before_escalating(people, entry):
    r = reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)
    with pytest.raises(IllegalTransition) as err:
        review_forms.escalation_letter(r.id)
    assert err.value.message == f"审查 {r.id} 尚未送保密部门审查，没有送审函"


def test_an_item_has_one_review_under_way(people, entry):
    r = reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)
    with pytest.raises(IllegalTransition) as err:
        reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)
    assert err.value.message == f"YXSZFB/2025-00001 已有保密审查 {r.id}（待承办人拟定意见）"


def decided(people, outcome):
    view = requests.create(Intake(
        agency="YXSZFB", received=dt.date(2025, 12, 1), channel="网络", applicant_type="自然人",
        applicant_name="张三", applicant_id="11010519491231002X", applicant_phone="13987712345",
        content="2024年市级政务云运维经费预算执行情况", handler="zhaomin"), people["zhaomin"], TODAY)
    requests.act(view.id, "accept", Params(date=dt.date(2025, 12, 2)), people["zhaomin"], TODAY)
    return requests.act(view.id, "decide", Params(date=dt.date(2025, 12, 10), outcome=outcome,
                                                 reason_code=None if outcome == "予以公开" else 2,
                                                 reason=None if outcome == "予以公开" else "系重复申请"),
                        people["zhaomin"], TODAY)


def test_a_disclosing_reply_cannot_be_sent_before_its_review_passes(people):
    view = decided(people, "予以公开")
    with pytest.raises(IllegalTransition) as err:
        requests.act(view.id, "reply", Params(date=dt.date(2025, 12, 11)), people["zhaomin"], TODAY)
    assert err.value.message == ("“予以公开”的答复书须经保密审查通过后才能送达"
                                 "（承办人、办公室主任、分管领导三级签署后再答复；申请详情按 V 发起或查看）")
    r = reviews.create("reply", view.number, people["zhaomin"], TODAY)
    sign(people, r.id, "zhaomin", judgement="不涉密")
    sign(people, r.id, "qianli")
    with pytest.raises(IllegalTransition):  # two signatures of three are not a review
        requests.act(view.id, "reply", Params(date=dt.date(2025, 12, 11)), people["zhaomin"], TODAY)
    sign(people, r.id, "sunhong")
    sent = requests.act(view.id, "reply", Params(date=dt.date(2025, 12, 11)), people["zhaomin"], TODAY)
    assert sent.state == "replied"


def test_a_reply_that_discloses_nothing_needs_no_review(people):
    view = decided(people, "无法提供")
    sent = requests.act(view.id, "reply", Params(date=dt.date(2025, 12, 11)), people["zhaomin"], TODAY)
    assert sent.state == "replied"


def test_the_chain_from_the_command_line(people, env, cli, tmp_path, monkeypatch):
    body = tmp_path / "body.txt"
    body.write_text(TEXT + "\n", encoding="utf-8")
    monkeypatch.setenv("GONGKAI_TODAY", "2025-12-20")
    act_as(monkeypatch, "zhaomin")
    code, out, _ = cli("catalog", "add", "--title", "春节办公安排", "--class", "业务及服务", "--agency", "YXSZFB",
                       "--body", str(body), "--json")
    rid = json.loads(out)["review_id"]
    assert json.loads(out)["review"]["状态"] == "待承办人拟定意见"
    act_as(monkeypatch, "sunhong")
    code, _, err = cli("review", "sign", str(rid), "--opinion", "同意")
    assert (code, err) == (1, "错误：本步骤须由“承办人”签署，当前用户 sunhong（孙宏）没有该角色\n")
    for login, extra in (("zhaomin", ["--judgement", "不涉密"]), ("qianli", []), ("sunhong", [])):
        act_as(monkeypatch, login)
        code, out, err = cli("review", "sign", str(rid), "--opinion", "同意", *extra, "--json")
        assert code == 0, err
    assert json.loads(out)["state"] == "approved"
    act_as(monkeypatch, "qianli")
    code, out, _ = cli("review", "list", "--mine", "--json")
    assert json.loads(out) == []
    code, out, _ = cli("review", "form", str(rid), "--json")
    assert json.loads(out)["rows"][-1] == {"label": "审查结论", "value": "审查通过"}
    code, _, err = cli("review", "form", str(rid), "--format", "docx")
    assert (code, err) == (1, "错误：输出文件：输出 Word 文件须用 --out 指定路径\n")



def test_the_queue_shows_an_officer_only_their_agencys_items(people, entry):
    r = reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)  # a YXSZFB entry
    assert [v.id for v in reviews.queue(people["zhaomin"], "YXSZFB")] == [r.id]
    assert reviews.queue(people["zhaomin"], "YXFGW") == []


def test_an_officer_of_another_agency_can_neither_open_nor_sign_its_review(people, entry):
    """谁公开、谁审查: a YXFGW 承办人 signed for a YXSZFB entry."""
    outsider = users.add("liwei", "李伟", "YXFGW", [roles.CLERK])
    with pytest.raises(PermissionDenied) as refused:
        reviews.create("catalogue", entry.index_no, outsider, TODAY)
    assert refused.value.message == "李伟属于市发展改革委，不能审查其他机关（YXSZFB）的事项"
    r = reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)
    with pytest.raises(PermissionDenied):
        sign(people | {"liwei": outsider}, r.id, "liwei", judgement="不涉密")
    assert reviews.view(r.id).steps == ()


def test_the_review_sheet_is_dated_on_the_officers_working_day(people, entry):
    """A training database runs on GONGKAI_TODAY: its 审查表 must not carry the machine's date."""
    r = reviews.create("catalogue", entry.index_no, people["zhaomin"], TODAY)
    signed = sign(people, r.id, "zhaomin", judgement="不涉密")
    assert signed.steps[0]["at"].date() == TODAY
    assert catalogue.find(entry.index_no).review["签署"][0]["时间"].startswith("2025-12-20 ")
